import { Card, Empty, Table, Tag, Typography } from 'antd';
import type { DraftProblem } from '../draftTypes.ts';
import { dt } from '../designerText.ts';
import { elementOf } from './draftFiles.ts';

const p = dt.problems;

/** 问题: what the server's checks found at the last save, by file and pointer; a row clicked opens it. */
export function ProblemsPanel({ problems, onOpen }: { problems: DraftProblem[]; onOpen(problem: DraftProblem): void }) {
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
        <Table<DraftProblem>
          size="small"
          rowKey={(r) => `${r.file}|${r.pointer}|${r.code}|${r.message}`}
          dataSource={problems}
          pagination={problems.length > 10 ? { pageSize: 10, size: 'small' } : false}
          onRow={(r) => ({ onClick: () => onOpen(r), style: { cursor: 'pointer' }, 'data-testid': 'problem-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '', dataIndex: 'severity', width: 64, render: (s: string) => <Tag color={s === 'error' ? 'red' : 'orange'}>{p.severity[s] ?? s}</Tag> },
            { title: p.file, dataIndex: 'file', width: 240, render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
            { title: p.at, dataIndex: 'pointer', width: 220, render: (ptr: string) => (elementOf(ptr) ? p.element(elementOf(ptr)!) : <Typography.Text type="secondary">{ptr || '—'}</Typography.Text>) },
            { title: p.message, dataIndex: 'message' },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={p.none} />
      )}
    </Card>
  );
}
