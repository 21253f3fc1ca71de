-- docs/domain.md, principle 2 (FoodValley handboek 2.2: "geen gebruik van Jeugdhulpaanbieders die geen
-- onderdeel zijn van het Inkoopnetwerk"): an active contract with the case's region or its
-- network, for the lot of the care form, on the reference date; and the provider in the
-- inkoopnetwerk. The engine works out c.contract; maatwerk may lift these (rule maatwerk).
local format = string.format

local codes = {
  none = "no_contract",
  ended = "contract_ended",
  suspended = "contract_suspended",
  expired = "contract_expired",
  not_started = "contract_not_started",
  wrong_lot = "wrong_lot",
}

local texts = {
  none = "geen contract met %s voor perceel %s",
  ended = "contract met %s voor perceel %s is beëindigd",
  suspended = "contract met %s voor perceel %s is opgeschort",
  expired = "contract met %s voor perceel %s is verlopen",
  not_started = "contract met %s voor perceel %s is nog niet ingegaan",
  wrong_lot = "wel een contract met %s, maar niet voor perceel %s",
}

return {
  api_version = 1,
  name = "contracted_only",
  version = "1.0.0",
  description = "Alleen aanbieders uit het inkoopnetwerk met een geldig contract voor het perceel",
  label = "Alleen gecontracteerd",
  explanation = "Harde eis: alleen aanbieders uit het inkoopnetwerk met een geldig contract voor het perceel, met de regio of het netwerk, op de peildatum. Alleen maatwerk kan dit opheffen.",
  phase = "filter",
  priority = 60,
  -- A prerequisite (docs/rules.md): the outcome depends on these facts and the case alone, so the
  -- engine applies it once per combination and settles the offerings it excludes without running
  -- the other rules on them (unless the case carries maatwerk). Most of a national query is
  -- offerings without a contract with the region.
  depends_on = {"in_network", "contract", "contract_via", "lot"},
  filter = function(c, case)
    if not c.in_network then return "not_in_network", "aanbieder hoort niet bij het inkoopnetwerk" end
    local status = c.contract
    if status == "active" then return nil end
    local party = c.contract_via == "network" and "het expertisenetwerk" or case.region_name
    return codes[status] or "no_contract", format(texts[status] or texts.none, party, c.lot)
  end,
}
