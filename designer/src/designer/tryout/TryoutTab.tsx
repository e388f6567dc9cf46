import { useMemo, useState } from 'react';
import { App as AntdApp, Alert, Button, Card, Form, Input, Modal, Segmented, Select, Space, Spin, Typography } from 'antd';
import { PlayCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import { ApiError, messageOf } from '../../api/ApiError.ts';
import type { DraftDetail } from '../draftTypes.ts';
import { dt } from '../designerText.ts';
import { JsonEditor } from '../workspace/JsonEditor.tsx';
import { CoverageCard } from './CoverageCard.tsx';
import { TryoutResultView } from './TryoutResultView.tsx';
import { sampleScenario, scenarioFiles, scenarioFromRun, validScenarioName, type ScenarioDoc } from './tryoutModel.ts';
import type { TryoutResult } from './tryoutTypes.ts';

const t = dt.tryout;

/**
 * The workspace's 试运行 tab: run one of the draft's scenarios (or a new one for a sample applicant)
 * on a scratch platform, see its path and steps, save it as a scenario; and the coverage map.
 */
export function TryoutTab({ draft, readOnly }: { draft: DraftDetail; readOnly: boolean }) {
  const qc = useQueryClient();
  const { message } = AntdApp.useApp();
  const files = useMemo(() => scenarioFiles(draft.files.map((f) => f.path)), [draft.files]);
  const [mode, setMode] = useState<'file' | 'sample'>('file');
  const [file, setFile] = useState<string | undefined>(files[0]);
  const [applicant, setApplicant] = useState<string | undefined>();
  const [base, setBase] = useState<string | undefined>(files[0]);
  const [text, setText] = useState('');
  const [last, setLast] = useState<{ result: TryoutResult; scenario: ScenarioDoc } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ file: string; name: string }>();

  const readFile = (path: string) => data(api.GET('/api/drafts/{id}/files/{path}', { params: { path: { id: draft.id, path } } })).then((f) => f.content);
  const applicants = useQuery({ queryKey: ['tryout-applicants'], staleTime: Infinity, queryFn: () => data(api.GET('/api/tryout-applicants')) });

  const loadSample = async (username: string | undefined, baseFile: string | undefined) => {
    const who = applicants.data?.find((a) => a.username === username);
    if (!who || !baseFile) return;
    const doc = JSON.parse(await readFile(`scenarios/${baseFile}`)) as ScenarioDoc;
    setText(JSON.stringify(sampleScenario(doc, who), null, 2));
  };

  const run = useMutation({
    mutationFn: async (): Promise<{ result: TryoutResult; scenario: ScenarioDoc }> => {
      if (mode === 'file') {
        const [result, content] = await Promise.all([data(api.POST('/api/drafts/{id}/tryouts', { params: { path: { id: draft.id } }, body: { scenarioFile: file! } })), readFile(`scenarios/${file}`)]);
        return { result, scenario: JSON.parse(content) as ScenarioDoc };
      }
      const scenario = JSON.parse(text) as ScenarioDoc;
      const result = await data(api.POST('/api/drafts/{id}/tryouts', { params: { path: { id: draft.id } }, body: { scenario } }));
      return { result, scenario };
    },
    onSuccess: (r) => setLast(r),
    onError: (err) => message.error(err instanceof SyntaxError ? `场景不是合法的 JSON:${err.message}` : messageOf(err)),
  });

  const save = useMutation({
    mutationFn: async (v: { file: string; name: string }) => {
      const doc = scenarioFromRun(last!.scenario, last!.result, v.name);
      const content = `${JSON.stringify(doc, null, 2)}\n`;
      const path = `scenarios/${v.file}`;
      const r = await data(api.PUT('/api/drafts/{id}/files/{path}', { params: { path: { id: draft.id, path } }, body: { content, revision: draft.revision } }));
      return { r, path };
    },
    onSuccess: ({ r, path }) => {
      // The workspace keeps the draft it read: give it the new revision and the new file.
      qc.setQueryData<DraftDetail>(['draft', draft.id], (old) => (old ? { ...old, ...r.draft, files: [...old.files.filter((f) => f.path !== path), r.file].sort((a, b) => a.path.localeCompare(b.path)), problems: r.problems } : old));
      void qc.invalidateQueries({ queryKey: ['drafts'] });
      message.success(t.saved(path));
      setSaving(false);
    },
    onError: (err) => message.error(err instanceof ApiError && err.status === 409 ? (err.detail ?? err.title) : messageOf(err)),
  });

  const canRun = mode === 'file' ? !!file : text.trim().length > 0;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="tryout-tab">
      <Alert type="info" showIcon title={t.intro} />
      <Card size="small" title={t.tab}>
        {files.length === 0 ? (
          <Typography.Text type="secondary">{t.noScenarios}</Typography.Text>
        ) : (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Segmented
              data-testid="tryout-mode"
              value={mode}
              onChange={(v) => setMode(v as 'file' | 'sample')}
              options={[
                { value: 'file', label: t.pickScenario },
                { value: 'sample', label: t.fromSample },
              ]}
            />
            {mode === 'file' ? (
              <Select data-testid="tryout-scenario" style={{ width: 420 }} value={file} onChange={setFile} options={files.map((f) => ({ value: f, label: f }))} showSearch />
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <span>{t.sampleApplicant}</span>
                  <Select
                    data-testid="tryout-applicant"
                    style={{ width: 240 }}
                    value={applicant}
                    loading={applicants.isPending}
                    onChange={(v) => {
                      setApplicant(v);
                      void loadSample(v, base);
                    }}
                    options={(applicants.data ?? []).map((a) => ({ value: a.username, label: `${a.displayName}(${a.username})` }))}
                  />
                  <span>{t.baseScenario}</span>
                  <Select
                    style={{ width: 320 }}
                    value={base}
                    onChange={(v) => {
                      setBase(v);
                      void loadSample(applicant, v);
                    }}
                    options={files.map((f) => ({ value: f, label: f }))}
                  />
                </Space>
                {text ? <JsonEditor value={text} onChange={setText} height={260} /> : null}
              </Space>
            )}
            <Space>
              <Button type="primary" icon={<PlayCircleOutlined />} disabled={!canRun} loading={run.isPending} onClick={() => run.mutate()} data-testid="tryout-run">
                {t.run}
              </Button>
              {last ? (
                <Button icon={<SaveOutlined />} disabled={readOnly} title={readOnly ? t.saveReadOnly : undefined} onClick={() => setSaving(true)} data-testid="tryout-save">
                  {t.save}
                </Button>
              ) : null}
              {run.isPending ? <Typography.Text type="secondary">{t.running}</Typography.Text> : null}
            </Space>
          </Space>
        )}
      </Card>
      {run.isPending && !last ? <Spin /> : null}
      {last ? <TryoutResultView result={last.result} readXml={readFile} /> : null}
      <CoverageCard draftId={draft.id} scenarios={files} readXml={readFile} />
      <Modal
        open={saving}
        title={t.saveTitle}
        okText={t.save}
        cancelText={dt.packages.cancel}
        confirmLoading={save.isPending}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        destroyOnHidden
        afterOpenChange={(open) => open && form.setFieldsValue({ file: `tryout-${Date.now().toString(36)}.json`, name: last?.scenario.name ?? '' })}
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="tryout-save-form">
          <Form.Item name="file" label={t.saveName} extra={t.saveNameHint} rules={[{ required: true }, { validator: (_, v: string) => (validScenarioName(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t.saveNameHint))) }]}>
            <Input data-testid="tryout-save-file" />
          </Form.Item>
          <Form.Item name="name" label={t.saveLabel} rules={[{ required: true }]}>
            <Input data-testid="tryout-save-name" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
