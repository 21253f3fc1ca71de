#include "core/case_json.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>
#include <sstream>

#include "core/errors.hpp"

namespace passend {

namespace {
using nlohmann::json;

const std::set<std::string>& personal_fields() {
  static const std::set<std::string> fields = {
      "name",      "first_name",    "last_name", "full_name",  "surname",     "bsn",     "birth_date",
      "birthdate", "date_of_birth", "dob",       "address",    "street",      "house_number",
      "postcode",  "postal_code",   "zip",       "phone",      "telephone",   "mobile",  "email",
      "e_mail",    "naam",          "voornaam",  "achternaam", "geboortedatum", "adres", "telefoon",
      "burgerservicenummer"};
  return fields;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string escape_pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "a value";
  }
}

std::string quoted(const json& v) {
  if (!v.is_string()) return v.dump();
  std::string out(1, '\'');  // built by appending: GCC 12 warns falsely on "'" + std::string
  out += v.get_ref<const std::string&>();
  out += '\'';
  return out;
}

// The fields that hold free text a person typed. They get the full personal-data check and a
// length limit (Reader::free_text); every other string holds a code, an id or a date.
bool is_free_text(const std::string& pointer) { return pointer == "/maatwerk/reason" || pointer == "/maatwerk/approved_by"; }

// Walks the whole document for personal data: refused field names, and BSN-like numbers in any
// string. Only the BSN check applies here: a date is what `maatwerk.date` and `registered` mean.
void refuse_personal_data(const json& v, const std::string& pointer, IssueList& issues) {
  if (v.is_object()) {
    for (const auto& [key, value] : v.items()) {
      std::string child = pointer + "/" + escape_pointer_token(key);
      if (is_personal_data_field(key))
        issues.add(child, "personal data is refused: passend works with pseudonymous case ids only (field '" + key + "')");
      else
        refuse_personal_data(value, child, issues);
    }
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) refuse_personal_data(v[i], pointer + "/" + std::to_string(i), issues);
  } else if (v.is_string() && !is_free_text(pointer) && looks_like_bsn(v.get_ref<const std::string&>())) {
    issues.add(pointer, refusal_message(PersonalDataKind::bsn));
  }
}

// Small typed readers that add an issue and return a fallback instead of throwing, so that
// every problem of a document is reported in one go.
class Reader {
 public:
  Reader(IssueList& issues) : issues_(issues) {}

  bool object(const json& v, const std::string& p, std::initializer_list<const char*> allowed) {
    if (!v.is_object()) {
      issues_.add(p, std::string("expected an object, got ") + type_name(v));
      return false;
    }
    for (const auto& item : v.items()) {
      const std::string& key = item.key();  // a plain reference: clang 14 cannot capture a structured binding
      if (is_personal_data_field(key)) continue;  // reported by refuse_personal_data
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
        issues_.add(p + "/" + escape_pointer_token(key), "unknown field '" + key + "'");
    }
    return true;
  }

  const json* field(const json& obj, const std::string& p, const char* key, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) issues_.add(p + "/" + key, "required field is missing");
      return nullptr;
    }
    return &*it;
  }

  std::string string(const json& v, const std::string& p) {
    if (!v.is_string()) {
      issues_.add(p, std::string("expected a string, got ") + type_name(v));
      return {};
    }
    return v.get<std::string>();
  }

  std::optional<int> integer(const json& v, const std::string& p, int min, int max) {
    if (!v.is_number_integer()) {
      issues_.add(p, std::string("expected an integer, got ") + type_name(v));
      return std::nullopt;
    }
    auto n = v.get<long long>();
    if (n < min || n > max) {
      issues_.add(p, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + std::to_string(n));
      return std::nullopt;
    }
    return static_cast<int>(n);
  }

  bool boolean(const json& v, const std::string& p) {
    if (!v.is_boolean()) {
      issues_.add(p, std::string("expected a boolean, got ") + type_name(v));
      return false;
    }
    return v.get<bool>();
  }

  // Text a person typed: at most kMaxFreeTextLength characters and no personal data.
  std::string free_text(const json& v, const std::string& p) {
    std::string text = string(v, p);
    for (auto& problem : free_text_problems(text)) issues_.add(p, std::move(problem));
    return text;
  }

  std::optional<Date> date(const json& v, const std::string& p) {
    auto text = string(v, p);
    if (!v.is_string()) return std::nullopt;
    auto d = Date::parse(text);
    if (!d) issues_.add(p, "invalid date '" + text + "'; expected YYYY-MM-DD");
    return d;
  }

  // A list of words, each checked by `known`; duplicates are removed, order kept.
  template <class Known>
  std::vector<std::string> words(const json& v, const std::string& p, Known known, const std::string& what,
                                 const std::string& expected) {
    std::vector<std::string> out;
    if (!v.is_array()) {
      issues_.add(p, std::string("expected an array, got ") + type_name(v));
      return out;
    }
    std::unordered_set<std::string> seen;  // a list of 100,000 ids must not cost 10^10 comparisons
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string ip = p + "/" + std::to_string(i);
      auto w = string(v[i], ip);
      if (!v[i].is_string()) continue;
      if (!known(w)) {
        issues_.add(ip, "unknown " + what + " " + quoted(v[i]) + (expected.empty() ? "" : "; expected one of " + expected));
        continue;
      }
      if (seen.insert(w).second) out.push_back(w);
    }
    return out;
  }

  IssueList& issues() { return issues_; }

 private:
  IssueList& issues_;
};

