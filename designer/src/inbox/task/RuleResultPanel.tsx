import { Alert, Card, Empty, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import type { RuleCheck, RuleResult } from '../../api/types.ts';
import { formatDateTime } from '../../components/formatDate.ts';
import { zh } from '../../i18n/zhCN.ts';

const r = zh.task.rules;
const RESULT_TYPE = { ELIGIBLE: 'success', INELIGIBLE: 'error', REFER: 'warning' } as const;

function MarkIcon({ mark }: { mark: RuleCheck['mark'] }) {
  if (mark === '✔') return <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="✔" />;
  if (mark === '✘') return <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label="✘" />;
  return <QuestionCircleFilled style={{ color: '#fa8c16' }} aria-label="需人工" />;
}

/** A value as the reviewer reads it: lists joined, true/false in Chinese, nothing as (未填写). */
function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') return r.empty;
  if (typeof v === 'boolean') return v ? zh.common.yes : zh.common.no;
  if (Array.isArray(v)) return v.length ? v.map(shown).join('、') : r.empty;
  // A record (a certificate, an organisation): its values in order, without the field codes.
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).filter((x) => x !== null && typeof x !== 'object').map(String).join(' · ') || r.empty;
  return String(v);
}

/** What the notice requires, when it is a plain value or list; a composite test is described by the condition's own sentence. */
const plain = (v: unknown) => v !== null && v !== undefined && (typeof v !== 'object' || (Array.isArray(v) && v.every((x) => typeof x !== 'object')));

/**
 * 资格审核结果: every check the package's rules made, ✔ / ✘ / 需人工, with its Chinese sentence, its
 * clause, and per condition the value found in the application next to what the notice requires.
 */
export function RuleResultPanel({ result }: { result: RuleResult | null }) {
  if (!result) return <Empty description={r.none} />;
  const checks = [...result.checks].sort((a, b) => Number(b.applicable) - Number(a.applicable));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="rule-result">
      <Alert type={RESULT_TYPE[result.decision]} showIcon title={r.summary(result.decisionLabel)} description={result.asOf ? r.asOf(formatDateTime(result.asOf)) : undefined} />
      {checks.map((c) => (
        <Card
          key={c.rule}
          size="small"
          data-testid="rule-check"
          data-mark={c.applicable ? c.mark : 'n/a'}
          style={c.applicable ? undefined : { opacity: 0.6 }}
          title={
            <Space size={8}>
              {c.applicable ? <MarkIcon mark={c.mark} /> : <Tag>{r.notApplicable}</Tag>}
              <span>{c.title}</span>
            </Space>
          }
          extra={c.clause ? <Tag color="blue">{r.clause(c.clause)}</Tag> : null}
        >
          <Typography.Paragraph style={{ marginBottom: c.conditions.length ? 8 : 0 }}>{c.message}</Typography.Paragraph>
          {c.applicable && c.conditions.length ? (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {c.conditions.map((k, i) => (
                <li key={i} data-testid="rule-condition" data-mark={k.mark}>
                  <Space size={6} wrap>
                    <MarkIcon mark={k.mark} />
                    {k.message ? <span>{k.message}</span> : null}
                    <Typography.Text type="secondary">{`${r.found}:`}</Typography.Text>
                    <Typography.Text strong>{k.actualText ?? shown(k.actual)}</Typography.Text>
                    {plain(k.expected) ? <Typography.Text type="secondary">{`${r.expected}:${k.expectedText ?? shown(k.expected)}`}</Typography.Text> : null}
                    {k.clause && k.clause !== c.clause ? <Tag>{r.clause(k.clause)}</Tag> : null}
                  </Space>
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      ))}
    </Space>
  );
}
