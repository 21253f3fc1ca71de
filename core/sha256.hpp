#pragma once
// SHA-256 digests for provenance: import batches hash the file they read, the rule host hashes
// rule files, the audit hashes cases and results. Backed by OpenSSL's libcrypto (EVP).
#include <string>
#include <string_view>

namespace passend {

// Lower-case hex SHA-256 of the bytes (64 characters), without a "sha256:" prefix.
std::string sha256_hex(std::string_view bytes);

}  // namespace passend
