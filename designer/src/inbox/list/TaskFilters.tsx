import { Button, Checkbox, Input, Select, Space, Tag } from 'antd';
import { zh } from '../../i18n/zhCN.ts';
import type { Due, Rule, Tab, TaskListFilters } from './taskListQuery.ts';

const t = zh.inbox.filters;

/** The filter bar above the list; every change goes to the URL (page back to 1). */
export function TaskFilters({ tab, filters, labels, onChange }: {
  tab: Tab;
  filters: TaskListFilters;
  /** Human names of the step and package filters, taken from the rows that set them. */
  labels: { step?: string; package?: string };
  onChange(next: TaskListFilters): void;
}) {
  const set = (patch: Partial<TaskListFilters>) => onChange({ ...filters, ...patch, page: 1 });
  const any = filters.q || filters.due || filters.rule || filters.region || filters.step || filters.package || filters.mine;
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="task-filters">
      <Input.Search
        key={filters.q ?? ''}
        allowClear
        defaultValue={filters.q}
        placeholder={t.search}
        aria-label={t.search}
        style={{ width: 220 }}
        onSearch={(v) => set({ q: v.trim() || undefined })}
      />
      {tab === 'todo' ? (
        <Select<Due>
          allowClear
          placeholder={t.due}
          aria-label={t.due}
          style={{ width: 140 }}
          value={filters.due}
          onChange={(v) => set({ due: v })}
          options={(Object.keys(t.dueOptions) as Due[]).map((v) => ({ value: v, label: t.dueOptions[v] }))}
          data-testid="filter-due"
        />
      ) : null}
      <Select<Rule>
        allowClear
        placeholder={t.rule}
        aria-label={t.rule}
        style={{ width: 150 }}
        value={filters.rule}
        onChange={(v) => set({ rule: v })}
        options={(Object.keys(t.ruleOptions) as Rule[]).map((v) => ({ value: v, label: t.ruleOptions[v] }))}
        data-testid="filter-rule"
      />
      <Input
        key={`region-${filters.region ?? ''}`}
        allowClear
        placeholder={t.region}
        aria-label={t.region}
        style={{ width: 120 }}
        defaultValue={filters.region}
        maxLength={6}
        onPressEnter={(e) => set({ region: e.currentTarget.value.trim() || undefined })}
        onClear={() => set({ region: undefined })}
      />
      {tab === 'todo' ? (
        <Checkbox checked={!!filters.mine} onChange={(e) => set({ mine: e.target.checked || undefined })}>
          {t.mine}
        </Checkbox>
      ) : null}
      {filters.step ? (
        <Tag closable onClose={() => set({ step: undefined })} data-testid="filter-step">
          {t.step(labels.step ?? filters.step)}
        </Tag>
      ) : null}
      {filters.package ? (
        <Tag closable onClose={() => set({ package: undefined })} data-testid="filter-package">
          {t.package(labels.package ?? filters.package)}
        </Tag>
      ) : null}
      {any ? <Button type="link" onClick={() => onChange({ page: 1, sort: filters.sort })}>{t.reset}</Button> : null}
    </Space>
  );
}
