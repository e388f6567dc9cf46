import { Card, Empty, Table, Tag, Typography } from 'antd';
import type { DraftProblem } from '../draftTypes.ts';
import type { LintReport } from '../modeler/linting/index.ts';
import { dt } from '../designerText.ts';
import { elementOf } from './draftFiles.ts';

const p = dt.problems;

/** A problem in the panel: the server's at the last save, or the live linter's in the diagram being edited. */
export type PanelProblem = DraftProblem & { live?: LintReport };

/**
 * 问题: what the live linter finds in the diagram being edited (实时检查) and what the server's checks
 * found at the last save (保存时检查), by file and pointer; a row clicked opens it.
 */
export function ProblemsPanel({ problems, onOpen }: { problems: PanelProblem[]; onOpen(problem: PanelProblem): void }) {
  const errors = problems.filter((x) => x.severity === 'error').length;
  return (
    <Card
      size="small"
      title={
        <span>
          {p.title} <Typography.Text type="secondary">{p.count(errors, problems.length - errors)}</Typography.Text>
        </span>
      }
      data-testid="problems-panel"
    >
      {problems.length ? (
        <Table<PanelProblem>
          size="small"
          rowKey={(r) => `${r.live ? 'live' : 'saved'}|${r.file}|${r.pointer}|${r.code}|${r.message}`}
          dataSource={problems}
          pagination={problems.length > 10 ? { pageSize: 10, size: 'small' } : false}
          onRow={(r) => ({ onClick: () => onOpen(r), style: { cursor: 'pointer' }, 'data-testid': 'problem-row', 'data-source': r.live ? 'live' : 'saved' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '', dataIndex: 'severity', width: 64, render: (s: string) => <Tag color={s === 'error' ? 'red' : 'orange'}>{p.severity[s] ?? s}</Tag> },
            { title: p.file, dataIndex: 'file', width: 240, render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
            { title: p.at, dataIndex: 'pointer', width: 220, render: (ptr: string) => (elementOf(ptr) ? p.element(elementOf(ptr)!) : <Typography.Text type="secondary">{ptr || '—'}</Typography.Text>) },
            { title: p.message, dataIndex: 'message' },
            { title: p.source, key: 'source', width: 96, render: (_: unknown, r: PanelProblem) => <Typography.Text type="secondary">{r.live ? p.live : p.saved}</Typography.Text> },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={p.none} />
      )}
    </Card>
  );
}
