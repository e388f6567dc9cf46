/**
 * The platform's Chinese labels for application status and reason codes that processes set through
 * application.status tasks. A package adds its own in manifest `labels`; the loader warns about a code
 * that has neither, since the applicant would see the raw code.
 */
export const APPLICATION_STATUS_LABELS: Record<string, string> = {
  DRAFT: '草稿',
  SUBMITTED: '已提交',
  IN_REVIEW: '审核中',
  RETURNED: '退回补正',
  REJECTED: '不予通过',
  WITHDRAWN: '已撤回',
  ADMITTED: '资格审核通过,待培训考核',
  EXAM_FAILED: '考核未通过',
  CARD_ISSUED: '证卡已制发,待领取',
  CARD_CANCELLED: '证卡已注销',
  COMPLETED: '已办结',
};

export const REASON_LABELS: Record<string, string> = {
  INELIGIBLE: '不符合申报条件',
  REVIEW_REJECTED: '审核不予通过',
  CITY_REVIEW_LATE: '市(州)职鉴中心未在规定时间内审核并提交复审,视为资质不合格',
};

const FILING_STATUS = { FILED: '已备案', APPLIED: '备案申请已受理', SUBMITTED: '已提交备案材料,尚未受理', NONE: '未备案' };

/** Registry codes as rules read them (fact.path), in Chinese for the reviewer's rule result. */
export const REGISTRY_VALUE_LABELS: Record<string, Record<string, string>> = {
  'recommender.filingStatus': FILING_STATUS,
  'organisation.filingStatus': FILING_STATUS,
};