bool valid_identifier(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

std::vector<std::string> ids_of(const std::vector<CareFormTerm>& terms) {
  std::vector<std::string> out;
  for (const auto& t : terms) out.push_back(t.id);
  return out;
}
std::vector<std::string> ids_of(const std::vector<Term>& terms) {
  std::vector<std::string> out;
  for (const auto& t : terms) out.push_back(t.id);
  return out;
}

const std::vector<std::string>& maatwerk_categories() {
  static const std::vector<std::string> list = {"non_contracted", "outside_region"};
  return list;
}

void read_need(Reader& r, const json& need, Case& c, const Vocabulary& v) {
  const std::string p = "/need";
  if (!r.object(need, p, {"care_forms", "expertise", "urgency", "max_wait_weeks"})) return;
  if (auto* f = r.field(need, p, "care_forms", true)) {
    c.care_forms = r.words(*f, p + "/care_forms", [&](const std::string& w) { return v.is_care_form(w); }, "care form",
                           join(ids_of(v.care_forms())));
    if (f->is_array() && f->empty()) r.issues().add(p + "/care_forms", "at least one care form is required");
  }
  if (auto* f = r.field(need, p, "expertise", false))
    c.expertise = r.words(*f, p + "/expertise", [&](const std::string& w) { return v.is_expertise(w); }, "expertise", "");
  if (auto* f = r.field(need, p, "urgency", false)) {
    auto u = r.string(*f, p + "/urgency");
    if (f->is_string() && !v.is_urgency(u))
      r.issues().add(p + "/urgency", "unknown urgency '" + u + "'; expected one of " + join(ids_of(v.urgencies())));
    else if (f->is_string())
      c.urgency = u;
  }
  if (auto* f = r.field(need, p, "max_wait_weeks", false)) c.max_wait_weeks = r.integer(*f, p + "/max_wait_weeks", 0, 520);
}

void read_preferences(Reader& r, const json& prefs, Case& c, const Vocabulary& v, const RegionGraph& g) {
  const std::string p = "/preferences";
  if (!r.object(prefs, p, {"identity", "near_municipalities"})) return;
  if (auto* f = r.field(prefs, p, "identity", false)) {
    auto id = r.string(*f, p + "/identity");
    if (f->is_string() && !v.is_identity(id))
      r.issues().add(p + "/identity", "unknown identity '" + id + "'; expected one of " + join(v.identities()));
    else
      c.preferred_identity = id;
  }
  if (auto* f = r.field(prefs, p, "near_municipalities", false))
    c.near_municipalities = r.words(*f, p + "/near_municipalities",
                                    [&](const std::string& w) { return g.municipality(w) != nullptr; }, "municipality", "");
}

void read_history(Reader& r, const json& hist, Case& c) {
  const std::string p = "/history";
  if (!r.object(hist, p, {"rejected_by", "previous_providers", "breakdowns"})) return;
  auto ids = [&](const char* key, std::vector<std::string>& out) {
    if (auto* f = r.field(hist, p, key, false))
      out = r.words(*f, p + "/" + key, valid_identifier, "provider id", "");
  };
  ids("rejected_by", c.rejected_by);
  ids("previous_providers", c.previous_providers);
  ids("breakdowns", c.breakdowns);
  // previous_providers are those the youth knows *without* a breakdown: one provider in both
  // would have the rules reward continuity with a provider where a placement broke down.
  for (std::size_t i = 0; i < c.breakdowns.size(); ++i)
    if (std::find(c.previous_providers.begin(), c.previous_providers.end(), c.breakdowns[i]) != c.previous_providers.end())
      r.issues().add(p + "/breakdowns/" + std::to_string(i),
                     "provider '" + c.breakdowns[i] +
                         "' is also in previous_providers, which holds providers known without a breakdown; name it in one of the two");
}

const std::vector<std::string>& legal_measures() {
  static const std::vector<std::string> list = {"none", "ots", "voogdij", "jeugdreclassering"};
  return list;
}

void read_legal(Reader& r, const json& legal, Case& c) {
  const std::string p = "/legal";
  if (!r.object(legal, p, {"secure_authorisation", "measure"})) return;
  if (auto* f = r.field(legal, p, "secure_authorisation", false))
    c.legal.secure_authorisation = r.boolean(*f, p + "/secure_authorisation");
  if (auto* f = r.field(legal, p, "measure", false)) {
    auto m = r.string(*f, p + "/measure");
    const auto& measures = legal_measures();
    if (f->is_string() && std::find(measures.begin(), measures.end(), m) == measures.end())
      r.issues().add(p + "/measure", "unknown measure " + quoted(*f) + "; expected one of " + join(measures));
    else if (f->is_string())
      c.legal.measure = m;
  }
}

void read_maatwerk(Reader& r, const json& m, Case& c) {
  const std::string p = "/maatwerk";
  if (!r.object(m, p, {"approved_by", "date", "reason", "allow"})) return;
  Maatwerk mw;
  bool ok = true;
  if (auto* f = r.field(m, p, "approved_by", true)) {
    mw.approved_by = r.free_text(*f, p + "/approved_by");
    if (f->is_string() && mw.approved_by.empty()) r.issues().add(p + "/approved_by", "must name who approved");
  } else ok = false;
  if (auto* f = r.field(m, p, "date", true)) {
    if (auto d = r.date(*f, p + "/date")) mw.date = *d;
  } else ok = false;
  if (auto* f = r.field(m, p, "reason", true)) {
    mw.reason = r.free_text(*f, p + "/reason");
    if (f->is_string() && mw.reason.empty()) r.issues().add(p + "/reason", "must say why");
  } else ok = false;
  if (auto* f = r.field(m, p, "allow", true)) {
    mw.allow = r.words(*f, p + "/allow",
                       [](const std::string& w) {
                         const auto& cats = maatwerk_categories();
                         return std::find(cats.begin(), cats.end(), w) != cats.end();
                       },
                       "maatwerk exception", join(maatwerk_categories()));
  } else ok = false;
  if (ok) c.maatwerk = mw;
}
}  // namespace

