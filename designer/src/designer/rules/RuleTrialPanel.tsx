import { useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Radio, Select, Space, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import { messageOf } from '../../api/ApiError.ts';
import { RuleResultPanel } from '../../inbox/task/RuleResultPanel.tsx';
import { formatDateTime } from '../../components/formatDate.ts';
import { JsonEditor } from '../workspace/JsonEditor.tsx';
import { editorText } from './editorText.ts';

const t = editorText.trial;
type Ok<P extends keyof paths, M extends 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

export type TrialResult = Ok<'/api/drafts/{id}/rules/{ruleSet}/evaluate', 'post'>;
/** The last 试算 and the rule set text it judged (its marks are shown on the sentences while the text is unchanged). */
export interface LastTrial {
  text: string;
  result: TrialResult;
}

interface Sample {
  key: string;
  label: string;
  facts: Record<string, unknown>;
  asOf?: string;
}

/** The package's scenario checks on this rule set, as samples (their facts and date). */
function useSamples(draftId: string, ruleSetId: string) {
  return useQuery({
    queryKey: ['draft-trial-samples', draftId, ruleSetId],
    staleTime: 60_000,
    queryFn: async (): Promise<Sample[]> => {
      const detail = await data(api.GET('/api/drafts/{id}', { params: { path: { id: draftId } } }));
      const files = detail.files.filter((f) => f.path.startsWith('scenarios/') && f.path.endsWith('.json'));
      const out: Sample[] = [];
      for (const f of files) {
        const file = await data(api.GET('/api/drafts/{id}/files/{path}', { params: { path: { id: draftId, path: f.path } } }));
        let s: { name?: string; given?: { asOf?: string }; checks?: Array<{ title?: string; ruleSet?: string; facts?: Record<string, unknown>; asOf?: string }> };
        try {
          s = JSON.parse(file.content);
        } catch {
          continue;
        }
        (s.checks ?? []).forEach((c, i) => {
          if (c.ruleSet === ruleSetId && c.facts && typeof c.facts === 'object') out.push({ key: `${f.path}#${i}`, label: `${c.title ?? i}(${f.path.slice('scenarios/'.length)})`, facts: c.facts, asOf: c.asOf ?? s.given?.asOf });
        });
      }
      return out;
    },
  });
}

/**
 * 试算: the rule set being edited (unsaved edits included) judged by the platform on a package
 * sample, on form data, or on a past applicant with the registry record; the result as the
 * reviewer's 资格审核结果 shows it, every condition ✔ / ✘ / 需人工 with the value found.
 */
export function RuleTrialPanel({ draftId, text, last, onResult }: { draftId: string; text: string; last: LastTrial | null; onResult(r: LastTrial): void }) {
  const ruleSet = useMemo(() => {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return null;
    }
  }, [text]);
  const ruleSetId = typeof ruleSet?.id === 'string' ? ruleSet.id : '';
  const samples = useSamples(draftId, ruleSetId);
  const past = useQuery({ queryKey: ['draft-trial-past', draftId], staleTime: 60_000, queryFn: () => data(api.GET('/api/drafts/{id}/rules/applicants', { params: { path: { id: draftId } } })) });
  const [source, setSource] = useState<'scenario' | 'application' | 'past'>('scenario');
  const [sampleKey, setSampleKey] = useState<string | null>(null);
  const [factsText, setFactsText] = useState('{\n  "application": {}\n}');
  const [pastId, setPastId] = useState<string | null>(null);
  const [asOf, setAsOf] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);

  const pick = (key: string) => {
    const s = samples.data?.find((x) => x.key === key);
    setSampleKey(key);
    if (!s) return;
    setFactsText(JSON.stringify(s.facts, null, 2));
    setAsOf(s.asOf ?? '');
  };

  // A sample's date belongs to the sample: another kind of source starts from its own default.
  const changeSource = (next: 'scenario' | 'application' | 'past') => {
    setSource(next);
    setAsOf(next === 'scenario' ? (samples.data?.find((x) => x.key === sampleKey)?.asOf ?? '') : '');
  };

  const run = useMutation({
    mutationFn: async () => {
      const body: Record<string, unknown> = { ruleSet: ruleSet ?? undefined };
      if (asOf.trim()) body.asOf = asOf.trim();
      if (source === 'past') body.applicationId = pastId ?? '';
      else {
        const v = JSON.parse(factsText) as unknown;
        if (!v || typeof v !== 'object' || Array.isArray(v)) throw new SyntaxError('{…}');
        if (source === 'scenario') body.facts = v;
        else body.application = v;
      }
      return data(api.POST('/api/drafts/{id}/rules/{ruleSet}/evaluate', { params: { path: { id: draftId, ruleSet: ruleSetId } }, body: body as never }));
    },
    onMutate: () => setInputError(null),
    onSuccess: (result) => onResult({ text, result }),
    onError: (err) => setInputError(err instanceof SyntaxError ? t.invalidFacts(err.message) : messageOf(err)),
  });

  // The last result stays when the tab is left and opened again.
  const shown = run.data ?? last?.result ?? null;
  if (!ruleSet) return <Alert type="error" showIcon message={editorText.invalidJson} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="rule-trial">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t.intro}
      </Typography.Paragraph>
      <Card size="small">
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>{t.source}</Typography.Text>
            <Radio.Group value={source} onChange={(e) => changeSource(e.target.value)} optionType="button" size="small" data-testid="trial-source" options={Object.entries(t.sources).map(([value, label]) => ({ value, label }))} />
          </Space>
          {source === 'scenario' ? (
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: '100%' }}
              placeholder={samples.data && !samples.data.length ? t.noScenario : t.pickScenario}
              loading={samples.isLoading}
              value={sampleKey}
              onChange={pick}
              options={(samples.data ?? []).map((s) => ({ value: s.key, label: s.label }))}
              data-testid="trial-sample"
            />
          ) : null}
          {source === 'past' ? (
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: '100%' }}
              placeholder={past.data && !past.data.length ? t.noPast : t.pickPast}
              loading={past.isLoading}
              value={pastId}
              onChange={setPastId}
              options={(past.data ?? []).map((p) => ({ value: p.id, label: `${p.applicantName ?? '—'} · ${p.idNumber ?? ''} · ${p.submittedAt ? formatDateTime(p.submittedAt) : ''}` }))}
              data-testid="trial-past"
            />
          ) : (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {source === 'scenario' ? t.facts : t.application}
              </Typography.Text>
              <JsonEditor value={factsText} onChange={setFactsText} height={220} />
            </div>
          )}
          <Space wrap>
            <Typography.Text>{t.asOf}</Typography.Text>
            <Input size="small" style={{ width: 140 }} placeholder="YYYY-MM-DD" value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="trial-asof" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.asOfHint}
            </Typography.Text>
            <Button type="primary" icon={<ExperimentOutlined />} loading={run.isPending} onClick={() => run.mutate()} disabled={source === 'past' && !pastId} data-testid="run-trial">
              {t.run}
            </Button>
          </Space>
          {inputError ? <Alert type="error" showIcon message={inputError} data-testid="trial-error" /> : null}
        </Space>
      </Card>
      {shown ? (
        <div data-testid="trial-result">
          <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }}>
            {t.sourceLabel(t.sources[shown.source.kind === 'facts' ? 'scenario' : shown.source.kind === 'application' ? 'application' : 'past']!, shown.source.applicantName)}
            {shown.missingFacts.length ? `;${t.missing(shown.missingFacts.join('、'))}` : ''}
          </Typography.Paragraph>
          <RuleResultPanel result={shown} />
        </div>
      ) : null}
    </Space>
  );
}
