import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { EditOutlined, CheckOutlined } from '@ant-design/icons';
import { ConditionBuilder } from './ConditionBuilder.tsx';
import { ConditionSentences } from './ConditionSentences.tsx';
import { editorText } from './editorText.ts';
import { fieldKey, type ConditionGroup } from './ruleQuery.ts';
import { api, data } from '../../api/client.ts';
import { formFieldPaths } from './formFieldPaths.ts';
import type { TrialResult } from './RuleTrialPanel.tsx';
import { modelToRuleSet, ruleSetToModel, type RuleModel, type RuleSetModel, type TreeModel } from './ruleSetModel.ts';

const t = editorText.rules;

/** The application form's fields (from the manifest's application form), for conditions on new fields. */
function useFormFields(draftId: string) {
  return useQuery({
    queryKey: ['draft-rule-form-fields', draftId],
    staleTime: 60_000,
    queryFn: async () => {
      const read = async (path: string) => JSON.parse((await data(api.GET('/api/drafts/{id}/files/{path}', { params: { path: { id: draftId, path } } }))).content) as Record<string, unknown>;
      const manifest = await read('manifest.json');
      const forms = (Array.isArray(manifest.forms) ? manifest.forms : []) as Array<{ id?: string; schema?: string }>;
      const form = forms.find((f) => f.id === 'application') ?? forms[0];
      return form?.schema ? formFieldPaths(await read(form.schema)) : new Map<string, string>();
    },
  });
}

/** Every fact · path the rule set's conditions read, and the form's fields: the builder's field list. */
function fieldsOf(model: RuleSetModel, form: Map<string, string> | undefined): string[] {
  const out = new Set<string>(form?.keys() ?? []);
  const walk = (g: ConditionGroup) => g.rules.forEach((r) => ('rules' in r ? walk(r as ConditionGroup) : out.add(r.field)));
  for (const r of model.rules) for (const tree of [r.conditions, r.appliesWhen]) if (tree?.ok) walk(tree.query);
  if (!out.size) out.add(fieldKey('application', '$.'));
  return [...out].sort();
}

/**
 * 规则: the rule set as readable sentences, each rule's conditions edited in the condition builder.
 * Whatever the builder cannot show is said so and kept as it is (the JSON view edits it).
 */
