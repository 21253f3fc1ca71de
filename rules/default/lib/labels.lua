-- Dutch labels for the words that rules put into texts RET members read. Mirrors the bundled
-- vocabulary (data/vocabulary.json); label() falls back to the word itself.
local M = {}

M.care_form = {
  ambulant = "ambulante jeugdhulp",
  ambulant_intensive = "intensieve ambulante (gezins)behandeling",
  day_treatment = "dagbehandeling",
  foster_care = "pleegzorg",
  family_home = "gezinshuis",
  small_scale_living = "kleinschalig wonen",
  residential = "residentiële (open) behandelgroep",
  secure_residential = "JeugdzorgPlus (gesloten)",
  crisis = "crisisopvang",
}

M.expertise = {
  autism = "autisme",
  adhd = "ADHD",
  attachment = "hechtingsproblematiek",
  trauma = "trauma",
  emotion_regulation = "emotieregulatie",
  suicidality = "suïcidaliteit",
  eating_disorder = "eetstoornissen",
  ocd = "dwangstoornis",
  depression = "depressie",
  addiction = "verslaving",
  forensic = "forensische zorg",
  lvb = "licht verstandelijke beperking",
  fasd = "FASD",
  psychiatry = "psychiatrie",
  refugee_minors = "alleenstaande minderjarige vreemdelingen",
  complex_divorce = "complexe scheiding",
  family_safety = "huiselijk geweld en veiligheid",
  honour_violence = "eergerelateerd geweld",
  fgm = "vrouwelijke genitale verminking",
  transition_18 = "overgang naar 18+",
  independent_living = "zelfstandig wonen",
  education_care = "onderwijs-zorg",
  mother_child = "moeder-kind",
}

M.flag = {
  aggression = "agressie",
  sexually_harmful_behaviour = "seksueel grensoverschrijdend gedrag",
  arson = "brandstichting",
  active_addiction = "actieve verslaving",
  absconding = "weglopen",
  acute_suicidality = "acute suïcidaliteit",
  severe_self_harm = "ernstige zelfbeschadiging",
}

M.tier = {
  region = "eigen regio",
  adjacent = "buurregio",
  network = "bovenregionaal",
  national = "landelijk",
}

-- The tiers from near to far: the fallback ladder (in region first).
M.tier_order = {"region", "adjacent", "network", "national"}

M.identity = {
  general = "algemeen",
  protestant = "protestants-christelijk",
  reformed = "reformatorisch",
  catholic = "katholiek",
  islamic = "islamitisch",
  jewish = "joods",
  humanist = "humanistisch",
  anthroposophic = "antroposofisch",
}

M.urgency = {crisis = "crisis", high = "hoog", normal = "normaal"}

function M.weeks(n)
  return n == 1 and "1 week" or (n .. " weken")
end

M.product_category = {["55"] = "landelijk ingekochte zorg"}

function M.label(kind, word)
  local t = M[kind]
  return t and t[word] or word
end

return M
