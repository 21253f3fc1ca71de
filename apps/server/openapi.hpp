#pragma once
// The OpenAPI 3 document of the API (apps/server/openapi.json), embedded at build time so the
// server serves exactly the document it was built with.
#include <string_view>

namespace passend::server {

std::string_view openapi_document();

}  // namespace passend::server
