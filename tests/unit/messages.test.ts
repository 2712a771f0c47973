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

describe('labels of codes (labels.ts) from the catalogue', () => {
  beforeAll(() => Promise.all(LANGS.map(loadMessages)));

  it('name every code of each list in each language, and an unknown code as it is', async () => {
    const { METRICS } = await import('../../src/domain/monitoring/indicators.ts');
    const { SEVERITIES, WARNING_KINDS } = await import('../../src/domain/monitoring/warnings.ts');
    const { REVIEW_KINDS } = await import('../../src/domain/renovation-review.ts');
    const { KEY_PROJECT_STATUSES } = await import('../../src/domain/key-projects.ts');
    const { ROLES } = await import('../../src/domain/permissions.ts');
    const labels = await import('../../src/app/i18n/labels.ts');
    for (const lang of LANGS) {
      const words = [
        ...METRICS.map((m) => labels.metricLabel(m, lang)), ...SEVERITIES.map((s) => labels.severityLabel(s, lang)),
        ...WARNING_KINDS.map((k) => labels.warningKindLabel(k, lang)), ...REVIEW_KINDS.map((k) => labels.reviewKindLabel(k, lang)),
        ...KEY_PROJECT_STATUSES.map((s) => labels.keyProjectStatusLabel(s, lang)), ...[...ROLES, 'public'].map((r) => labels.roleLabel(r, lang)),
      ];
      expect(words.every((w) => w && !/[_{]/.test(w)), lang).toBe(true);
    }
    expect(labels.roleLabel('public', 'zh-Hant')).toBe('公眾（未登入）');
    expect(labels.keyProjectStatusLabel('planned', 'en')).toBe('Planned');
    expect(labels.reviewKindsText(['category', 'pilot'], 'en')).toBe('renovation category, quality-and-efficiency pilot');
    expect([labels.reviewKindLabel('other', 'en'), labels.roleLabel('toString', 'en'), labels.ruleParamLabel('x', 'en'), labels.cityUnitLabel('t', 'en')]).toEqual(['other', 'toString', 'x', 't']);
  });

  it('write the pilot reasons and the units in Traditional Chinese too, not in Simplified', async () => {
    const { reasonText } = await import('../../src/app/i18n/messages-pilots.ts');
    const { formatWanPerMu, formatYi } = await import('../../src/app/i18n/messages-key-projects.ts');
    const reason = { code: 'output_bottom_quartile', params: { scope: 'city', value: 12_000, threshold: 34_000 } };
    expect(reasonText(reason, 'zh-Hans')).toBe('亩均产值处于全市后四分之一（1.2 ≤ 3.4 万元/亩）');
    expect(reasonText(reason, 'zh-Hant')).toBe('畝均產值處於全市後四分之一（1.2 ≤ 3.4 萬元/畝）');
    expect(reasonText({ ...reason, code: 'tax_below_median', params: { scope: 'district', district: '440111', value: 12_000, threshold: 34_000 } }, 'en'))
      .toBe('tax per mu below Baiyun District\'s median (1.2 < 3.4 ¥10k/mu)');
    expect([formatYi(1.5e9, 'zh-Hant'), formatWanPerMu(150_000, 'zh-Hans')]).toEqual(['15億元', '15万元/亩']);
    const { formatChange, unitName } = await import('../../src/app/i18n/indicator-format.ts');
    expect(LANGS.map((lang) => formatChange(0.012, 'fraction', lang))).toEqual(['+1.2 个百分点', '+1.2 個百分點', '+1.2 pts']);
    expect(LANGS.map((lang) => unitName('yuanPerMu', lang))).toEqual(['元/亩', '元/畝', 'CNY/mu']);
  });

  it('count the map\'s bubbles in each language (the map has no catalogue: Intl writes 万 and 萬)', async () => {
    const { countLabel } = await import('../../src/app/map/enterprise-style.ts');
    expect(LANGS.map((lang) => [1234, 23_456, 123_456].map((n) => countLabel(n, lang)))).toEqual([
      ['1234', '2.3万', '12万'], ['1234', '2.3萬', '12萬'], ['1234', '23k', '123k'],
    ]);
  });
});
