import { Empty, Timeline, Typography } from 'antd';
import { formatDateTime } from '../formatDate.ts';
import { zh } from '../../i18n/zhCN.ts';

export interface CaseTimelineEntry {
  at: string;
  action: string;
  label: string;
  actorRole: string | null;
  detail?: unknown;
}

export const roleLabel = (r: string | null) => (r ? (zh.roles[r] ?? (r === 'system' ? zh.timeline.system : r)) : '');

/** The timeline's own sentence, except where it would show a code (the rule engine's decision). */
export const entryLabel = (e: CaseTimelineEntry) => {
  const decision = (e.detail as { decision?: string } | null)?.decision;
  return e.action === 'eligibility.evaluated' && decision ? `${zh.timeline.eligibility}:${zh.timeline.eligibilityDecisions[decision] ?? decision}` : e.label;
};

/** The audit trail's record of a reviewer reading the full personal data (shown as a count, not one line each). */
const READ_ACTION = 'personal-data.read';

/** Everything that happened to an application, newest first: applicants and reviewers read the same record. */
export function CaseTimeline({ entries }: { entries: CaseTimelineEntry[] }) {
  const shown = entries.filter((e) => e.action !== READ_ACTION);
  const reads = entries.length - shown.length;
  if (!shown.length) return <Empty description={zh.timeline.empty} />;
  return (
    <>
      {reads ? (
        <Typography.Paragraph type="secondary" data-testid="personal-data-reads">
          {zh.timeline.reads(reads)}
        </Typography.Paragraph>
      ) : null}
      <Timeline
      items={[...shown].reverse().map((e, i) => ({
        key: i,
        content: (
          <div>
            <div>{entryLabel(e)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[formatDateTime(e.at), roleLabel(e.actorRole)].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        ),
      }))}
      />
    </>
  );
}
