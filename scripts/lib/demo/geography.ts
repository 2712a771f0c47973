// Where the synthetic data goes: plausible industrial geography of Guangzhou.
// Coordinates are WGS84 approximations of well-known industrial areas; they steer the random
// placement only, every feature is then checked against the real district polygons.

export interface Hotspot {
  /** Industry cluster code; `sub` narrows it to one sub-industry. */
  cluster: string;
  sub?: string;
  district: string;
  lon: number;
  lat: number;
  /** Spread in km (one standard deviation). */
  sigmaKm: number;
  weight: number;
  place: string;
}

export const HOTSPOTS: Hotspot[] = [
  { cluster: 'auto', district: '440114', lon: 113.2, lat: 23.39, sigmaKm: 4, weight: 3, place: 'Huadu auto city' },
  { cluster: 'auto', district: '440113', lon: 113.46, lat: 23.03, sigmaKm: 3, weight: 2.5, place: 'Panyu Hualong' },
  { cluster: 'auto', district: '440115', lon: 113.52, lat: 22.81, sigmaKm: 3, weight: 2.5, place: 'Nansha Huangge' },
  { cluster: 'auto', district: '440118', lon: 113.68, lat: 23.2, sigmaKm: 3, weight: 2, place: 'Zengcheng Ningxi' },
  { cluster: 'auto', district: '440112', lon: 113.49, lat: 23.1, sigmaKm: 2.5, weight: 1.5, place: 'Huangpu development zone' },
  { cluster: 'display', district: '440112', lon: 113.46, lat: 23.16, sigmaKm: 3, weight: 3, place: 'Huangpu science city' },
  { cluster: 'display', district: '440118', lon: 113.7, lat: 23.14, sigmaKm: 3, weight: 2.5, place: 'Zengcheng Xintang' },
  { cluster: 'materials', district: '440112', lon: 113.52, lat: 23.09, sigmaKm: 3, weight: 2, place: 'Huangpu port area' },
  { cluster: 'materials', district: '440115', lon: 113.57, lat: 22.74, sigmaKm: 4, weight: 2, place: 'Nansha petrochemical area' },
  { cluster: 'materials', district: '440118', lon: 113.72, lat: 23.26, sigmaKm: 4, weight: 1.5, place: 'Zengcheng industrial area' },
  { cluster: 'materials', district: '440117', lon: 113.55, lat: 23.62, sigmaKm: 3, weight: 1, place: 'Conghua Mingzhu' },
  { cluster: 'materials', district: '440111', lon: 113.26, lat: 23.35, sigmaKm: 4, weight: 1, place: 'Baiyun north' },
  { cluster: 'consumer', sub: 'smart-home', district: '440113', lon: 113.38, lat: 22.95, sigmaKm: 4, weight: 2, place: 'Panyu' },
  { cluster: 'consumer', sub: 'smart-home', district: '440114', lon: 113.22, lat: 23.42, sigmaKm: 4, weight: 1.5, place: 'Huadu' },
  { cluster: 'consumer', sub: 'green-food', district: '440117', lon: 113.59, lat: 23.56, sigmaKm: 5, weight: 2, place: 'Conghua' },
  { cluster: 'consumer', sub: 'green-food', district: '440118', lon: 113.82, lat: 23.3, sigmaKm: 5, weight: 1.5, place: 'Zengcheng' },
  { cluster: 'consumer', sub: 'fashion-apparel', district: '440105', lon: 113.29, lat: 23.1, sigmaKm: 1.5, weight: 1.5, place: 'Haizhu Zhongda textile market' },
  { cluster: 'consumer', sub: 'fashion-apparel', district: '440118', lon: 113.62, lat: 23.13, sigmaKm: 2.5, weight: 2, place: 'Xintang denim' },
  { cluster: 'consumer', sub: 'fashion-apparel', district: '440114', lon: 113.12, lat: 23.46, sigmaKm: 2.5, weight: 1.5, place: 'Shiling leather goods' },
  { cluster: 'consumer', sub: 'lighting-audio', district: '440114', lon: 113.17, lat: 23.42, sigmaKm: 3, weight: 1.5, place: 'Huadu' },
  { cluster: 'consumer', sub: 'lighting-audio', district: '440113', lon: 113.35, lat: 22.98, sigmaKm: 3, weight: 1.5, place: 'Panyu' },
  { cluster: 'consumer', sub: 'cosmetics', district: '440111', lon: 113.3, lat: 23.3, sigmaKm: 4, weight: 3, place: 'Baiyun beauty bay' },
  { cluster: 'equipment', sub: 'robots', district: '440112', lon: 113.46, lat: 23.15, sigmaKm: 3, weight: 2, place: 'Huangpu' },
  { cluster: 'equipment', sub: 'robots', district: '440113', lon: 113.4, lat: 22.97, sigmaKm: 3, weight: 1.5, place: 'Panyu' },
  { cluster: 'equipment', sub: 'rail-transit', district: '440113', lon: 113.47, lat: 22.93, sigmaKm: 2.5, weight: 1.5, place: 'Panyu' },
  { cluster: 'equipment', sub: 'rail-transit', district: '440114', lon: 113.25, lat: 23.37, sigmaKm: 3, weight: 1, place: 'Huadu' },
  { cluster: 'equipment', sub: 'ships-ocean', district: '440115', lon: 113.64, lat: 22.7, sigmaKm: 3, weight: 3, place: 'Nansha Longxue island' },
  { cluster: 'biomed', district: '440112', lon: 113.52, lat: 23.37, sigmaKm: 3, weight: 2.5, place: 'Sino-Singapore knowledge city' },
  { cluster: 'biomed', district: '440112', lon: 113.45, lat: 23.18, sigmaKm: 2.5, weight: 2, place: 'Huangpu science city' },
  { cluster: 'biomed', district: '440115', lon: 113.58, lat: 22.78, sigmaKm: 3, weight: 1.5, place: 'Nansha' },
  { cluster: 'biomed', district: '440106', lon: 113.36, lat: 23.15, sigmaKm: 2, weight: 1, place: 'Tianhe' },
  { cluster: 'biomed', district: '440111', lon: 113.28, lat: 23.22, sigmaKm: 3, weight: 1, place: 'Baiyun' },
];

