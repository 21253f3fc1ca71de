#pragma once
// NETWORK.json (docs/formats.md): the inkoopnetwerk as one document. The reader validates the whole
// document before anything is written and reports every problem at once, each as
// "file: /json/pointer: what is wrong"; unknown fields are refused so a typo is never ignored.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/model.hpp"
#include "core/regions.hpp"
#include "core/vocabulary.hpp"

namespace passend {

// Throws InvalidInput listing every issue. Ids (provider, location, offering) are unique across
// the document; expertise and contraindications come back sorted and unique. Optional fields:
// in_network (default true), urgent_contact, contracts, expertise, contraindications, identity,
// supra_regional (default false), capacity.wait_weeks (default 0), and the top-level
// "lot_overrides": [{"region", "care_form", "lot"}].
ProviderNetwork parse_network_json(const nlohmann::json& doc, const std::string& file, const Vocabulary& vocabulary,
                                   const RegionGraph& regions);

// The NETWORK.json document of a network, fields in docs/formats.md order; parse_network_json
// reads it back to the same network.
nlohmann::ordered_json network_to_json(const ProviderNetwork& network);

}  // namespace passend
