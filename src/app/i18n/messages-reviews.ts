// Strings of the district → city review: the edit form's notice, pending proposals in the park panel,
// the review queue, the map legend, history steps and the bulk report's proposals.
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

export const reviewMessages = {
  // The edit form
  reviewNotice: {
    'zh-Hans': '此修改（{kinds}）须经市级管理员审核：提交后园区状态保持不变，批准后才生效。',
    'zh-Hant': '此修改（{kinds}）須經市級管理員審核：提交後園區狀態保持不變，批准後才生效。',
    en: 'This change ({kinds}) needs a city administrator\'s approval: the park keeps its status until it is approved.',
  },
  submitForReview: { 'zh-Hans': '提交市级审核', 'zh-Hant': '提交市級審核', en: 'Submit for the city\'s review' },
  submitting: { 'zh-Hans': '正在提交…', 'zh-Hant': '正在提交…', en: 'Submitting…' },
  proposalSubmitted: {
    'zh-Hans': '已提交市级审核（申请编号 {id}），待批准后生效。',
    'zh-Hant': '已提交市級審核（申請編號 {id}），待批准後生效。',
    en: 'Submitted for the city\'s approval (proposal {id}); it takes effect once approved.',
  },
  // Pending proposals of a park
  pendingTitle: { 'zh-Hans': '待市级审核', 'zh-Hant': '待市級審核', en: 'Awaiting the city\'s review' },
  pendingLoadError: { 'zh-Hans': '无法加载待审核申请：', 'zh-Hant': '無法載入待審核申請：', en: 'The proposals could not be loaded: ' },
  proposedBy: { 'zh-Hans': '{user} 于 {time} 提交', 'zh-Hant': '{user} 於 {time} 提交', en: 'proposed by {user}, {time}' },
  proposedByUser: { 'zh-Hans': '由 {user} 提交审核', 'zh-Hant': '由 {user} 提交審核', en: 'proposed by {user}' },
  proposalNo: { 'zh-Hans': '申请 {id}', 'zh-Hant': '申請 {id}', en: 'Proposal {id}' },
  reviewKindsLabel: { 'zh-Hans': '审核事项：', 'zh-Hant': '審核事項：', en: 'Reviewed: ' },
  proposalStale: {
    'zh-Hans': '提交后园区已有变更（版本 {base} → {current}），只能退回。',
    'zh-Hant': '提交後園區已有變更（版本 {base} → {current}），只能退回。',
    en: 'The park changed after this proposal (version {base} → {current}); it can only be returned.',
  },
  // The review queue
  reviewOpen: { 'zh-Hans': '市级审核队列', 'zh-Hant': '市級審核隊列', en: 'Review queue' },
  reviewOpenCount: { 'zh-Hans': '市级审核队列（{count}）', 'zh-Hant': '市級審核隊列（{count}）', en: 'Review queue ({count})' },
  reviewTitle: { 'zh-Hans': '区级报审申请', 'zh-Hant': '區級報審申請', en: 'District proposals' },
  reviewIntro: {
    'zh-Hans': '区工信局提交的改造分类变更、试点申报和改造完成，须经市级管理员批准（附意见）后生效，或说明理由退回。',
    'zh-Hant': '區工信局提交的改造分類變更、試點申報和改造完成，須經市級管理員批准（附意見）後生效，或說明理由退回。',
    en: 'Changes of category, pilot nominations and completions proposed by the districts take effect when a city administrator approves them (with a comment), or are returned with a reason.',
  },
  reviewReadOnly: { 'zh-Hans': '只有市级管理员可以审批。', 'zh-Hant': '只有市級管理員可以審批。', en: 'Only city administrators can decide.' },
  reviewCounts: { 'zh-Hans': '各区待审核数量', 'zh-Hant': '各區待審核數量', en: 'Pending per district' },
  reviewAll: { 'zh-Hans': '全部', 'zh-Hant': '全部', en: 'All' },
  reviewEmpty: { 'zh-Hans': '没有待审核的申请。', 'zh-Hant': '沒有待審核的申請。', en: 'No proposals are waiting.' },
  reviewLoading: { 'zh-Hans': '正在加载审核队列…', 'zh-Hant': '正在載入審核隊列…', en: 'Loading the queue…' },
  reviewLoadError: { 'zh-Hans': '无法加载审核队列：', 'zh-Hant': '無法載入審核隊列：', en: 'The queue could not be loaded: ' },
  reviewMore: { 'zh-Hans': '仅显示最早的 {shown} 项，共 {total} 项。', 'zh-Hant': '僅顯示最早的 {shown} 項，共 {total} 項。', en: 'Showing the oldest {shown} of {total}.' },
  reviewComment: { 'zh-Hans': '审核意见（批准）或退回理由', 'zh-Hant': '審核意見（批准）或退回理由', en: 'Comment (approval) or reason (return)' },
  reviewCommentRequired: { 'zh-Hans': '请填写审核意见或退回理由。', 'zh-Hant': '請填寫審核意見或退回理由。', en: 'Write a comment or a reason first.' },
  approve: { 'zh-Hans': '批准', 'zh-Hant': '批准', en: 'Approve' },
  returnProposal: { 'zh-Hans': '退回', 'zh-Hant': '退回', en: 'Return' },
  deciding: { 'zh-Hans': '正在处理…', 'zh-Hant': '正在處理…', en: 'Working…' },
  reviewDecidedOn: { 'zh-Hans': '{park}：{result}', 'zh-Hant': '{park}：{result}', en: '{park}: {result}' },
  approved: { 'zh-Hans': '已批准，园区现为版本 {version}，地图已更新。', 'zh-Hant': '已批准，園區現為版本 {version}，地圖已更新。', en: 'Approved: the park is now version {version}; the map is updated.' },
  returned: { 'zh-Hans': '已退回区工信局。', 'zh-Hant': '已退回區工信局。', en: 'Returned to the district.' },
  openPark: { 'zh-Hans': '查看园区', 'zh-Hant': '查看園區', en: 'Show the park' },
  // Which changes need review (administrators)
  reviewRulesTitle: { 'zh-Hans': '须经市级审核的修改', 'zh-Hant': '須經市級審核的修改', en: 'Changes that need the city\'s review' },
  reviewRulesError: { 'zh-Hans': '无法保存审核设置：', 'zh-Hant': '無法儲存審核設置：', en: 'The setting could not be saved: ' },
  // The map legend
  legendPending: { 'zh-Hans': '待市级审核（虚线框）', 'zh-Hant': '待市級審核（虛線框）', en: 'Awaiting the city\'s review (dashed outline)' },
  // History steps
  stepProposed: { 'zh-Hans': '提交审核', 'zh-Hant': '提交審核', en: 'proposed for review' },
  stepApproved: { 'zh-Hans': '市级批准', 'zh-Hant': '市級批准', en: 'approved by the city' },
  stepReturned: { 'zh-Hans': '市级退回', 'zh-Hant': '市級退回', en: 'returned by the city' },
  cityComment: { 'zh-Hans': '市级意见：', 'zh-Hant': '市級意見：', en: 'City\'s comment: ' },
  // The bulk report
  bulkWillPropose: { 'zh-Hans': '通过，将提交市级审核（{kinds}）', 'zh-Hant': '通過，將提交市級審核（{kinds}）', en: 'OK: will be sent for the city\'s review ({kinds})' },
} satisfies Record<string, Strings>;
