#include "providers/network_json.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/json_pointer.hpp"
#include "providers/network_checks.hpp"

namespace passend {

namespace {
using nlohmann::json;
namespace nc = network_checks;

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

// The fields each object may have; anything else is refused.
const std::vector<std::string>& top_fields() {
  static const std::vector<std::string> list = {"providers", "lot_overrides"};
  return list;
}
const std::vector<std::string>& provider_fields() {
  static const std::vector<std::string> list = {"id", "name", "in_network", "urgent_contact", "contracts", "locations"};
  return list;
}
const std::vector<std::string>& contract_fields() {
  static const std::vector<std::string> list = {"region", "lot", "status", "from", "until"};
  return list;
}
const std::vector<std::string>& location_fields() {
  static const std::vector<std::string> list = {"id", "municipality", "offerings"};
  return list;
}
const std::vector<std::string>& offering_fields() {
  static const std::vector<std::string> list = {"id", "care_form", "product_category", "expertise", "age_min", "age_max", "contraindications", "identity", "supra_regional", "capacity"};
  return list;
}
const std::vector<std::string>& capacity_fields() {
  static const std::vector<std::string> list = {"places", "free", "wait_weeks", "updated"};
  return list;
}
const std::vector<std::string>& lot_override_fields() {
  static const std::vector<std::string> list = {"region", "care_form", "lot"};
  return list;
}

std::string at(const std::string& pointer) { return "at " + pointer; }

// Reads one NETWORK.json document into the model, adding an issue for every problem instead
// of stopping at the first, so that a contract manager can fix a file in one round.
class NetworkReader {
 public:
  NetworkReader(IssueList& issues, const Vocabulary& vocabulary, const RegionGraph& regions)
      : issues_(issues), vocabulary_(vocabulary), regions_(regions) {}

  ProviderNetwork read(const json& doc) {
    ProviderNetwork network;
    if (!object(doc, "", top_fields())) return network;
    if (const json* list = array_field(doc, "", "providers", true)) {
      if (list->empty())
        issues_.add("/providers", "the network has no providers; an import replaces the whole registry, so at least one is required");
      for (std::size_t i = 0; i < list->size(); ++i)
        network.providers.push_back(read_provider((*list)[i], "/providers/" + std::to_string(i)));
    }
    if (const json* list = array_field(doc, "", "lot_overrides", false))
      for (std::size_t i = 0; i < list->size(); ++i)
        network.lot_overrides.push_back(read_lot_override((*list)[i], "/lot_overrides/" + std::to_string(i)));
    return network;
  }

 private:
  void report(const std::string& pointer, const nc::Problem& problem) {
    if (problem) issues_.add(pointer, *problem);
  }

