import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { api, data } from '../../api/client.ts';
import type { InstanceDiagram } from '../../api/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../components/formatDate.ts';
import type { DiagramMarks } from '../../components/diagram/ProcessDiagram.tsx';
import { zh } from '../../i18n/zhCN.ts';

// bpmn-js is large: loaded only when a diagram is shown.
const ProcessDiagram = lazy(() => import('../../components/diagram/ProcessDiagram.tsx').then((m) => ({ default: m.ProcessDiagram })));

const d = zh.diagram;

/** What a hover on each step tells: for every time the step was decided, who, when, the result and the opinion. */
export function diagramMarks(g: InstanceDiagram): DiagramMarks {
  const hover: Record<string, string[]> = {};
  for (const u of g.userTasks) {
    const lines = (hover[u.elementId] ??= []);
    if (lines.length) lines.push('—');
    lines.push(u.name);
    if (u.completedByName ?? u.completedBy) lines.push(d.by(u.completedByName ?? u.completedBy!));
    if (u.completedAt) lines.push(d.at(formatDateTime(u.completedAt)));
    if (u.decisionLabel ?? u.decision) lines.push(d.decision(u.decisionLabel ?? u.decision!));
    if (u.opinion) lines.push(d.opinion(u.opinion));
  }
  for (const id of g.currentElementIds) (hover[id] ??= []).push(d.waiting);
  // In view first: where the case stands, then the step decided last (whose opinion led here).
  const lastDecided = [...g.userTasks].sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? '')).pop()?.elementId;
  const focus = [...g.currentElementIds, ...(lastDecided ? [lastDecided] : []), ...g.completedElementIds.slice(-1)];
  return { done: g.completedElementIds, flows: g.takenFlowIds, current: g.currentElementIds, hover, focus };
}

/** 流程图 of the task's process: the path so far and the step the task is at. */
export function TaskDiagram({ taskId }: { taskId: string }) {
  const q = useQuery({ queryKey: ['task-diagram', taskId], staleTime: 0, queryFn: () => data(api.GET('/api/tasks/{id}/diagram', { params: { path: { id: taskId } } })) });
  const marks = useMemo(() => (q.data ? diagramMarks(q.data) : null), [q.data]);
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data || !marks) return <Spin />;
  return (
    <Suspense fallback={<Spin />}>
      <ProcessDiagram xml={q.data.xml} marks={marks} />
    </Suspense>
  );
}
