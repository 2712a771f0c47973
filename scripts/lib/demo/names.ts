// Word lists for synthetic enterprise names and addresses. Trade names are drawn from common
// auspicious characters; none is meant to be a real company.
import type { Rng } from './rng.ts';

const TRADE_CHARS = [...'华盛泰宏达鑫源恒瑞丰隆信诚嘉润博远创新科美力通航天宇联合智越凯骏腾飞祥和昌明德康安永佳贝悦铭睿晟煜锦禾耀晨光汇展卓卡弘逸澳粤穗羊城珠江岭南白云番禺南沙黄埔增从花海'];
const CLUSTER_WORDS: Record<string, string[]> = {
  auto: ['汽车零部件', '汽车科技', '新能源汽车', '汽车电子', '车桥', '汽车座椅', '智能网联'],
  display: ['光电', '显示科技', '超高清视频', '显示器件', '液晶材料', '视像科技'],
  materials: ['新材料', '化工', '高分子材料', '金属制品', '电子材料', '新能源材料'],
  consumer: ['家居', '食品', '服饰', '灯光音响', '化妆品', '日用品', '皮具'],
  equipment: ['智能装备', '机器人', '轨道交通设备', '船舶工程', '精密机械', '自动化设备'],
  biomed: ['生物科技', '医药', '医疗器械', '制药', '基因科技', '生物医学'],
  other: ['实业', '制造', '工业', '制品'],
};
/** Other manufacturing is named after its GB/T 4754 division. */
const DIVISION_WORDS: Record<string, string[]> = {
  '13': ['粮油', '饲料'], '14': ['食品'], '15': ['饮料', '酒业'], '16': ['烟草'], '17': ['纺织', '织造'], '18': ['服装', '制衣'],
  '19': ['皮革', '制鞋'], '20': ['木业'], '21': ['家具'], '22': ['纸业', '包装'], '23': ['印务', '彩印'], '24': ['文体用品', '工艺品'],
  '25': ['石化', '能源'], '26': ['化工', '涂料'], '27': ['药业'], '28': ['化纤'], '29': ['塑胶', '橡胶制品'], '30': ['建材', '陶瓷'],
  '31': ['钢铁'], '32': ['有色金属', '铝业'], '33': ['五金', '金属制品'], '34': ['机械', '通用设备'], '35': ['专用设备', '机电'],
  '36': ['汽车配件'], '37': ['交通设备'], '38': ['电气', '电器'], '39': ['电子', '通信设备'], '40': ['仪器仪表'], '41': ['工艺制品'],
  '42': ['再生资源'], '43': ['设备维修'],
};
const SUB_WORDS: Record<string, string[]> = {
  'smart-home': ['智能家居', '家具', '定制家居'],
  'green-food': ['食品', '饮料', '农产品加工'],
  'fashion-apparel': ['服饰', '纺织', '皮具', '牛仔服装'],
  'lighting-audio': ['灯光音响', '照明电器', '专业音响'],
  cosmetics: ['化妆品', '日化', '美容科技'],
  robots: ['机器人', '智能装备', '自动化设备'],
  'rail-transit': ['轨道交通设备', '机车车辆配件'],
  'ships-ocean': ['船舶工程', '海洋装备', '港口机械'],
};
const FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '制造有限公司', '实业有限公司'];
const ROAD_CHARS = [...'东南西北中新兴工业科学环城创业金沙石岗龙凤鹤'];
const ROAD_KINDS = ['路', '路', '大道', '街', '一路', '二路'];

export function enterpriseName(cluster: string, sub: string, rng: Rng, division?: string): string {
  const trade = rng.pick(TRADE_CHARS) + rng.pick(TRADE_CHARS);
  const words = SUB_WORDS[sub] ?? (cluster === 'other' && division ? DIVISION_WORDS[division] : undefined) ?? CLUSTER_WORDS[cluster] ?? ['实业'];
  return `广州${trade}${rng.pick(words)}${rng.pick(FORMS)}`;
}

export function streetAddress(districtName: string, townName: string, rng: Rng): string {
  return `广州市${districtName}${townName}${rng.pick(ROAD_CHARS)}${rng.pick(ROAD_CHARS)}${rng.pick(ROAD_KINDS)}${rng.int(1, 399)}号`;
}

export function parkAddress(districtName: string, townName: string, parkName: string, rng: Rng): string {
  return `广州市${districtName}${townName}${parkName}${rng.int(1, 40)}号厂房`;
}
