-- docs/domain.md, principle 5 ("de expertise gaat naar het kind"): extra points when the offering has
-- the expertise that matches the youth's characteristics (flags), beyond what was asked.
local labels = require("labels")
local util = require("util")
local dutch_list = util.dutch_list

return {
  api_version = 1,
  name = "expertise_fit",
  version = "1.0.0",
  description = "Punten voor expertise die past bij de kenmerken van de jeugdige",
  label = "Passende expertise",
  explanation = "Punten voor expertise van het aanbod die past bij de kenmerken van de jeugdige. De score beslist pas na de volgordestappen (tijdig, gecontracteerd, nabije treden, zo thuis mogelijk, trede): deze punten kiezen alleen tussen kandidaten die daar gelijk eindigen.",
  phase = "score",
  priority = 20,
  params = {
    flag_expertise = {
      type = "map", key_vocabulary = "flag", vocabulary = "expertise",
      default = {aggression = "emotion_regulation", sexually_harmful_behaviour = "forensic", arson = "forensic",
                 active_addiction = "addiction", absconding = "trauma", acute_suicidality = "suicidality",
                 severe_self_harm = "suicidality"},
      description = "Welke expertise past bij welk kenmerk van de jeugdige",
      label = "Expertise per kenmerk",
      explanation = "Welke expertise past bij welk kenmerk van de jeugdige.",
      key_labels = {aggression = "agressie", sexually_harmful_behaviour = "seksueel grensoverschrijdend gedrag", arson = "brandstichting", active_addiction = "actieve verslaving", absconding = "weglopen", acute_suicidality = "acute suïcidaliteit", severe_self_harm = "ernstige zelfbeschadiging"},
    },
    points = {type = "number", default = 10, description = "Punten per passende expertise",
      label = "Punten per passende expertise",
      explanation = "Zoveel punten per expertise van het aanbod die past.",
      min = 0, max = 50},
  },
  score = function(c, case, p)
    local flags, map, offered = case.flag_list, p.flag_expertise, c.expertise
    local found, seen = nil, nil
    for i = 1, #flags do
      local e = map[flags[i]]
      if e and offered[e] and not (seen and seen[e]) then
        found, seen = found or {}, seen or {}
        seen[e] = true
        found[#found + 1] = labels.expertise[e] or e
      end
    end
    if not found then return nil end
    return p.points * #found, "expertise passend bij de jeugdige: " .. dutch_list(found)
  end,
}
