import type { MessageKey } from './en.ts';
/** The languages of the web UI. */
export type Locale = 'en' | 'de';

/** Looks a text up in the UI's language; kept here, free of React, so pure helpers and tests can name it. */
export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;
