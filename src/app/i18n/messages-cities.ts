// Wording helper of the key-city comparison card (重点城市指标对比): the months covered. Its messages
// are in the catalogue and its units in labels.ts (§10 of docs/architecture.md); city and indicator
// names come from src/domain/monitoring/city-indicators.ts.
import type { Lang } from '../../domain/taxonomy.ts';
import { tf } from './messages.ts';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** '1-11' → 1—11月 / Jan–Nov. */
export const coverageText = (to: number, lang: Lang) => tf('coverage', lang, { to: lang === 'en' ? MONTHS_EN[to - 1] : to });
