#pragma once
// The domain model: the inkoopnetwerk (providers, contracts, locations, offerings, capacity)
// and a case. Plain data; validation lives in the parsers, storage in providers/.
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace passend {

struct Capacity {
  int places = 0;
  int free = 0;
  int wait_weeks = 0;
  Date updated;
};

struct Offering {
  std::string id;
  std::string care_form;
  std::string product_category;
  std::vector<std::string> expertise;          // sorted, unique
  int age_min = 0;
  int age_max = 0;
  std::vector<std::string> contraindications;  // sorted, unique
  std::string identity;                        // "" when none
  bool supra_regional = false;
  Capacity capacity;
};

struct Location {
  std::string id;
  std::string municipality;
  std::vector<Offering> offerings;
};

struct Contract {
  std::string region;  // JZnn or a network code EXNnn
  std::string lot;
  std::string status;  // active | suspended | ended
  Date from;
  Date until;
};

struct Provider {
  std::string id;
  std::string name;
  bool in_network = true;
  std::string urgent_contact;  // the "rode knop" contact (optional, not personal data of a case)
  std::vector<Contract> contracts;
  std::vector<Location> locations;
};

// A region's own cut of care forms into contract lots (regions cut their lots differently).
struct LotOverride {
  std::string region;
  std::string care_form;
  std::string lot;
};

// The whole inkoopnetwerk as imported (NETWORK.json or CSV).
struct ProviderNetwork {
  std::vector<Provider> providers;
  std::vector<LotOverride> lot_overrides;
};

struct Maatwerk {
  std::string approved_by;
  Date date;
  std::string reason;
  std::vector<std::string> allow;  // exclusion categories it may lift: non_contracted, outside_region, ...
};

// What a court or a youth-protection measure says about the case (CASE.json `legal`).
struct Legal {
  bool secure_authorisation = false;  // a machtiging gesloten jeugdhulp was granted
  std::string measure;                // none | ots | voogdij | jeugdreclassering; "" when not given
};

struct Case {
  std::string id;
  int age = 0;
  std::string municipality;
  std::vector<std::string> care_forms;
  std::vector<std::string> expertise;
  std::string urgency = "normal";
  std::optional<int> max_wait_weeks;
  std::vector<std::string> flags;
  std::string preferred_identity;
  std::vector<std::string> near_municipalities;
  std::vector<std::string> rejected_by;
  std::vector<std::string> previous_providers;  // known to the youth without a breakdown
  std::vector<std::string> breakdowns;          // a placement with these providers broke down
  Legal legal;
  std::optional<Maatwerk> maatwerk;
  std::optional<Date> registered;
};

}  // namespace passend
