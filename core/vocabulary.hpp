#pragma once
// The bundled vocabularies (docs/formats.md: care forms, expertise, flags, ...), loaded from
// data/vocabulary.json and the iJw code lists. Unknown words are invalid input, never ignored.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace passend {

struct Term {
  std::string id;
  std::string dutch;
};

struct CareFormTerm {
  std::string id;
  std::string dutch;
  std::string lot;  // default contract lot
  int rank = 0;     // 0 = most home-like ("zo thuis mogelijk")
};

class Vocabulary {
 public:
  // Loads vocabulary.json and ijw_productcategorie_jz020.csv from a data directory.
  static Vocabulary load(const std::string& data_dir);

  const std::vector<CareFormTerm>& care_forms() const { return care_forms_; }
  const std::vector<Term>& expertise() const { return expertise_; }
  const std::vector<Term>& flags() const { return flags_; }
  const std::vector<Term>& urgencies() const { return urgencies_; }
  const std::vector<Term>& tiers() const { return tiers_; }
  const std::vector<std::string>& lots() const { return lots_; }
  const std::vector<std::string>& identities() const { return identities_; }
  const std::vector<Term>& product_categories() const { return product_categories_; }

  const CareFormTerm* care_form(const std::string& id) const;
  bool is_care_form(const std::string& id) const { return care_form(id) != nullptr; }
  bool is_expertise(const std::string& id) const;
  bool is_flag(const std::string& id) const;
  bool is_urgency(const std::string& id) const;
  bool is_lot(const std::string& id) const;
  bool is_identity(const std::string& id) const;
  bool is_product_category(const std::string& code) const;
  // Dutch label of any term (care form, expertise, flag, tier); the id itself when unknown.
  std::string dutch(const std::string& id) const;

 private:
  std::vector<CareFormTerm> care_forms_;
  std::vector<Term> expertise_, flags_, urgencies_, tiers_, product_categories_;
  std::vector<std::string> lots_, identities_;
  std::map<std::string, std::string> dutch_;
};

// Joins words for messages: "a, b, c".
std::string join(const std::vector<std::string>& words, const std::string& sep = ", ");

}  // namespace passend