bool is_personal_data_field(const std::string& key) { return personal_fields().count(lower(key)) > 0; }

bool is_pseudonymous_case_id(const std::string& id) { return valid_identifier(id) && !find_personal_data(id); }

Case parse_case(const json& doc, const std::string& file, const Vocabulary& v, const RegionGraph& g) {
  IssueList issues(file);
  Reader r(issues);
  Case c;
  refuse_personal_data(doc, "", issues);
  if (!r.object(doc, "", {"id", "age", "municipality", "need", "flags", "preferences", "history", "legal", "maatwerk", "registered"})) {
    issues.throw_if_any();
  }
  if (auto* f = r.field(doc, "", "id", true)) {
    c.id = r.string(*f, "/id");
    if (f->is_string() && !valid_identifier(c.id))
      issues.add("/id", "a case id is 1-64 letters, digits, '-', '_' or '.': a pseudonym, never a name");
    else if (f->is_string())  // a BSN anywhere is reported by refuse_personal_data already
      if (auto kind = find_personal_data(c.id, {PersonalDataKind::bsn}))
        issues.add("/id", std::string("a case id is a pseudonym and may not hold ") + describe(*kind) +
                              " (a birth date, a phone number); use a number such as 2026-FV-042");
  }
  if (auto* f = r.field(doc, "", "age", true)) c.age = r.integer(*f, "/age", kMinCaseAge, kMaxCaseAge).value_or(0);
  if (auto* f = r.field(doc, "", "municipality", true)) {
    c.municipality = r.string(*f, "/municipality");
    if (f->is_string() && !g.municipality(c.municipality))
      issues.add("/municipality", "unknown municipality '" + c.municipality + "'; expected a CBS code such as GM0228");
  }
  if (auto* f = r.field(doc, "", "need", true)) read_need(r, *f, c, v);
  if (auto* f = r.field(doc, "", "flags", false))
    c.flags = r.words(*f, "/flags", [&](const std::string& w) { return v.is_flag(w); }, "flag", join(ids_of(v.flags())));
  if (auto* f = r.field(doc, "", "preferences", false)) read_preferences(r, *f, c, v, g);
  if (auto* f = r.field(doc, "", "history", false)) read_history(r, *f, c);
  if (auto* f = r.field(doc, "", "legal", false)) read_legal(r, *f, c);
  if (auto* f = r.field(doc, "", "maatwerk", false)) read_maatwerk(r, *f, c);
  if (auto* f = r.field(doc, "", "registered", false)) c.registered = r.date(*f, "/registered");
  issues.throw_if_any();
  return c;
}

void check_case_on(const Case& c, Date reference_date, const std::string& file) {
  if (c.maatwerk && c.maatwerk->date > reference_date)
    throw InvalidInput(file, "/maatwerk/date",
                       "approval date " + c.maatwerk->date.str() + " lies after the reference date " + reference_date.str() +
                           "; maatwerk counts only once the RET has approved it");
}

}  // namespace passend
