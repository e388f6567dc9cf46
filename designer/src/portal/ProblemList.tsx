import { Alert, Tag, Typography } from 'antd';
import type { CheckProblem } from './portalTypes.ts';
import { portalText as t } from './portalText.ts';

/** Every problem of a check (or a refused submit), each with its field and the clause it enforces. */
export function ProblemList({ problems }: { problems: CheckProblem[] }) {
  if (!problems.length) return <Alert type="success" showIcon title={t.checkPassed} data-testid="check-result" />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="check-result"
      title={t.checkFailed(problems.length)}
      description={
        <ol style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
          {problems.map((p, i) => (
            <li key={i} data-testid="check-problem" style={{ marginBottom: 4 }}>
              {p.field ? <Typography.Text strong>{`${p.field}:`}</Typography.Text> : p.pointer?.startsWith('/attachments') ? <Typography.Text strong>{`${t.attachmentField}:`}</Typography.Text> : null}
              <span>{p.message}</span>
              {p.clause ? <Tag style={{ marginInlineStart: 8 }}>{`${t.clause} ${p.clause}`}</Tag> : null}
            </li>
          ))}
        </ol>
      }
    />
  );
}
