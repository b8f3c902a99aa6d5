// Holiday regions offered in pickers; the server knows many more (any code date-holidays knows, e.g. FR, IT-RM).
export interface Region {
  readonly code: string;
  readonly label: { readonly en: string; readonly de: string };
}

const DE_STATES: readonly [string, string][] = [
  ['BW', 'Baden-Württemberg'],
  ['BY', 'Bayern'],
  ['BE', 'Berlin'],
  ['BB', 'Brandenburg'],
  ['HB', 'Bremen'],
  ['HH', 'Hamburg'],
  ['HE', 'Hessen'],
  ['MV', 'Mecklenburg-Vorpommern'],
  ['NI', 'Niedersachsen'],
  ['NW', 'Nordrhein-Westfalen'],
  ['RP', 'Rheinland-Pfalz'],
  ['SL', 'Saarland'],
  ['SN', 'Sachsen'],
  ['ST', 'Sachsen-Anhalt'],
  ['SH', 'Schleswig-Holstein'],
  ['TH', 'Thüringen'],
];

export const HOLIDAY_REGIONS: readonly Region[] = [
  { code: 'DE', label: { en: 'Germany (nationwide)', de: 'Deutschland (bundesweit)' } },
  ...DE_STATES.map(([code, name]) => ({
    code: `DE-${code}`,
    label: { en: `Germany – ${name}`, de: `Deutschland – ${name}` },
  })),
  { code: 'AT', label: { en: 'Austria', de: 'Österreich' } },
  { code: 'CH', label: { en: 'Switzerland (nationwide)', de: 'Schweiz (landesweit)' } },
  { code: 'CH-ZH', label: { en: 'Switzerland – Zurich', de: 'Schweiz – Zürich' } },
  { code: 'CH-BE', label: { en: 'Switzerland – Bern', de: 'Schweiz – Bern' } },
  { code: 'GB', label: { en: 'United Kingdom', de: 'Vereinigtes Königreich' } },
  { code: 'NL', label: { en: 'Netherlands', de: 'Niederlande' } },
  { code: 'FR', label: { en: 'France', de: 'Frankreich' } },
  { code: 'US', label: { en: 'United States', de: 'Vereinigte Staaten' } },
];
