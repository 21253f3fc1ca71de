// The server's refusals in plain Dutch, at the field they concern. The API keeps its precise
// (English) messages and JSON pointers for API clients; a RET member reads the field's label and
// a Dutch sentence. Known messages are translated; anything else becomes a Dutch sentence by
// the stable error code, so no English and no JSON pointer reaches the screen.

const kinds = {
  'an e-mail address': 'een e-mailadres',
  'a full date': 'een volledige datum',
  'a phone number': 'een telefoonnummer',
  'a BSN-like number': 'een nummer dat op een BSN lijkt',
  'a postcode': 'een postcode',
  'a street address': 'een straat met huisnummer',
};

export const codeTexts = {
  unauthenticated: 'Uw token is onbekend, verlopen of ingetrokken. Meld u opnieuw aan.',
  forbidden: 'Uw rol mag dit niet.',
  invalid_input: 'Deze invoer klopt niet.',
  not_found: 'Dit is niet gevonden.',
  conflict: 'Dit botst met de opgeslagen gegevens.',
  payload_too_large: 'De invoer is te groot.',
  rule_failed: 'Een regel van de regelset gaf een fout; meld dit aan de beheerder.',
  unavailable: 'De server is even bezet. Probeer het zo nog eens.',
  internal: 'Er ging iets mis in de server. Probeer het opnieuw of meld het aan de beheerder.',
  network: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
};

const patterns = [
  [/personal data is refused: the text holds (.+)$/, (m) => `Geen persoonsgegevens invullen: de tekst bevat ${kinds[m[1]] || 'persoonsgegevens'}.`],
  [/personal data is refused: passend works with pseudonymous case ids only \(field '(.+)'\)/,
    () => 'Geen persoonsgegevens: passend werkt alleen met pseudonieme casussen (geen naam, BSN, geboortedatum of adres).'],
  [/personal data is refused/, () => 'Geen persoonsgegevens invullen.'],
  [/unknown municipality/i, () => 'Deze gemeente is onbekend. Kies een gemeente uit de lijst.'],
  [/unknown (care form|expertise|flag|urgency|provider|identity)/i, () => 'Deze keuze is onbekend. Kies uit de lijst.'],
  [/(after|later than) the reference date/i, () => 'Deze datum ligt na de peildatum.'],
  [/not a (valid )?date|yyyy-mm-dd/i, () => 'Vul een bestaande datum in als dag, maand en jaar.'],
  [/at most (\d+) characters/i, (m) => `Dit mag hoogstens ${m[1]} tekens zijn.`],
  [/(between|from) (\d+) (and|to) (\d+)/i, (m) => `Vul een getal van ${m[2]} tot en met ${m[4]} in.`],
  [/required|missing/i, () => 'Dit moet worden ingevuld.'],
];

// Words that only an English sentence has; a message without them is taken to be Dutch already
// (the capacity endpoints answer in Dutch).
const english = /\b(the|must|refused|expected|should|invalid|missing|required|holds|cannot|unknown|allowed|between|string|array|object|field|not a)\b/i;

// A Dutch sentence for one server message (without the field's label).
export function dutchMessage(message, code = 'invalid_input') {
  const text = String(message || '');
  for (const [pattern, make] of patterns) {
    const m = text.match(pattern);
    if (m) return make(m);
  }
  if (text && !english.test(text)) return text.charAt(0).toUpperCase() + text.slice(1);
  return codeTexts[code] || codeTexts.internal;
}

// What the user reads for an error that is not about one field (or a field the page does not
// show): the code's Dutch text, with the message when it is Dutch or known.
export function dutchError(e) {
  if (!e || e.code === 'network' || !e.message) return codeTexts[e?.code] || codeTexts.internal;
  const lead = codeTexts[e.code] || codeTexts.internal;
  const detail = dutchMessage(e.message, e.code);
  return detail === lead ? lead : `${lead} ${detail}`;
}
