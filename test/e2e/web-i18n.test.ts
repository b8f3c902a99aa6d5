// Every string of the web UI exists in English and German, with the same placeholders.
import { describe, expect, it } from 'vitest';
import { de } from '../../web/src/i18n/de.ts';
import { en } from '../../web/src/i18n/en.ts';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the web UI dictionaries', () => {
  it('have exactly the same keys in German and English', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('keep the placeholders of every English text in German', () => {
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(de[key as keyof typeof de]), key).toEqual(placeholders(text));
    }
  });

  it('leave no German text empty', () => {
    expect(Object.entries(de).filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});
