// Taxonomy values as they appear in uploaded files: the code itself or its label in any of the three
// languages (Simplified, Traditional, English), in any case or width, plus the short forms people
// write in spreadsheets (专精特新 for 专精特新企业, 规上 for 规模以上工业企业).
import { LANGS, taxonomy, type Label } from '../taxonomy.ts';
import { foldKey } from './cells.ts';

export type Vocabulary = 'cluster' | 'subIndustry' | 'futureIndustry' | 'tag' | 'category' | 'progress' | 'district';

// Short forms seen in the bureau's lists, beyond the taxonomy's labels.
const EXTRA: Partial<Record<Vocabulary, Record<string, readonly string[]>>> = {
  tag: {
    'backbone': ['制造业骨干', '骨干企业'],
    'two-high-four-new': ['两高四新', 'two-high four-new'],
    'small-to-above': ['小升规', '小升规企业'],
    'srdi': ['专精特新', '专精特新中小企业', '专精特新小巨人', 'SRDI'],
    'hidden-champion': ['隐形冠军企业'],
    'single-champion': ['单项冠军企业', '制造业单项冠军'],
    'high-tech': ['高新技术', '高企', '国家高新技术企业', 'high tech'],
    'above-scale': ['规上', '规上企业', '规上工业企业', '规模以上', '规模以上企业', 'above scale'],
    'key-enterprise': ['重点', '重点企业名单'],
  },
  category: { unclassified: ['未分类', '待分类'], eliminate: ['淘汰', '关停', '淘汰类'], convert: ['转换', '功能转换类'], upgrade: ['改造', '提升', '改造提升类'] },
  progress: { not_started: ['未开始', '未实施'], in_progress: ['进行中', '实施中', '在建'], completed: ['完成', '已完成'] },
};

function entries(v: Vocabulary): readonly { code: string; label: Label }[] {
  switch (v) {
    case 'cluster':
      return taxonomy.clusters;
    case 'subIndustry':
      return taxonomy.clusters.flatMap((c) => c.subIndustries);
    case 'futureIndustry':
      return taxonomy.futureIndustries;
    case 'tag':
      return taxonomy.enterpriseTags;
    case 'category':
      return taxonomy.renovationCategories;
    case 'progress':
      return taxonomy.renovationProgress;
    case 'district':
      return taxonomy.districts;
  }
}

// Commas and slashes are dropped from keys so 'Two-high, four-new' and 'two high four new' agree.
const key = (s: string) => foldKey(s).replace(/[,，、;；/&]/g, '');

const tables = new Map<Vocabulary, Map<string, string>>();
function table(v: Vocabulary): Map<string, string> {
  let t = tables.get(v);
  if (t) return t;
  t = new Map();
  for (const e of entries(v)) {
    t.set(key(e.code), e.code);
    for (const lang of LANGS) t.set(key(e.label[lang]), e.code);
    // Districts are written with or without 区 / District.
    if (v === 'district') for (const lang of LANGS) t.set(key(e.label[lang].replace(/(区|區| District)$/, '')), e.code);
  }
  for (const [code, extra] of Object.entries(EXTRA[v] ?? {})) for (const s of extra) if (!t.has(key(s))) t.set(key(s), code);
  tables.set(v, t);
  return t;
}

// Files repeat the same few values on every row: remember the answer per raw text.
const memo = new Map<string, string | undefined>();

/** The code a cell value names, or undefined when it names none of the vocabulary. */
export function lookupCode(v: Vocabulary, text: string): string | undefined {
  const m = `${v}\u0000${text}`;
  if (memo.has(m)) return memo.get(m);
  const k = key(text);
  const code = k ? table(v).get(k) : undefined;
  if (memo.size > 50_000) memo.clear();
  memo.set(m, code);
  return code;
}

/**
 * Tag codes in a tags cell. Tags are separated by 、 ; | or new lines; commas also separate, but only
 * where they are not inside a label ('“Two-high, four-new” enterprise' is one tag).
 */
export function parseTags(text: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[、;；|\n\r]+/).map((p) => p.trim()).filter(Boolean)) {
    const whole = lookupCode('tag', part);
    if (whole) {
      codes.push(whole);
      continue;
    }
    // Longest run of comma-separated pieces that names a tag, from the left.
    const pieces = part.split(/[,，]/).map((p) => p.trim());
    let i = 0;
    while (i < pieces.length) {
      let found = 0;
      for (let j = pieces.length; j > i; j--) {
        const code = lookupCode('tag', pieces.slice(i, j).join(','));
        if (code) {
          codes.push(code);
          found = j - i;
          break;
        }
      }
      if (found) i += found;
      else {
        if (pieces[i]) unknown.push(pieces[i]);
        i++;
      }
    }
  }
  return { codes: [...new Set(codes)], unknown };
}