  // Checks the type and refuses unknown fields (with a suggestion for a likely typo).
  // `allowed` is one of the static field lists below: built once, not per object.
  bool object(const json& v, const std::string& p, const std::vector<std::string>& allowed) {
    if (!v.is_object()) {
      issues_.add(p, std::string("expected an object, got ") + type_name(v));
      return false;
    }
    for (const auto& [key, value] : v.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string message = "unknown field '" + key + "'";
      if (auto guess = nc::closest(key, allowed); !guess.empty()) message += "; did you mean '" + guess + "'?";
      issues_.add(child_pointer(p, key), message);
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

  const json* array_field(const json& obj, const std::string& p, const char* key, bool required) {
    const json* v = field(obj, p, key, required);
    if (v && !v->is_array()) {
      issues_.add(p + "/" + key, std::string("expected an array, got ") + type_name(*v));
      return nullptr;
    }
    return v;
  }

  std::optional<std::string> string_field(const json& obj, const std::string& p, const char* key, bool required) {
    const json* v = field(obj, p, key, required);
    if (!v) return std::nullopt;
    if (v->is_string()) return v->get<std::string>();
    issues_.add(p + "/" + key, std::string("expected a string, got ") + type_name(*v));
    return std::nullopt;
  }

  // A string that must pass a check (an id, a vocabulary word, a code).
  template <class Check>
  std::string checked_field(const json& obj, const std::string& p, const char* key, bool required, Check check) {
    auto value = string_field(obj, p, key, required);
    if (!value) return {};
    if (auto problem = check(*value)) issues_.add(p + "/" + key, *problem);  // the pointer only when needed
    return *value;
  }

  std::optional<int> integer_field(const json& obj, const std::string& p, const char* key, bool required, int min,
                                   int max) {
    const json* v = field(obj, p, key, required);
    if (!v) return std::nullopt;
    if (!v->is_number_integer()) {
      issues_.add(p + "/" + key, std::string("expected an integer, got ") + type_name(*v));
      return std::nullopt;
    }
    // Unsigned values beyond long long are out of every range we accept anyway.
    long long n = v->is_number_unsigned() && v->get<unsigned long long>() > 1'000'000'000ULL ? 1'000'000'000LL
                                                                                              : v->get<long long>();
    if (auto problem = nc::within(n, min, max)) {
      issues_.add(p + "/" + key, *problem);
      return std::nullopt;
    }
    return static_cast<int>(n);
  }

  std::optional<bool> boolean_field(const json& obj, const std::string& p, const char* key) {
    const json* v = field(obj, p, key, false);
    if (!v) return std::nullopt;
    if (v->is_boolean()) return v->get<bool>();
    issues_.add(p + "/" + key, std::string("expected a boolean, got ") + type_name(*v));
    return std::nullopt;
  }

  std::optional<Date> date_field(const json& obj, const std::string& p, const char* key) {
    auto text = string_field(obj, p, key, true);
    if (!text) return std::nullopt;
    auto d = Date::parse(*text);
    if (!d) report(p + "/" + key, nc::date_text(*text));
    return d;
  }

  // A list of vocabulary words, each checked; returned sorted and unique (as the model keeps them).
  template <class Check>
  std::vector<std::string> words_field(const json& obj, const std::string& p, const char* key, Check check) {
    std::vector<std::string> out;
    const json* list = array_field(obj, p, key, false);
    if (!list) return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      auto here = [&] { return p + "/" + key + "/" + std::to_string(i); };
      if (!item.is_string()) {
        issues_.add(here(), std::string("expected a string, got ") + type_name(item));
        continue;
      }
      const std::string& word = item.get_ref<const std::string&>();
      if (auto problem = check(word)) {
        issues_.add(here(), *problem);
        continue;
      }
      out.push_back(word);
    }
    return nc::sorted_unique(std::move(out));
  }

  // Ids are unique across the document; a duplicate names the first use.
  void claim_id(nc::FirstUse& ids, const char* kind, const std::string& id, const std::string& p) {
    if (id.empty()) return;
    if (auto first = ids.claim(id, at(p + "/id")))
      issues_.add(p + "/id", nc::duplicate(std::string(kind) + " id '" + id + "'", *first));
  }

  Provider read_provider(const json& v, const std::string& p) {
    Provider provider;
    if (!object(v, p, provider_fields())) return provider;
    provider.id = checked_field(v, p, "id", true, [](const std::string& s) { return nc::id(s, "provider"); });
    claim_id(provider_ids_, "provider", provider.id, p);
    provider.name = checked_field(v, p, "name", true, [](const std::string& s) {
      auto problem = nc::not_empty(s);
      return problem ? problem : nc::no_personal_data(s);
    });
    provider.in_network = boolean_field(v, p, "in_network").value_or(true);
    provider.urgent_contact = checked_field(v, p, "urgent_contact", false, nc::no_personal_data_but_contact);
    if (const json* list = array_field(v, p, "contracts", false)) {
      nc::FirstUse contract_keys;
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string cp = p + "/contracts/" + std::to_string(i);
        const std::size_t issues_before = issues_.size();
        provider.contracts.push_back(read_contract((*list)[i], cp));
        const Contract& c = provider.contracts.back();
        if (issues_.size() != issues_before) continue;  // a broken contract has no trustworthy key
        if (auto first = contract_keys.claim(c.region + "|" + c.lot + "|" + c.from.str(), at(cp)))
          issues_.add(cp, nc::duplicate("contract for region " + c.region + ", lot " + c.lot + " from " + c.from.str(), *first));
      }
    }
    if (const json* list = array_field(v, p, "locations", true))
      for (std::size_t i = 0; i < list->size(); ++i)
        provider.locations.push_back(read_location((*list)[i], p + "/locations/" + std::to_string(i)));
    return provider;
  }

