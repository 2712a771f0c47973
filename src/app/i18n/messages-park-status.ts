// UI strings of the bulk status update (BulkPanel): a park status file through the import pipeline
// (kind parkStatus, issue 15), for district officials and administrators.
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

export const parkStatusMessages = {
  kindParkStatus: { 'zh-Hans': '村级工业园改造状态', 'zh-Hant': '村級工業園改造狀態', en: 'Village park renovation status' },
  psIntro: {
    'zh-Hans': '下载模板（已按本区园区的当前状态填好），只修改有变化的行，保存后上传。支持 Excel 工作簿和 CSV（UTF-8 或 GBK 编码均可）。上传后先逐行检查，不写入任何数据；确认检查结果后才会应用。',
    'zh-Hant': '下載範本（已按本區園區的當前狀態填好），只修改有變化的行，儲存後上傳。支援 Excel 活頁簿和 CSV（UTF-8 或 GBK 編碼均可）。上傳後先逐行檢查，不寫入任何數據；確認檢查結果後才會套用。',
    en: 'Download the template (filled in with your district\'s parks as they stand), change only the rows that changed, save and upload it. Excel workbooks and CSV files (UTF-8 or GBK) are read. Every row is checked first and nothing is written; the changes are applied only when you confirm the check.',
  },
  psTemplates: { 'zh-Hans': '下载模板：', 'zh-Hant': '下載範本：', en: 'Download the template:' },
  psTemplateXlsx: { 'zh-Hans': 'Excel 工作簿（含下拉选项和填写说明）', 'zh-Hant': 'Excel 活頁簿（含下拉選項和填寫說明）', en: 'Excel workbook (with drop-down lists and a guide)' },
  psTemplateCsv: { 'zh-Hans': 'CSV 文件', 'zh-Hant': 'CSV 檔案', en: 'CSV file' },
  psChoose: { 'zh-Hans': '选择文件（Excel 或 CSV）', 'zh-Hant': '選擇檔案（Excel 或 CSV）', en: 'Choose a file (Excel or CSV)' },
  psSummary: {
    'zh-Hans': '共 {total} 行：直接生效 {direct} 行，提交市级审核 {proposals} 行，未变化跳过 {unchanged} 行，有误 {rejected} 行。',
    'zh-Hant': '共 {total} 行：直接生效 {direct} 行，提交市級審核 {proposals} 行，未變化略過 {unchanged} 行，有誤 {rejected} 行。',
    en: '{total} rows: {direct} take effect at once, {proposals} go to the city for review, {unchanged} unchanged and skipped, {rejected} with errors.',
  },
  psColResult: { 'zh-Hans': '应用后', 'zh-Hant': '套用後', en: 'On applying' },
  psRowApply: { 'zh-Hans': '直接生效', 'zh-Hant': '直接生效', en: 'Takes effect at once' },
  psNothingToApply: { 'zh-Hans': '文件中没有需要修改的行。', 'zh-Hant': '檔案中沒有需要修改的行。', en: 'No row of the file changes anything.' },
  psApply: {
    'zh-Hans': '确认应用（直接生效 {direct} 行，提交审核 {proposals} 行）',
    'zh-Hant': '確認套用（直接生效 {direct} 行，提交審核 {proposals} 行）',
    en: 'Apply ({direct} at once, {proposals} for review)',
  },
  psApplied: {
    'zh-Hans': '已应用：{applied} 行直接生效，{proposed} 行已提交市级审核，{unchanged} 行未变化跳过。地图已更新。',
    'zh-Hant': '已套用：{applied} 行直接生效，{proposed} 行已提交市級審核，{unchanged} 行未變化略過。地圖已更新。',
    en: 'Applied: {applied} rows took effect, {proposed} were sent for the city\'s review, {unchanged} were unchanged and skipped. The map is updated.',
  },
} satisfies Record<string, Strings>;
