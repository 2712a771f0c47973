// Names of indicator groups in the caller's language: taxonomy labels for codes, the database for
// towns and parks (they come from data, not from seeds).
import type { Grouping } from '../../domain/monitoring/indicators.ts';
import { industryDivisionByCode } from '../../domain/monitoring/industry-classes.ts';
import { clusterByCode, districtByCode, label, subIndustryByCode, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { townByCode } from '../../domain/towns.ts';
import type { Queryable } from '../db/database.ts';

export async function groupLabels(db: Queryable, by: Grouping, keys: string[], lang: Lang): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const put = (k: string, l: string | undefined) => { if (l) out.set(k, l); };
  switch (by) {
    case 'cluster': for (const k of keys) { const c = clusterByCode(k); put(k, c && label(c, lang)); } break;
    case 'subIndustry': for (const k of keys) { const s = subIndustryByCode(k); put(k, s && label(s.sub, lang)); } break;
    case 'division': for (const k of keys) { const d = industryDivisionByCode(k); put(k, d ? label(d.label, lang) : unknownIndustry(lang)); } break;
    case 'district': for (const k of keys) { const d = districtByCode(k); put(k, d && label(d, lang)); } break;
    case 'tag': for (const t of taxonomy.enterpriseTags) put(t.code, label(t, lang)); break;
    // Towns as published (simplified); in traditional characters for zh-Hant where data/divisions has them.
    case 'town': for (const r of await db.query<{ code: string; name: string }>('SELECT code, name FROM towns WHERE code = ANY($1::text[])', [keys])) put(r.code, lang === 'zh-Hant' ? townByCode(r.code)?.nameZhHant ?? r.name : r.name); break;
    case 'villagePark': for (const r of await db.query<{ id: number; name: string }>('SELECT id, name FROM village_parks WHERE id = ANY($1::int[])', [keys.map(Number)])) put(String(r.id), r.name); break;
    case 'valuePark': {
      const col = lang === 'en' ? 'name_en' : lang === 'zh-Hant' ? 'name_zh_hant' : 'name';
      for (const r of await db.query<{ id: number; name: string }>(`SELECT id, ${col} AS name FROM value_parks WHERE id = ANY($1::int[])`, [keys.map(Number)])) put(String(r.id), r.name);
      break;
    }
    case 'none': break;
  }
  return out;
}

const unknownIndustry = (lang: Lang) => ({ 'zh-Hans': '行业代码未填', 'zh-Hant': '行業代碼未填', en: 'No industry code' })[lang];
