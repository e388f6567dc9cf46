import { Space, Tag } from 'antd';
import { formatDateTime } from '../components/formatDate.ts';
import { zh } from '../i18n/zhCN.ts';

/** A task's deadline with its working days left (orange within 3), or 已逾期. */
export function DueTag({ dueAt, overdue, workingDaysLeft }: { dueAt: string | null; overdue: boolean; workingDaysLeft: number | null }) {
  if (!dueAt) return <>{zh.inbox.noDue}</>;
  return (
    <Space size={4} wrap>
      <span>{formatDateTime(dueAt)}</span>
      {overdue ? <Tag color="red">{zh.inbox.overdue}</Tag> : workingDaysLeft !== null ? <Tag color={workingDaysLeft <= 3 ? 'orange' : 'default'}>{zh.inbox.daysLeft(workingDaysLeft)}</Tag> : null}
    </Space>
  );
}
