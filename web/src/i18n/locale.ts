/** The languages of the web UI. */
export type Locale = 'en' | 'de';
