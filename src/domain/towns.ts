// Guangzhou's towns and streets (NBS statistical codes, data/divisions): bundled into the app
// (≈14 KB) because the API serves codes only, and the filter shows names.
import raw from '../../data/divisions/guangzhou-towns.json' with { type: 'json' };
import type { Lang } from './taxonomy.ts';

export interface Town {
  code: string;
  /** Simplified Chinese, as published; proper names are not translated. */
  name: string;
  /** The same name in traditional characters (scripts/build-divisions.ts). */
  nameZhHant: string;
  district: string;
}

export const TOWNS: readonly Town[] = (raw as Town[]).map(({ code, name, nameZhHant, district }) => ({ code, name, nameZhHant, district }));

const byCode = new Map(TOWNS.map((t) => [t.code, t]));

export const townByCode = (code: string): Town | undefined => byCode.get(code);

/** A town's name as published (simplified), in traditional characters for zh-Hant; English keeps the Chinese proper name. The code when unknown. */
export const townLabel = (code: string, lang: Lang): string => {
  const town = townByCode(code);
  if (!town) return code;
  return lang === 'zh-Hant' ? town.nameZhHant : town.name;
};
