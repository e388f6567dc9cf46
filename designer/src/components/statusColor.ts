const COLORS: Record<string, string> = { DRAFT: 'default', SUBMITTED: 'blue', IN_REVIEW: 'processing', RETURNED: 'warning', REJECTED: 'error', WITHDRAWN: 'default', ADMITTED: 'success', COMPLETED: 'success', CARD_ISSUED: 'success' };

/** The tag colour of an application status (unknown package statuses are neutral). */
export const statusColor = (status: string) => COLORS[status] ?? 'default';