export function RulesEditor({ draftId, text, readOnly, onChange, trial }: { draftId: string; text: string; readOnly: boolean; onChange(text: string): void; trial?: TrialResult | null }) {
  const parsed = useMemo(() => {
    try {
      const v = JSON.parse(text);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
    // Read once: the model below is the editor's state from then on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [model, setModel] = useState<RuleSetModel | null>(() => (parsed ? ruleSetToModel(parsed) : null));
  const [editing, setEditing] = useState<string | null>(null);
  const formFields = useFormFields(draftId);
  const fields = useMemo(() => (model ? fieldsOf(model, formFields.data) : []), [model, formFields.data]);
  if (!model) return <Alert type="error" showIcon message={editorText.invalidJson} />;
  const facts = (model.ruleSet.facts ?? undefined) as Record<string, string> | undefined;

  const change = (next: RuleSetModel) => {
    setModel(next);
    onChange(`${JSON.stringify(modelToRuleSet(next), null, 2)}\n`);
  };
  const changeRule = (i: number, r: RuleModel) => change({ ...model, rules: model.rules.map((x, j) => (j === i ? r : x)) });

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="rules-editor">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t.intro}
      </Typography.Paragraph>
      <Space size={8}>
        <Typography.Text strong>{String(model.ruleSet.title ?? model.ruleSet.id ?? '')}</Typography.Text>
        <Tag>{t.ruleCount(model.rules.length)}</Tag>
      </Space>
      {model.rules.length === 0 ? <Empty description={t.noRules} /> : null}
      {model.rules.map((r, i) => (
        <RuleCard key={r.rule.name + i} check={trial?.checks.find((c) => c.rule === r.rule.name)} rule={r} fields={fields} titles={formFields.data} facts={facts} readOnly={readOnly} editing={editing === r.rule.name} onEdit={(on) => setEditing(on ? r.rule.name : null)} onChange={(next) => changeRule(i, next)} />
      ))}
    </Space>
  );
}

type Check = TrialResult['checks'][number];

function RuleCard({ check, rule, fields, titles, facts, readOnly, editing, onEdit, onChange }: { check?: Check; rule: RuleModel; fields: string[]; titles?: Map<string, string>; facts?: Record<string, string>; readOnly: boolean; editing: boolean; onEdit(on: boolean): void; onChange(r: RuleModel): void }) {
  const r = rule.rule;
  const setProp = (k: string, v: unknown) => onChange({ ...rule, rule: { ...r, [k]: v } });
  return (
    <Card
      size="small"
      data-testid="rule-card"
      data-rule={r.name}
      title={
        <Space size={8} wrap>
          <span>{String(r.title ?? r.name)}</span>
          <Typography.Text type="secondary" code>
            {r.name}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space size={6}>
          {check ? (
            <Tag color={!check.applicable ? 'default' : check.mark === '✔' ? 'success' : check.mark === '✘' ? 'error' : 'warning'} data-testid="rule-trial-mark" data-mark={check.applicable ? check.mark : 'n/a'}>
              {check.applicable ? `${t.trialMark} ${check.mark}` : t.notApplicable}
            </Tag>
          ) : null}
          {r.clause ? <Tag color="blue">{String(r.clause)}</Tag> : null}
          {r.onFail === 'REFER' ? <Tag color="orange">{t.onFailValues.REFER}</Tag> : null}
          {readOnly ? null : (
            <Button size="small" icon={editing ? <CheckOutlined /> : <EditOutlined />} onClick={() => onEdit(!editing)} data-testid="edit-rule">
              {editing ? t.done : t.edit}
            </Button>
          )}
        </Space>
      }
    >
      {rule.appliesWhen ? <Tree label={t.appliesWhen} tree={rule.appliesWhen} fields={fields} titles={titles} facts={facts} editing={editing} readOnly={readOnly} onChange={(tree) => onChange({ ...rule, appliesWhen: tree })} /> : null}
      <Tree label={t.conditions} marks={check?.applicable ? check.conditions : undefined} tree={rule.conditions} fields={fields} titles={titles} facts={facts} editing={editing} readOnly={readOnly} onChange={(tree) => onChange({ ...rule, conditions: tree })} />
      {editing ? (
        <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
          <Col span={12}>
            <Labelled label={t.title}>
              <Input size="small" value={String(r.title ?? '')} onChange={(e) => setProp('title', e.target.value)} data-testid="rule-title-input" />
            </Labelled>
          </Col>
          <Col span={6}>
            <Labelled label={t.clause}>
              <Input size="small" value={String(r.clause ?? '')} onChange={(e) => setProp('clause', e.target.value)} />
            </Labelled>
          </Col>
          <Col span={6}>
            <Labelled label={t.onFail}>
              <Select size="small" style={{ width: '100%' }} value={String(r.onFail ?? 'INELIGIBLE')} onChange={(v) => setProp('onFail', v)} options={Object.entries(t.onFailValues).map(([value, label]) => ({ value, label }))} />
            </Labelled>
          </Col>
          <Col span={12}>
            <Labelled label={t.passMessage}>
              <Input.TextArea autoSize value={String(r.passMessage ?? '')} onChange={(e) => setProp('passMessage', e.target.value)} />
            </Labelled>
          </Col>
          <Col span={12}>
            <Labelled label={t.failMessage}>
              <Input.TextArea autoSize value={String(r.failMessage ?? '')} onChange={(e) => setProp('failMessage', e.target.value)} />
            </Labelled>
          </Col>
        </Row>
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {t.failMessage}:{String(r.failMessage ?? '')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

function Tree({ label, marks, tree, fields, titles, facts, editing, readOnly, onChange }: { label: string; marks?: Check['conditions']; tree: TreeModel; fields: string[]; titles?: Map<string, string>; facts?: Record<string, string>; editing: boolean; readOnly: boolean; onChange(t: TreeModel): void }) {
  return (
    <div style={{ marginBottom: 6 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {!tree.ok ? (
        <Alert type="warning" showIcon message={t.unrepresentable(tree.reason)} data-testid="rule-unrepresentable" />
      ) : editing ? (
        <ConditionBuilder query={tree.query} fields={fields} titles={titles} facts={facts} readOnly={readOnly} onChange={(q) => onChange({ ok: true, query: q })} />
      ) : (
        <ConditionSentences query={tree.query} facts={facts} marks={marks} />
      )}
    </div>
  );
}
