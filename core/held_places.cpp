#include "core/held_places.hpp"

#include <algorithm>

namespace passend {

HeldPlaces held_places(const std::vector<PlaceReservation>& reservations, Date on, const std::string& case_id) {
  HeldPlaces held;
  for (const auto& r : reservations) {
    if (r.until && *r.until < on) continue;  // ended: the place is free again by itself
    if (!case_id.empty() && r.case_id == case_id)
      held.by_case.push_back(r.offering);
    else
      ++held.by_other_cases[r.offering];
  }
  std::sort(held.by_case.begin(), held.by_case.end());
  held.by_case.erase(std::unique(held.by_case.begin(), held.by_case.end()), held.by_case.end());
  return held;
}

}  // namespace passend
