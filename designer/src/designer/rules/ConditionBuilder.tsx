import { useEffect, useState } from 'react';
import { Input, Space } from 'antd';
import { QueryBuilder, update, type Field, type Path, type ValueEditorProps } from 'react-querybuilder';
import { QueryBuilderAntD } from '@react-querybuilder/antd';
import 'react-querybuilder/dist/query-builder.css';
import './conditionBuilder.css';
import { BUILT_IN_OPERATORS, CUSTOM_OPERATORS } from '../../../../rules/ruleSetTypes.ts';
import { editorText } from './editorText.ts';
import { fieldLabel } from './ConditionSentences.tsx';
import { FreeFieldSelector } from './FreeFieldSelector.tsx';
import type { ConditionGroup, ConditionMeta, ConditionRule } from './ruleQuery.ts';

const t = editorText.rules;
const b = t.builder;

const operators = [...BUILT_IN_OPERATORS, ...CUSTOM_OPERATORS].map((name) => ({ name, value: name, label: t.operators[name] ?? name }));
const combinators = [
  { name: 'and', value: 'and', label: t.combinators.and! },
  { name: 'or', value: 'or', label: t.combinators.or! },
];
const translations = {
  addRule: { label: b.addRule, title: b.addRule },
  addGroup: { label: b.addGroup, title: b.addGroup },
  removeRule: { label: '删除', title: b.removeRule },
  removeGroup: { label: '删除', title: b.removeGroup },
  cloneRule: { label: '复制', title: b.cloneRule },
  cloneRuleGroup: { label: '复制', title: b.cloneRuleGroup },
  combinators: { title: b.combinators },
  fields: { title: b.fields, placeholderLabel: b.fields, placeholderGroupLabel: b.fields },
  operators: { title: b.operators, placeholderLabel: b.operators, placeholderGroupLabel: b.operators },
  value: { title: b.value },
  notToggle: { label: b.notToggle, title: b.notToggle },
};

interface BuilderContext {
  setMeta(path: Path, meta: ConditionMeta): void;
  readOnly?: boolean;
}

/**
 * The value of a condition (text as is; numbers, lists and predicates as JSON) with the condition's
 * clause and its sentence for applicants, which json-rules-engine conditions carry beside the value.
 */
function ConditionValueEditor(props: ValueEditorProps) {
  const { value, handleOnChange, rule, path, context, disabled } = props;
  const ctx = context as BuilderContext;
  const meta = ((rule as ConditionRule).meta ?? { keys: [] }) as ConditionMeta;
  const shown = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const commit = () => {
    if (draft === shown) return;
    // A value that was text stays text; anything else is read as JSON when it parses.
    let next: unknown = draft;
    if (typeof value !== 'string' || /^\s*[[{]/.test(draft)) {
      try {
        next = JSON.parse(draft);
      } catch {
        next = draft;
      }
    }
    handleOnChange(next);
  };
  return (
    <Space.Compact style={{ flex: 1, minWidth: 360 }}>
      <Input
        size="small"
        value={draft}
        disabled={disabled || ctx.readOnly}
        placeholder={t.valuePlaceholder}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onPressEnter={commit}
        data-testid="condition-value-input"
        style={{ width: '40%' }}
      />
      <Input size="small" value={meta.clause ?? ''} disabled={ctx.readOnly} placeholder={t.conditionClause} onChange={(e) => ctx.setMeta(path, { ...meta, clause: e.target.value })} style={{ width: 112 }} data-testid="condition-clause-input" />
      <Input size="small" value={meta.message ?? ''} disabled={ctx.readOnly} placeholder={t.conditionMessage} onChange={(e) => ctx.setMeta(path, { ...meta, message: e.target.value })} data-testid="condition-message-input" />
    </Space.Compact>
  );
}

/** The condition builder (react-querybuilder with its antd controls) over one condition tree. */
export function ConditionBuilder({ query, fields, titles, facts, readOnly, onChange }: { query: ConditionGroup; fields: string[]; titles?: Map<string, string>; facts?: Record<string, string>; readOnly?: boolean; onChange(q: ConditionGroup): void }) {
  // A form field is named by its titles too (申报信息 · targetOccupation.code(申报职业 › 代码)).
  const fieldList: Field[] = fields.map((f) => ({ name: f, value: f, label: titles?.get(f) ? `${fieldLabel(f, facts)}(${titles.get(f)})` : fieldLabel(f, facts) }));
  const context: BuilderContext = { readOnly, setMeta: (path, meta) => onChange(update(query, 'meta', meta, path) as ConditionGroup) };
  return (
    <div className="condition-builder" data-testid="condition-builder">
      <QueryBuilderAntD>
        <QueryBuilder
          fields={fieldList}
          operators={operators}
          combinators={combinators}
          translations={translations}
          query={query}
          onQueryChange={(q) => onChange(q as ConditionGroup)}
          enableMountQueryChange={false}
          controlElements={{ valueEditor: ConditionValueEditor, fieldSelector: FreeFieldSelector }}
          context={context}
          disabled={readOnly}
          showCloneButtons
          resetOnFieldChange={false}
          getDefaultField={fields[0]}
          getDefaultOperator="equal"
          getDefaultValue={() => ''}
          onAddRule={(r) => ({ ...r, meta: { keys: [] } })}
        />
      </QueryBuilderAntD>
    </div>
  );
}
