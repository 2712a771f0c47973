// The district → city review: the names of the kinds of change it reviews. Its messages are in the
// catalogue (§10 of docs/architecture.md).
import type { ReviewKind } from '../../domain/renovation-review.ts';
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

const KIND_LABELS: Record<ReviewKind, Strings> = {
  category: { 'zh-Hans': '改造分类', 'zh-Hant': '改造分類', en: 'renovation category' },
  pilot: { 'zh-Hans': '提质增效试点', 'zh-Hant': '提質增效試點', en: 'quality-and-efficiency pilot' },
  completion: { 'zh-Hans': '完成改造', 'zh-Hant': '完成改造', en: 'completion of the renovation' },
};

/** A kind of change the city reviews, in the user's language (the code itself when unknown). */
export const reviewKindLabel = (kind: string, lang: Lang): string => KIND_LABELS[kind as ReviewKind]?.[lang] ?? kind;

/** Several kinds, joined the way the language lists things. */
export const reviewKindsText = (kinds: readonly string[], lang: Lang): string => kinds.map((k) => reviewKindLabel(k, lang)).join(lang === 'en' ? ', ' : '、');

