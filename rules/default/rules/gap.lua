-- Signal gaps (FoodValley 2.2: "signaleert het RET deze leemte"), counted over contracted
-- candidates only: an offering admitted only by maatwerk (c.maatwerk) fills no gap, so maatwerk
-- never hides one.
--   * Regular care: a gap when no contracted candidate in the own region fits ("absent") or none
--     of them is timely ("no_capacity"); scope "region".
--   * Exempt care (rule exempt_care: JeugdzorgPlus, eating disorders, landelijk ingekochte zorg)
--     may be found anywhere without failing the region; when no contracted candidate anywhere is
--     timely, that is a national gap (scope "national").
--   * Nothing fits only because the case has no machtiging gesloten jeugdhulp: that is not a gap
--     in supply; a note says what is missing.
local ipairs = ipairs

local function supply(c) return not c.bridging_pool and not c.maatwerk end

-- "absent", "no_capacity" or nil (something fits and is timely) over the candidates `counts`.
local function shortage(ranked, counts)
  local fits = false
  for _, c in ipairs(ranked) do
    if supply(c) and counts(c) then
      if c.timely then return nil end
      fits = true
    end
  end
  return fits and "no_capacity" or "absent"
end

local function exempt_need(plan)
  local a = plan.plan_a
  if a then return a.exempt end
  return plan.evaluated.exempt > 0
end

return {
  api_version = 1,
  name = "gap",
  version = "2.0.0",
  description = "Leemte signaleren: niets passends of niets tijdigs (gecontracteerd) in de eigen regio; landelijk voor uitgezonderde zorg",
  label = "Leemte signaleren",
  explanation = "Signaleert een leemte als in de eigen regio geen gecontracteerd aanbod past of niets op tijd beschikbaar is; voor uitgezonderde zorg landelijk.",
  phase = "plan",
  priority = 40,
  writes = {"gap", "notes"},
  plan = function(ranked, case, plan)
    local function gap(kind, scope)
      return {gap = {kind = kind, scope = scope, care_forms = case.care_forms, expertise = case.expertise}}
    end
    local national = exempt_need(plan)
    local kind
    if national then
      kind = shortage(ranked, function(c) return c.exempt end)
    else
      kind = shortage(ranked, function(c) return c.tier == "region" and not c.exempt end)
    end
    if not kind then return nil end
    if kind == "absent" and (plan.evaluated.only.no_secure_authorisation or 0) > 0 then
      return {notes = {"geen leemte: er is aanbod, maar zonder machtiging gesloten jeugdhulp kan het niet worden ingezet"}}
    end
    return gap(kind, national and "national" or "region")
  end,
}
