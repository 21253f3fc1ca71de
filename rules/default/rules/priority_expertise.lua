-- Scarce supra-regional places: a place whose expertise is what this youth needs goes to the
-- youth who needs it. Counted: every expertise of the place that the case asks for (its
-- required expertise; the query only admits places that offer all of it) or that matches one
-- of the youth's characteristics (flags, through flag_expertise), each once. Neither the tier
-- nor the query score counts: the network's places serve all its regions alike.
local labels = require("labels")
local util = require("util")
local format, min = string.format, math.min

-- The matching expertise in a fixed order: the asked expertise first, then the flags' (sorted lists).
local function matching(c, case, map)
  local found, seen = {}, {}
  local function add(e)
    if e and c.expertise[e] and not seen[e] then
      seen[e] = true
      found[#found + 1] = labels.expertise[e] or e
    end
  end
  for _, e in ipairs(case.expertise) do add(e) end
  for _, flag in ipairs(case.flag_list) do add(map[flag]) end
  return found
end

return {
  api_version = 1,
  name = "priority_expertise",
  version = "1.0.0",
  description = "Toewijzing bovenregionale plekken: punten voor expertise van de plek die past bij de jeugdige",
  label = "Voorrang: passende expertise",
  explanation = "Bij het verdelen van bovenregionale plekken: punten voor expertise van de plek die past bij de jeugdige.",
  phase = "priority",
  params = {
    flag_expertise = {
      type = "map", key_vocabulary = "flag", vocabulary = "expertise",
      default = {aggression = "emotion_regulation", sexually_harmful_behaviour = "forensic", arson = "forensic",
                 active_addiction = "addiction", absconding = "trauma", acute_suicidality = "suicidality",
                 severe_self_harm = "suicidality"},
      description = "Welke expertise past bij welk kenmerk van de jeugdige (zoals bij expertise_fit)",
      label = "Expertise per kenmerk",
      explanation = "Welke expertise past bij welk kenmerk van de jeugdige (houd gelijk met Passende expertise).",
      key_labels = {aggression = "agressie", sexually_harmful_behaviour = "seksueel grensoverschrijdend gedrag", arson = "brandstichting", active_addiction = "actieve verslaving", absconding = "weglopen", acute_suicidality = "acute suïcidaliteit", severe_self_harm = "ernstige zelfbeschadiging"},
    },
    points = {type = "number", default = 10, description = "Punten per passende expertise van de plek",
      label = "Punten per passende expertise",
      explanation = "Zoveel voorrangspunten per passende expertise van de plek.",
      min = 0, max = 50},
    max_points = {type = "number", default = 30, description = "Hoogstens zoveel punten",
      label = "Hoogstens zoveel punten",
      explanation = "Het maximum aan voorrangspunten voor expertise.",
      min = 0, max = 100},
  },
  priority = function(c, case, p)
    local found = matching(c, case, p.flag_expertise)
    if #found == 0 then return nil end
    local points = min(#found * p.points, p.max_points)
    local text = "expertise passend bij de jeugdige: " .. util.dutch_list(found)
    if points < #found * p.points then text = text .. format(" (hoogstens %g punten)", p.max_points) end
    return points, text
  end,
}