  Contract read_contract(const json& v, const std::string& p) {
    Contract c;
    if (!object(v, p, contract_fields())) return c;
    c.region = checked_field(v, p, "region", true, [&](const std::string& s) { return nc::contract_region(s, regions_); });
    c.lot = checked_field(v, p, "lot", true, [&](const std::string& s) { return nc::lot(s, vocabulary_); });
    c.status = checked_field(v, p, "status", true, nc::status);
    auto from = date_field(v, p, "from");
    auto until = date_field(v, p, "until");
    if (from) c.from = *from;
    if (until) c.until = *until;
    if (from && until) report(p + "/until", nc::date_order(*from, *until));
    return c;
  }

  Location read_location(const json& v, const std::string& p) {
    Location location;
    if (!object(v, p, location_fields())) return location;
    location.id = checked_field(v, p, "id", true, [](const std::string& s) { return nc::id(s, "location"); });
    claim_id(location_ids_, "location", location.id, p);
    location.municipality =
        checked_field(v, p, "municipality", true, [&](const std::string& s) { return nc::municipality(s, regions_); });
    if (const json* list = array_field(v, p, "offerings", true))
      for (std::size_t i = 0; i < list->size(); ++i)
        location.offerings.push_back(read_offering((*list)[i], p + "/offerings/" + std::to_string(i)));
    return location;
  }

  Offering read_offering(const json& v, const std::string& p) {
    Offering o;
    if (!object(v, p, offering_fields()))
      return o;
    o.id = checked_field(v, p, "id", true, [](const std::string& s) { return nc::id(s, "offering"); });
    claim_id(offering_ids_, "offering", o.id, p);
    o.care_form = checked_field(v, p, "care_form", true, [&](const std::string& s) { return nc::care_form(s, vocabulary_); });
    o.product_category = checked_field(v, p, "product_category", true,
                                       [&](const std::string& s) { return nc::product_category(s, vocabulary_); });
    o.expertise = words_field(v, p, "expertise", [&](const std::string& s) { return nc::expertise(s, vocabulary_); });
    o.contraindications =
        words_field(v, p, "contraindications", [&](const std::string& s) { return nc::contraindication(s, vocabulary_); });
    auto age_min = integer_field(v, p, "age_min", true, 0, nc::max_age);
    auto age_max = integer_field(v, p, "age_max", true, 0, nc::max_age);
    if (age_min && age_max) report(p + "/age_max", nc::age_order(*age_min, *age_max));
    o.age_min = age_min.value_or(0);
    o.age_max = age_max.value_or(0);
    // "" is no identity, like a missing field.
    o.identity = checked_field(v, p, "identity", false, [&](const std::string& s) {
      return s.empty() ? nc::Problem{} : nc::identity(s, vocabulary_);
    });
    o.supra_regional = boolean_field(v, p, "supra_regional").value_or(false);
    if (const json* c = field(v, p, "capacity", true)) o.capacity = read_capacity(*c, p + "/capacity");
    return o;
  }