/** Share of enterprises by industry cluster. */
/** Firms per cluster; `other` (manufacturing outside the six clusters) is about 45 % of the library. */
export const CLUSTER_WEIGHTS: Record<string, number> = { auto: 0.14, display: 0.1, materials: 0.17, consumer: 0.32, equipment: 0.15, biomed: 0.12, other: 0.82 };

/** Background placement weight per district (enterprises not tied to a hotspot or a park). */
export const DISTRICT_WEIGHTS: Record<string, number> = {
  '440103': 0.4, '440104': 0.1, '440105': 0.4, '440106': 0.6, '440111': 2.2, '440112': 1.8,
  '440113': 2, '440114': 1.6, '440115': 1.1, '440117': 0.6, '440118': 1.5,
};

/** Village industrial parks per outer district; sums to the city's 2,705. */
export const VILLAGE_PARKS_PER_DISTRICT: Record<string, number> = {
  '440111': 620, '440113': 520, '440114': 420, '440118': 380, '440115': 280, '440112': 260, '440117': 225,
};
export const VILLAGE_PARK_TOTAL_KM2 = 131.6;

export interface ValueParkPlan {
  code: string;
  district: string;
  theme: string;
  lon: number;
  lat: number;
  areaKm2: number;
  name: { 'zh-Hans': string; 'zh-Hant': string; en: string };
}

/** Ten value-innovation parks around the themes the plan names (NEV, equipment, display, AI, biomedicine, internet). */
export const VALUE_PARKS: ValueParkPlan[] = [
  { code: 'VIP01', district: '440114', theme: 'auto', lon: 113.21, lat: 23.4, areaKm2: 8, name: { 'zh-Hans': '花都汽车城价值创新园', 'zh-Hant': '花都汽車城價值創新園', en: 'Huadu Auto City Value-Innovation Park' } },
  { code: 'VIP02', district: '440113', theme: 'auto', lon: 113.47, lat: 23.02, areaKm2: 6, name: { 'zh-Hans': '番禺智能网联新能源汽车价值创新园', 'zh-Hant': '番禺智能網聯新能源汽車價值創新園', en: 'Panyu Intelligent Connected NEV Value-Innovation Park' } },
  { code: 'VIP03', district: '440115', theme: 'auto', lon: 113.52, lat: 22.8, areaKm2: 7, name: { 'zh-Hans': '南沙国际汽车产业价值创新园', 'zh-Hant': '南沙國際汽車產業價值創新園', en: 'Nansha International Auto Industry Value-Innovation Park' } },
  { code: 'VIP04', district: '440118', theme: 'display', lon: 113.7, lat: 23.15, areaKm2: 6, name: { 'zh-Hans': '增城新型显示价值创新园', 'zh-Hant': '增城新型顯示價值創新園', en: 'Zengcheng New Display Value-Innovation Park' } },
  { code: 'VIP05', district: '440112', theme: 'display', lon: 113.47, lat: 23.17, areaKm2: 5, name: { 'zh-Hans': '黄埔新型显示价值创新园', 'zh-Hant': '黃埔新型顯示價值創新園', en: 'Huangpu New Display Value-Innovation Park' } },
  { code: 'VIP06', district: '440112', theme: 'biomed', lon: 113.52, lat: 23.36, areaKm2: 7, name: { 'zh-Hans': '中新广州知识城生物医药价值创新园', 'zh-Hant': '中新廣州知識城生物醫藥價值創新園', en: 'Knowledge City Biomedicine Value-Innovation Park' } },
  { code: 'VIP07', district: '440112', theme: 'equipment', lon: 113.5, lat: 23.11, areaKm2: 5, name: { 'zh-Hans': '黄埔智能装备价值创新园', 'zh-Hant': '黃埔智能裝備價值創新園', en: 'Huangpu Intelligent Equipment Value-Innovation Park' } },
  { code: 'VIP08', district: '440105', theme: 'display', lon: 113.37, lat: 23.1, areaKm2: 2.5, name: { 'zh-Hans': '琶洲人工智能与数字经济价值创新园', 'zh-Hant': '琶洲人工智能與數字經濟價值創新園', en: 'Pazhou AI and Digital Economy Value-Innovation Park' } },
  { code: 'VIP09', district: '440111', theme: 'consumer', lon: 113.3, lat: 23.31, areaKm2: 5, name: { 'zh-Hans': '白云美湾美丽健康价值创新园', 'zh-Hant': '白雲美灣美麗健康價值創新園', en: 'Baiyun Beauty Bay Value-Innovation Park' } },
  { code: 'VIP10', district: '440115', theme: 'equipment', lon: 113.63, lat: 22.71, areaKm2: 6, name: { 'zh-Hans': '南沙海洋装备价值创新园', 'zh-Hant': '南沙海洋裝備價值創新園', en: 'Nansha Ocean Equipment Value-Innovation Park' } },
];
