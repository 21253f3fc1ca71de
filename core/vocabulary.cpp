#include "core/vocabulary.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "core/errors.hpp"

namespace passend {

namespace {
template <class T>
bool contains_id(const std::vector<T>& terms, const std::string& id) {
  return std::any_of(terms.begin(), terms.end(), [&](const T& t) { return t.id == id; });
}

std::vector<Term> read_terms(const nlohmann::json& doc, const char* key) {
  std::vector<Term> out;
  for (const auto& t : doc.at(key)) out.push_back({t.at("id").get<std::string>(), t.at("nl").get<std::string>()});
  return out;
}
}  // namespace

Vocabulary Vocabulary::load(const std::string& data_dir) {
  const std::string path = data_dir + "/vocabulary.json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the bundled vocabulary");
  Vocabulary v;
  try {
    auto doc = nlohmann::json::parse(in);
    int rank = 0;
    for (const auto& t : doc.at("care_forms"))
      v.care_forms_.push_back(
          {t.at("id").get<std::string>(), t.at("nl").get<std::string>(), t.at("lot").get<std::string>(), rank++});
    v.expertise_ = read_terms(doc, "expertise");
    v.flags_ = read_terms(doc, "flags");
    v.urgencies_ = read_terms(doc, "urgency");
    v.tiers_ = read_terms(doc, "tiers");
    v.lots_ = doc.at("lots").get<std::vector<std::string>>();
    for (const auto& t : doc.at("refusal_reasons"))
      v.refusal_reasons_.push_back({t.at("id").get<std::string>(), t.at("nl").get<std::string>(),
                                    t.at("wj759").is_null() ? "" : t.at("wj759").get<std::string>()});
    for (const auto& t : read_terms(doc, "identities")) {
      v.identities_.push_back(t.id);
      v.dutch_.emplace(t.id, t.dutch);
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": bundled vocabulary is malformed: " + e.what());
  }
  auto categories = CsvTable::read_file(data_dir + "/ijw_productcategorie_jz020.csv");
  for (const auto& row : categories.rows())
    v.product_categories_.push_back({categories.get(row, "code"), categories.get(row, "naam")});

  for (const auto& c : v.care_forms_) v.dutch_[c.id] = c.dutch;
  for (const auto* list : {&v.expertise_, &v.flags_, &v.tiers_, &v.urgencies_})
    for (const auto& t : *list) v.dutch_.emplace(t.id, t.dutch);
  return v;
}

const RefusalReason* Vocabulary::refusal_reason(const std::string& id) const {
  for (const auto& r : refusal_reasons_)
    if (r.id == id) return &r;
  return nullptr;
}

const CareFormTerm* Vocabulary::care_form(const std::string& id) const {
  for (const auto& c : care_forms_)
    if (c.id == id) return &c;
  return nullptr;
}
bool Vocabulary::is_expertise(const std::string& id) const { return contains_id(expertise_, id); }
bool Vocabulary::is_flag(const std::string& id) const { return contains_id(flags_, id); }
bool Vocabulary::is_urgency(const std::string& id) const { return contains_id(urgencies_, id); }
bool Vocabulary::is_product_category(const std::string& code) const {
  return contains_id(product_categories_, code);
}
bool Vocabulary::is_lot(const std::string& id) const {
  return std::find(lots_.begin(), lots_.end(), id) != lots_.end();
}
bool Vocabulary::is_identity(const std::string& id) const {
  return std::find(identities_.begin(), identities_.end(), id) != identities_.end();
}
std::string Vocabulary::dutch(const std::string& id) const {
  auto it = dutch_.find(id);
  return it == dutch_.end() ? id : it->second;
}

std::string join(const std::vector<std::string>& words, const std::string& sep) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

}  // namespace passend
