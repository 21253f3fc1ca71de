// core/json_writer.hpp: the streaming writer gives the bytes nlohmann::json's dump() gives for
// the same document: escaping of quotes, backslashes and control characters, Dutch text in
// UTF-8 as is, numbers, and the same error on invalid UTF-8.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/json_writer.hpp"

using namespace passend;
using J = nlohmann::ordered_json;

namespace {
std::string streamed_string(const std::string& s) {
  std::string out;
  JsonWriter w(out);
  w.string(s);
  return out;
}

std::string streamed_real(double v) {
  std::string out;
  JsonWriter w(out);
  w.real(v);
  return out;
}
}  // namespace

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharactersAsDumpDoes) {
  EXPECT_EQ(streamed_string("zegt \"nee\""), R"("zegt \"nee\"")");
  EXPECT_EQ(streamed_string("C:\\zorg\\map"), R"("C:\\zorg\\map")");
  EXPECT_EQ(streamed_string("a\bb\fc\nd\re\tf"), R"("a\bb\fc\nd\re\tf")");
  EXPECT_EQ(streamed_string(std::string("nul\0en", 6)), R"("nul\u0000en")");
  EXPECT_EQ(streamed_string("\x01\x1f\x0b"), R"("\u0001\u001f\u000b")");
  EXPECT_EQ(streamed_string("/ en \x7f"), "\"/ en \x7f\"");  // neither the slash nor DEL is escaped
  // Every single byte below 0x80, and each control character inside text, as dump() writes it.
  for (int c = 0; c < 0x80; ++c) {
    const std::string s = "x" + std::string(1, static_cast<char>(c)) + "y";
    EXPECT_EQ(streamed_string(s), J(s).dump()) << "byte " << c;
  }
}

TEST(JsonWriter, LeavesDutchTextInUtf8AsItIs) {
  const std::string dutch = "Zorgboerderij \"De Eik\" in IJsselstein: één plek, café, geïndiceerd, 12 °C, ‘aanhalingstekens’ €";
  EXPECT_EQ(streamed_string(dutch), J(dutch).dump());
  EXPECT_NE(streamed_string(dutch).find("één plek"), std::string::npos);
  const std::string emoji = "\xF0\x9F\x8F\xA0 huis";  // a four-byte character
  EXPECT_EQ(streamed_string(emoji), "\"" + emoji + "\"");
}

TEST(JsonWriter, RefusesInvalidUtf8WithTheErrorOfDump) {
  for (const std::string& bad : {std::string("caf\xE9"), std::string("\xC0\xAF"), std::string("ab\xED\xA0\x80"),
                                std::string("end\xE2\x82")}) {
    std::string expected;
    try {
      (void)J(bad).dump();
      ADD_FAILURE() << "dump() accepted it";
    } catch (const nlohmann::json::type_error& e) {
      expected = e.what();
    }
    try {
      (void)streamed_string(bad);
      ADD_FAILURE() << "the writer accepted invalid UTF-8";
    } catch (const nlohmann::json::type_error& e) {
      EXPECT_EQ(std::string(e.what()), expected);
      EXPECT_EQ(e.id, 316);
    }
  }
}

TEST(JsonWriter, WritesNumbersAsDumpDoes) {
  for (double v : {0.0, -0.0, 1.0, 25.9, 0.1, 14.8, -3.25, 100.0, 1e-5, 123456789.125, 1e21, 2.0 / 3.0,
                   std::round(25.900000000000002 * 10) / 10})
    EXPECT_EQ(streamed_real(v), J(v).dump()) << v;
  EXPECT_EQ(streamed_real(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(streamed_real(std::numeric_limits<double>::infinity()), "null");
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  w.integer(std::numeric_limits<std::int64_t>::min());
  w.integer(0);
  w.unsigned_integer(std::numeric_limits<std::uint64_t>::max());
  w.end_array();
  J same = J::array();
  same.push_back(std::numeric_limits<std::int64_t>::min());
  same.push_back(0);
  same.push_back(std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(out, same.dump());
}

TEST(JsonWriter, SeparatesMembersAndNestedContainersAsDumpDoes) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("a", "x");
  w.key("empty");
  w.begin_array();
  w.end_array();
  w.key("list");
  w.begin_array();
  w.begin_object();
  w.end_object();
  w.begin_object();
  w.field_bool("b", true);
  w.field_null("c");
  w.end_object();
  w.null();
  w.end_array();
  w.field_int("n", -7);
  w.end_object();
  const J expected = J::parse(R"({"a":"x","empty":[],"list":[{},{"b":true,"c":null},null],"n":-7})");
  EXPECT_EQ(out, expected.dump());
}
