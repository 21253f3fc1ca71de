#pragma once
// The whole inkoopnetwerk registry as one consistent, immutable copy in memory: what the server
// shares between its workers and replaces as a whole when the registry changes (an import, a
// capacity update, a reservation), so that a query reads no database (docs/architecture.md,
// "Registry snapshot"). Queries take a shared_ptr to it: a snapshot being replaced stays alive
// for the queries still reading it.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/held_places.hpp"
#include "core/model.hpp"

namespace passend {

struct RegistrySnapshot {
  std::int64_t version = 0;               // the registry's change counter when it was read
  std::optional<std::int64_t> import_id;  // the import it holds; none before the first
  ProviderNetwork network;                // every provider, location and offering, figures as stored
  std::vector<PlaceReservation> reservations;  // those not released

  HeldPlaces held_on(Date on, const std::string& case_id) const { return held_places(reservations, on, case_id); }
};

}  // namespace passend
