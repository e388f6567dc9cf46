import { Button, Checkbox, Input, Select, Space, Tag } from 'antd';
import { zh } from '../../i18n/zhCN.ts';
import { hasFilters, type Due, type Rule, type Tab, type TaskListFilters } from './taskListQuery.ts';

const t = zh.inbox.filters;

/** The filter bar above the list; every change goes to the URL (page back to 1). */
export function TaskFilters({ tab, filters, labels, onChange }: {
  tab: Tab;
  filters: TaskListFilters;
  /** The package filter's title, taken from the rows (the URL holds its hash). */
  labels: { package?: string };
  onChange(next: TaskListFilters): void;
}) {
  const set = (patch: Partial<TaskListFilters>) => onChange({ ...filters, ...patch, page: 1 });
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
        <OptionSelect label={t.due} labels={t.dueOptions} width={140} value={filters.due} onChange={(v: Due | undefined) => set({ due: v })} testId="filter-due" />
      ) : null}
      <OptionSelect label={t.rule} labels={t.ruleOptions} width={150} value={filters.rule} onChange={(v: Rule | undefined) => set({ rule: v })} testId="filter-rule" />
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
          {t.step(filters.step)}
        </Tag>
      ) : null}
      {filters.package ? (
        <Tag closable onClose={() => set({ package: undefined })} data-testid="filter-package">
          {t.package(labels.package ?? filters.package)}
        </Tag>
      ) : null}
      {hasFilters(filters) ? <Button type="link" onClick={() => onChange({ page: 1, sort: filters.sort })}>{t.reset}</Button> : null}
    </Space>
  );
}

/** A clearable select over a closed list of codes, labelled in Chinese. */
function OptionSelect<T extends string>({ label, labels, width, value, onChange, testId }: {
  label: string;
  labels: Record<T, string>;
  width: number;
  value: T | undefined;
  onChange(v: T | undefined): void;
  testId: string;
}) {
  return (
    <Select<T>
      allowClear
      placeholder={label}
      aria-label={label}
      style={{ width }}
      value={value}
      onChange={(v) => onChange(v)}
      options={(Object.keys(labels) as T[]).map((v) => ({ value: v, label: labels[v] }))}
      data-testid={testId}
    />
  );
}
