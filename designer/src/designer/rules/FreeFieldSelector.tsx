import { useState } from 'react';
import { Select } from 'antd';
import type { FieldSelectorProps } from 'react-querybuilder';
import { fieldKey } from './ruleQuery.ts';
import { editorText } from './editorText.ts';

/**
 * A fact and path typed by hand (`fact`, `fact.a.b` or `fact|$.a.b`) as the builder's field key:
 * `person.bans` reads fact `person` at path `$.bans`.
 */
export function typedField(text: string): string | null {
  const s = text.trim();
  if (!s || /\s/.test(s)) return null;
  if (s.includes('|')) return s;
  const i = s.indexOf('.');
  return i < 0 ? s : fieldKey(s.slice(0, i), `$.${s.slice(i + 1)}`);
}

/**
 * The condition's fact · field: one of the rule set's and the form's fields, or any fact path typed
 * in (a registry fact no condition reads yet).
 */
export function FreeFieldSelector({ options, value, handleOnChange, disabled, title }: FieldSelectorProps) {
  const [search, setSearch] = useState('');
  const flat = (options as Array<{ value: string; label: string }>).map((o) => ({ value: o.value, label: o.label }));
  const typed = typedField(search);
  const extra = typed && !flat.some((o) => o.value === typed) ? [{ value: typed, label: editorText.rules.builder.typedField(typed) }] : [];
  const current = value && !flat.some((o) => o.value === value) ? [{ value, label: value }] : [];
  return (
    <Select
      size="small"
      showSearch
      title={title}
      disabled={disabled}
      value={value}
      style={{ minWidth: 240 }}
      popupMatchSelectWidth={false}
      options={[...extra, ...current, ...flat]}
      searchValue={search}
      onSearch={setSearch}
      filterOption={(input, o) => !!o && (o.value === typed || String(o.label).toLowerCase().includes(input.toLowerCase()) || String(o.value).toLowerCase().includes(input.toLowerCase()))}
      onChange={(v: string) => {
        setSearch('');
        handleOnChange(v);
      }}
      data-testid="condition-field-select"
    />
  );
}
