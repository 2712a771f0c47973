// The app's words (architecture §10): one catalogue per language in ./catalogue/ (zh-Hans.ts is the
// source of truth and defines `MessageKey`). `t` gives a message as written; `tf` formats it as ICU
// MessageFormat (FormatJS), with `{name}` values and plurals. Components use `useT()` (use-t.ts), which
// binds both to the chosen language; plain `t(key, lang)` stays for code outside React.
// Only zh-Hans is in the first screen's script: zh-Hant and en are chunks of their own, fetched by
// `loadMessages` before a language is used (render-app.tsx before the first render, the store's
// `setLang` and the dashboard before they switch), so `t` stays synchronous.
// Taxonomy codes, districts and towns are named in labels.ts, server problems in problem-text.ts.
import { IntlMessageFormat } from 'intl-messageformat';
import type { Lang } from '../../domain/taxonomy.ts';
import { zhHans, type MessageKey } from './catalogue/zh-Hans.ts';

export type { MessageKey };
export type MessageVars = Record<string, string | number>;
export type Catalogue = Readonly<Record<MessageKey, string>>;

// The default language is always here; the others arrive through `loadMessages`.
const loaded: Partial<Record<Lang, Catalogue>> = { 'zh-Hans': zhHans };
const LOADERS: Record<Exclude<Lang, 'zh-Hans'>, () => Promise<Catalogue>> = {
  'zh-Hant': () => import('./catalogue/zh-Hant.ts').then((m) => m.zhHant),
  en: () => import('./catalogue/en.ts').then((m) => m.en),
};
const loading = new Map<Lang, Promise<void>>();

/** Whether `lang`'s catalogue is here, so `t` and `tf` give its words. */
export const messagesLoaded = (lang: Lang): boolean => loaded[lang] !== undefined;

/**
 * Fetches `lang`'s catalogue (once; zh-Hans is always loaded). Await it before showing a language.
 * A failed fetch rejects and may be tried again.
 */
export function loadMessages(lang: Lang): Promise<void> {
  if (lang === 'zh-Hans' || loaded[lang]) return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    p = LOADERS[lang]().then(
      (catalogue) => { loaded[lang] = catalogue; },
      (err: unknown) => { loading.delete(lang); throw err; },
    );
    loading.set(lang, p);
  }
  return p;
}

// A language whose catalogue has not arrived yet reads as zh-Hans: a message, never a raw key.
const catalogueOf = (lang: Lang): { lang: Lang; messages: Catalogue } => {
  const messages = loaded[lang];
  return messages ? { lang, messages } : { lang: 'zh-Hans', messages: zhHans };
};

/** A message as written (no placeholders filled; use `tf` for those). */
export const t = (key: MessageKey, lang: Lang): string => catalogueOf(lang).messages[key];

type Compiled = { format: IntlMessageFormat; numeric: ReadonlySet<string> };
const compiled = new Map<string, Compiled>();

// ICU element types (icu-messageformat-parser's TYPE enum) whose value must stay a number.
const NUMBER_ARG = 2;
const PLURAL_ARG = 6;
type AstElement = { type: number; value?: unknown; options?: Record<string, { value: AstElement[] }> };

/** Names used as `{n, plural, …}` or `{n, number}`; every other value is inserted as plain text. */
function numericArgs(ast: readonly AstElement[], into = new Set<string>()): Set<string> {
  for (const el of ast) {
    if ((el.type === NUMBER_ARG || el.type === PLURAL_ARG) && typeof el.value === 'string') into.add(el.value);
    for (const option of Object.values(el.options ?? {})) numericArgs(option.value, into);
  }
  return into;
}

/** The compiled format of a message, cached per language and key (compiling is the costly part). */
export function messageFormat(key: MessageKey, lang: Lang): Compiled {
  // Cached under the language whose words it holds: a fallback to zh-Hans is not kept as `lang`'s.
  const { lang: shown, messages } = catalogueOf(lang);
  const id = `${shown}\u0000${key}`;
  let c = compiled.get(id);
  if (!c) {
    // ignoreTag: `<` is ordinary text in our messages, not rich-text markup.
    const format = new IntlMessageFormat(messages[key], shown, undefined, { ignoreTag: true });
    c = { format, numeric: numericArgs(format.getAst() as unknown as AstElement[]) };
    compiled.set(id, c);
  }
  return c;
}

/**
 * A message with its `{name}` values filled in (as text, never markup) and its plurals chosen, e.g.
 * `{n, plural, one {# park} other {# parks}}`. A number in a plain `{name}` is written as it is (a
 * year stays "2024"); `#` and `{n, number}` use the language's digit grouping.
 */
export function tf(key: MessageKey, lang: Lang, vars: MessageVars): string {
  const { format, numeric } = messageFormat(key, lang);
  const values: Record<string, string | number> = {};
  // A count already written as text ("1,234") is read back as a number, so its plural is still right.
  for (const [name, v] of Object.entries(vars)) values[name] = numeric.has(name) ? (typeof v === 'number' ? v : Number(v.replace(/[,\s]/g, ''))) : String(v);
  try {
    return String(format.format(values));
  } catch {
    // A value the caller did not pass: show the placeholder rather than lose the whole message.
    return t(key, lang).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  }
}

export const LANG_NAMES: Record<Lang, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };
