// The message catalogue (architecture §10): three languages with the same keys and the same
// placeholders, every message valid ICU MessageFormat, plurals chosen by count, apostrophes kept.
import { IntlMessageFormat } from 'intl-messageformat';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../src/domain/taxonomy.ts';
import { loadMessages, messagesLoaded, t, tf, type Catalogue, type MessageKey } from '../../src/app/i18n/messages.ts';
import { zhHans } from '../../src/app/i18n/catalogue/zh-Hans.ts';
import { zhHant } from '../../src/app/i18n/catalogue/zh-Hant.ts';
import { en } from '../../src/app/i18n/catalogue/en.ts';

const CATALOGUES: Record<Lang, Catalogue> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

// The parser's element types (TYPE in @formatjs/icu-messageformat-parser).
const TYPE = { argument: 1, number: 2, date: 3, time: 4, select: 5, plural: 6 } as const;
type MessageFormatElement = { type: number; value?: unknown; options?: Record<string, { value: MessageFormatElement[] }> };
const parse = (message: string, lang: Lang) => new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }).getAst() as unknown as MessageFormatElement[];

/** The argument names a message uses (plain, plural, select, number), however deeply nested. */
function argNames(elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type >= TYPE.argument && el.type <= TYPE.plural && typeof el.value === 'string') into.add(el.value);
    for (const option of Object.values(el.options ?? {})) argNames(option.value, into);
  }
  return into;
}

const keys = (lang: Lang) => Object.keys(CATALOGUES[lang]).sort();
const ALL_KEYS = keys('zh-Hans') as MessageKey[];

describe('loading catalogues', () => {
  // Runs first, while only zh-Hans is loaded (the other catalogues are chunks of their own).
  it('reads zh-Hans words (never a key) until a language is loaded, then that language', async () => {
    expect(messagesLoaded('zh-Hans')).toBe(true);
    expect(messagesLoaded('en')).toBe(false);
    expect(t('appTitle', 'en')).toBe(zhHans.appTitle);
    expect(tf('parksInArea', 'en', { n: 3 })).toBe(zhHans.parksInArea.replace('{n}', '3'));
    await loadMessages('en');
    expect(messagesLoaded('en')).toBe(true);
    expect(t('appTitle', 'en')).toBe(en.appTitle);
    // The fallback's compiled format was not kept as the English one.
    expect(tf('parksInArea', 'en', { n: 3 })).toBe('3 village parks');
  });
});

describe('message catalogues', () => {
  beforeAll(() => Promise.all(LANGS.map(loadMessages)));

  it('have the same keys in the three languages', () => {
    expect(ALL_KEYS.length).toBeGreaterThan(800);
    expect(keys('zh-Hant')).toEqual(ALL_KEYS);
    expect(keys('en')).toEqual(ALL_KEYS);
  });

  it('are valid ICU messages, and every zh-Hans placeholder is in zh-Hant and en', () => {
    const problems: string[] = [];
    for (const key of ALL_KEYS) {
      const names = Object.fromEntries(LANGS.map((lang) => {
        try {
          return [lang, argNames(parse(t(key, lang), lang))];
        } catch (e) {
          problems.push(`${lang} ${key}: ${String(e)}`);
          return [lang, new Set<string>()];
        }
      })) as Record<Lang, Set<string>>;
      for (const lang of ['zh-Hant', 'en'] as const) {
        for (const name of names['zh-Hans']) if (!names[lang].has(name)) problems.push(`${lang} ${key}: no {${name}}`);
        for (const name of names[lang]) if (!names['zh-Hans'].has(name)) problems.push(`${lang} ${key}: extra {${name}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every plural has an "other" form', () => {
    const missing: string[] = [];
    const visit = (key: string, elements: readonly MessageFormatElement[]) => {
      for (const el of elements) {
        if (el.type === TYPE.plural || el.type === TYPE.select) {
          if (!el.options?.other) missing.push(key);
          for (const option of Object.values(el.options ?? {})) visit(key, option.value);
        }
      }
    };
    for (const lang of LANGS) for (const key of ALL_KEYS) visit(`${lang} ${key}`, parse(t(key, lang), lang));
    expect(missing).toEqual([]);
  });
});

describe('tf', () => {
  beforeAll(() => Promise.all(LANGS.map(loadMessages)));

  it('chooses the English plural by count, and Chinese has one form', () => {
    expect(tf('parksInArea', 'en', { n: 1 })).toBe('1 village park');
    expect(tf('parksInArea', 'en', { n: 3 })).toBe('3 village parks');
    expect(tf('parksInArea', 'en', { n: 0 })).toBe('0 village parks');
    expect(tf('parksInArea', 'en', { n: 12345 })).toBe('12,345 village parks');
    expect(tf('loginThrottled', 'en', { minutes: 1 })).toBe('Too many failed log-in attempts. Try again in 1 minute.');
    expect(tf('loginThrottled', 'en', { minutes: 15 })).toBe('Too many failed log-in attempts. Try again in 15 minutes.');
    expect(tf('parksInArea', 'zh-Hans', { n: 1 })).toBe(t('parksInArea', 'zh-Hans').replace('{n}', '1'));
    // A count already written as text still picks its plural.
    expect(tf('warningsTotal', 'en', { n: '1,234' })).toBe('1,234 warnings');
    expect(tf('warningsTotal', 'en', { n: '1' })).toBe('1 warning');
  });

  it('writes plain values as they are: a year is not grouped, text is not markup', () => {
    expect(tf('pilotsListTitle', 'en', { year: 2024, count: 3 })).toBe('2024 pilots (3)');
    expect(tf('openPark', 'en', { id: 1234 })).toBe('Open park #1234');
    expect(tf('legendKeyRing', 'en', { tags: '<b>x</b> {y}' })).toBe('Dark ring: <b>x</b> {y}');
  });

  it('keeps apostrophes (ICU quoting only applies before { } #)', () => {
    const withApostrophe = ALL_KEYS.filter((k) => t(k, 'en').includes("'") && /\{\w+\}/.test(t(k, 'en')));
    expect(withApostrophe.length).toBeGreaterThan(2);
    for (const key of withApostrophe) {
      const vars = Object.fromEntries([...t(key, 'en').matchAll(/\{(\w+)\}/g)].map((m) => [m[1], `«${m[1]}»`]));
      expect(tf(key, 'en', vars), key).toBe(t(key, 'en').replace(/\{(\w+)\}/g, (_, n: string) => `«${n}»`));
    }
    expect(tf('reviewNotice', 'en', { kinds: 'category' })).toContain("administrator's approval");
  });

  it('a value the caller forgot leaves its placeholder instead of failing', () => {
    expect(tf('openPark', 'en', {})).toBe('Open park #{id}');
  });
});
