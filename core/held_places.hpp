#pragma once
// The places reservations hold, as one query sees them (docs/formats.md, "Allocation of
// supra-regional places"). A reservation holds one place of an offering for a case until it is
// released or its `until` date has passed; on a reference date the free count a query sees is
//     max(0, offering.free - places held there by other cases),
// and the case's own reservation is its place, not a reason to propose another.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"

namespace passend {

// One reservation not released (an ended `until` drops out by date, see held_places).
struct PlaceReservation {
  std::string case_id;
  std::string offering;
  std::optional<Date> until;  // last day it holds; none: until released
};

struct HeldPlaces {
  std::unordered_map<std::string, int> by_other_cases;  // offering id -> places other cases hold
  std::vector<std::string> by_case;                     // offerings where the queried case holds its place
};

// What the reservations hold on `on` for a query about `case_id` ("" for no case: every
// reservation then counts as another case's).
HeldPlaces held_places(const std::vector<PlaceReservation>& reservations, Date on, const std::string& case_id);

}  // namespace passend