  Capacity read_capacity(const json& v, const std::string& p) {
    Capacity c;
    if (!object(v, p, capacity_fields())) return c;
    auto places = integer_field(v, p, "places", true, 0, nc::max_places);
    auto free = integer_field(v, p, "free", true, 0, nc::max_places);
    if (places && free) report(p + "/free", nc::free_within_places(*free, *places));
    c.places = places.value_or(0);
    c.free = free.value_or(0);
    c.wait_weeks = integer_field(v, p, "wait_weeks", false, 0, nc::max_wait_weeks).value_or(0);
    if (auto d = date_field(v, p, "updated")) c.updated = *d;
    return c;
  }

  LotOverride read_lot_override(const json& v, const std::string& p) {
    LotOverride o;
    if (!object(v, p, lot_override_fields())) return o;
    o.region = checked_field(v, p, "region", true, [&](const std::string& s) { return nc::override_region(s, regions_); });
    o.care_form = checked_field(v, p, "care_form", true, [&](const std::string& s) { return nc::care_form(s, vocabulary_); });
    o.lot = checked_field(v, p, "lot", true, [&](const std::string& s) { return nc::lot(s, vocabulary_); });
    if (!o.region.empty() && !o.care_form.empty())
      if (auto first = override_keys_.claim(o.region + "|" + o.care_form, at(p)))
        issues_.add(p, nc::duplicate("lot override for region " + o.region + " and care form " + o.care_form, *first));
    return o;
  }

  IssueList& issues_;
  const Vocabulary& vocabulary_;
  const RegionGraph& regions_;
  nc::FirstUse provider_ids_, location_ids_, offering_ids_, override_keys_;
};
}  // namespace

ProviderNetwork parse_network_json(const json& doc, const std::string& file, const Vocabulary& vocabulary,
                                   const RegionGraph& regions) {
  IssueList issues(file);
  ProviderNetwork network = NetworkReader(issues, vocabulary, regions).read(doc);
  issues.throw_if_any();
  return network;
}

nlohmann::ordered_json network_to_json(const ProviderNetwork& network) {
  using oj = nlohmann::ordered_json;
  oj providers = oj::array();
  for (const auto& p : network.providers) {
    oj contracts = oj::array();
    for (const auto& c : p.contracts)
      contracts.push_back({{"region", c.region}, {"lot", c.lot}, {"status", c.status}, {"from", c.from.str()}, {"until", c.until.str()}});
    oj locations = oj::array();
    for (const auto& l : p.locations) {
      oj offerings = oj::array();
      for (const auto& o : l.offerings) {
        oj offering = {{"id", o.id}, {"care_form", o.care_form}, {"product_category", o.product_category},
                       {"expertise", o.expertise}, {"age_min", o.age_min}, {"age_max", o.age_max},
                       {"contraindications", o.contraindications}};
        if (!o.identity.empty()) offering["identity"] = o.identity;
        offering["supra_regional"] = o.supra_regional;
        offering["capacity"] = {{"places", o.capacity.places}, {"free", o.capacity.free},
                                {"wait_weeks", o.capacity.wait_weeks}, {"updated", o.capacity.updated.str()}};
        offerings.push_back(std::move(offering));
      }
      locations.push_back({{"id", l.id}, {"municipality", l.municipality}, {"offerings", std::move(offerings)}});
    }
    oj provider = {{"id", p.id}, {"name", p.name}, {"in_network", p.in_network}};
    if (!p.urgent_contact.empty()) provider["urgent_contact"] = p.urgent_contact;
    provider["contracts"] = std::move(contracts);
    provider["locations"] = std::move(locations);
    providers.push_back(std::move(provider));
  }
  oj doc = {{"providers", std::move(providers)}};
  if (!network.lot_overrides.empty()) {
    oj overrides = oj::array();
    for (const auto& o : network.lot_overrides)
      overrides.push_back({{"region", o.region}, {"care_form", o.care_form}, {"lot", o.lot}});
    doc["lot_overrides"] = std::move(overrides);
  }
  return doc;
}

}  // namespace passend
