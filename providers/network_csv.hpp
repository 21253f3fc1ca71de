#pragma once
// The inkoopnetwerk as CSV, for contract managers who keep it in a spreadsheet: one row per
// offering (with its location and provider repeated), one row per contract, and optionally one
// row per regional lot override. Same rules as NETWORK.json, errors as "file:line:column:
// message". The columns are documented in docs/csv-import.md, with templates in docs/templates/.
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/model.hpp"
#include "core/regions.hpp"
#include "core/vocabulary.hpp"

namespace passend {

// Column names, in template order.
const std::vector<std::string>& offering_csv_columns();
const std::vector<std::string>& contract_csv_columns();
const std::vector<std::string>& lot_override_csv_columns();

// Throws InvalidInput listing every issue of every file. lot_overrides may be null (none).
ProviderNetwork parse_network_csv(const CsvTable& offerings, const CsvTable& contracts, const Vocabulary& vocabulary,
                                  const RegionGraph& regions, const CsvTable* lot_overrides = nullptr);

}  // namespace passend
