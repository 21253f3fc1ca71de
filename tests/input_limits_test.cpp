// Every input at every door has limits (hardening, second round): a case nested 20,000 deep,
// /dev/zero as a case or a network, a FIFO, duplicate keys. Each is refused with exit 2 and a
// message naming the file and what is wrong, fast, and nothing is written.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "tests/support/cli_runner.hpp"

using namespace passend::testing;
using namespace std::string_literals;

namespace {

const char* kDate = "2026-11-26";

struct Db {
  TempDir dir;
  std::string path = dir.file("passend.db");
  Db() {
    auto init = run_passend({"init", "--db", path});
    EXPECT_EQ(init.exit_code, 0) << init.err;
  }
  // `audit list` prints one line per record.
  int audit_records() {
    auto list = run_passend({"audit", "list", "--db", path});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    return static_cast<int>(std::count(list.out.begin(), list.out.end(), '\n'));
  }
};

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

TEST(InputLimits, ACaseNestedTwentyThousandDeepIsRefusedNotACrash) {
  Db db;
  std::string deep = R"({"id": "2026-FV-001", "age": 15, "municipality": "GM0228", "need": {"care_forms": ["crisis"]}, "x": )";
  deep += std::string(20000, '[') + std::string(20000, ']') + "}";
  const std::string file = db.dir.file("case.json");
  write_text(file, deep);
  auto r = run_passend({"query", "--db", db.path, "--case", file, "--date", kDate});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(first_line(r.err), ""s + file + ": /x/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0: nested deeper than 32 levels");
}

TEST(InputLimits, DevZeroIsNotReadAsACaseOrANetwork) {
  Db db;
  const auto start = std::chrono::steady_clock::now();
  auto query = run_passend({"query", "--db", db.path, "--case", "/dev/zero", "--date", kDate});
  EXPECT_EQ(query.exit_code, 2);
  EXPECT_EQ(first_line(query.err),
            "/dev/zero: is not a regular file (a device, pipe or socket is not read)");
  auto import = run_passend({"import", "--db", db.path, "/dev/zero"});
  EXPECT_EQ(import.exit_code, 2);
  EXPECT_EQ(first_line(import.err),
            "/dev/zero: is not a regular file (a device, pipe or socket is not read)");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
  EXPECT_EQ(db.audit_records(), 0);
}

TEST(InputLimits, AFifoDoesNotHangTheImport) {
  Db db;
  const std::string fifo = db.dir.file("network.json");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  auto r = run_passend({"import", "--db", db.path, fifo});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err), ""s + fifo + ": is not a regular file (a device, pipe or socket is not read)");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
}

TEST(InputLimits, ADuplicateKeyIsRefusedWithItsPointer) {
  Db db;
  const std::string file = db.dir.file("case.json");
  write_text(file, R"({"id": "2026-FV-001", "age": 15, "municipality": "GM0228",
    "need": {"care_forms": ["crisis"], "urgency": "normal", "urgency": "crisis"}})");
  auto r = run_passend({"query", "--db", db.path, "--case", file, "--date", kDate});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err), ""s + file + ": /need/urgency: the key 'urgency' appears twice in one object");
  EXPECT_EQ(db.audit_records(), 0);
}

TEST(InputLimits, ACaseFileOverOneMebibyteIsNotRead) {
  Db db;
  const std::string file = db.dir.file("case.json");
  write_text(file, R"({"id": "2026-FV-001", "age": 15, "municipality": "GM0228", "need": {"care_forms": ["crisis"]},
    "maatwerk": {"approved_by": "RET", "date": "2026-11-20", "allow": ["non_contracted"], "reason": ")" +
                       std::string(2 << 20, 'x') + "\"}}");
  auto r = run_passend({"query", "--db", db.path, "--case", file, "--date", kDate});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err), ""s + file + ": the file is 2 MiB; at most 1 MiB is read");
}

TEST(InputLimits, AFolderIsNotAFile) {
  Db db;
  auto r = run_passend({"import", "--db", db.path, db.dir.path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err), ""s + db.dir.path().string() + ": is a folder, not a file");
}

// A long list in a case (70,000 ids in history.rejected_by, under the 1 MiB limit) is read in
// linear time; the duplicate check was quadratic and took seconds per request.
TEST(InputLimits, ALongListInACaseIsReadWithoutAQuadraticCheck) {
  Db db;
  std::string ids;
  for (int i = 0; i < 70000; ++i) ids += (i ? ",\"p" : "\"p") + std::to_string(i) + "\"";
  const std::string file = db.dir.file("case.json");
  write_text(file, R"({"id": "2026-FV-001", "age": 15, "municipality": "GM0228", "need": {"care_forms": ["crisis"]},
    "history": {"rejected_by": [)" + ids + "]}}");
  const auto start = std::chrono::steady_clock::now();
  auto r = run_passend({"query", "--db", db.path, "--case", file, "--date", kDate, "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
}
