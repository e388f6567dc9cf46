import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Spin, Typography } from 'antd';
import { toErrorSchema, type ErrorSchema, type RJSFValidationError } from '@rjsf/utils';
import dayjs from 'dayjs';
import { PrinterOutlined } from '@ant-design/icons';
import { zh } from '../i18n/zhCN.ts';
import { api, data } from '../api/client.ts';
import { ApiError, messageOf } from '../api/ApiError.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { ProblemList } from './ProblemList.tsx';
import { chineseErrors, formValidator } from '../components/form/formValidator.ts';
import { PackageForm } from '../components/form/PackageForm.tsx';
import { useCallForm } from '../components/form/useCallForm.ts';
import type { Application, CallForm, CheckProblem } from './portalTypes.ts';
import { portalText as t } from './portalText.ts';

const AUTOSAVE_MS = 1200;
type Json = Record<string, unknown>;

/** The form of the application itself (other forms belong to later actions). */
export const applicationFormId = (forms: Array<{ id: string }>) => (forms.find((f) => f.id === 'application') ?? forms[0])?.id ?? 'application';

export function useApplication(id: string) {
  // Always read afresh: the form starts from this data, and a cached copy may predate the last autosave.
  return useQuery({ queryKey: ['application', id], staleTime: 0, queryFn: () => data(api.GET('/api/applications/{id}', { params: { path: { id } } })) });
}


/** `/portal/applications/:id/form`: fill in (or correct after 退回补正) the application and its scans. */
export function ApplicationFormPage() {
  const { id = '' } = useParams();
  const app = useApplication(id);
  const form = useCallForm(app.data?.packageHash, 'application');
  if (app.isError || form.isError) return <LoadError error={app.error ?? form.error} onRetry={() => (app.isError ? app.refetch() : form.refetch())} />;
  if (!app.data || !app.isFetchedAfterMount || !form.data) return <Spin />;
  return <ApplicationEditor key={app.data.id} application={app.data} form={form.data} />;
}

/** rjsf field ids (root_a_0_b) of an error's property (.a.0.b). */
const idOf = (property: string | undefined) => 'root' + (property ?? '').replace(/\./g, '_');

function ApplicationEditor({ application, form }: { application: Application; form: CallForm }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const returned = application.status === 'RETURNED';
  const editable = application.status === 'DRAFT' || returned;
  const [formData, setFormData] = useState<Json>(application.data);
  const latest = useRef(formData);
  latest.current = formData;
  const [dirty, setDirty] = useState(false);
  // Counts changes, so a save that finishes after a newer change does not mark the form as saved.
  const changes = useRef(0);
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [problems, setProblems] = useState<CheckProblem[] | null>(null);
  const [busy, setBusy] = useState<'check' | 'submit' | null>(null);

  // While correcting, the reviewer's opinion stays in sight.
  const caseStatus = useQuery({ queryKey: ['application-status', application.id], enabled: returned, queryFn: () => data(api.GET('/api/applications/{id}/status', { params: { path: { id: application.id } } })) });
  const lastReturn = [...(caseStatus.data?.timeline ?? [])].reverse().find((e) => e.action === 'task.completed' && (e.detail as { decision?: string } | null)?.decision === 'return');
  const returnOpinion = (lastReturn?.detail as { opinion?: string } | undefined)?.opinion;
  const schema = form.schema as Json;
  const transformErrors = useMemo(() => chineseErrors(schema, () => latest.current), [schema]);

  // Errors of the fields the applicant has left (or all of them after 提交前检查), in the server's words.
  const fieldErrors = useMemo<ErrorSchema | undefined>(() => {
    if (!touched.size) return undefined;
    const all = touched.has('*');
    const { errors } = formValidator.validateFormData(formData, schema, undefined, transformErrors as (e: RJSFValidationError[]) => RJSFValidationError[]);
    const shown = errors.filter((e) => all || touched.has(idOf(e.property)));
    return shown.length ? (toErrorSchema(shown) as ErrorSchema) : undefined;
  }, [touched, formData, schema, transformErrors]);

  const save = useCallback(async () => {
    if (application.status !== 'DRAFT') return;
    const seq = changes.current;
    setSaving(true);
    try {
      const saved = await data(api.PUT('/api/applications/{id}/data', { params: { path: { id: application.id } }, body: latest.current }));
      queryClient.setQueryData(['application', application.id], saved);
      setSavedAt(new Date());
      setSaveError(null);
      if (changes.current === seq) setDirty(false);
    } catch (e) {
      setSaveError(messageOf(e));
    } finally {
      setSaving(false);
    }
  }, [application.id, application.status, queryClient]);

  // Leaving the page with a change not yet saved: save it now rather than lose it.
  useEffect(
    () => () => {
      if (dirtyRef.current && application.status === 'DRAFT') void api.PUT('/api/applications/{id}/data', { params: { path: { id: application.id } }, body: latest.current }).catch(() => undefined);
    },
    [application.id, application.status],
  );

  // Autosave: a draft is written a moment after the last change (debounced).
  useEffect(() => {
    if (!dirty || application.status !== 'DRAFT') return;
    const timer = setTimeout(save, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, formData, save, application.status]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['application', application.id] });
  const refreshLists = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['my-applications'] }), queryClient.invalidateQueries({ queryKey: ['application-status', application.id] })]);

  const check = async () => {
    setBusy('check');
    setTouched(new Set(['*']));
    try {
      if (returned) {
        // A returned application keeps its data until resubmitted: check what is on screen.
        const { errors } = formValidator.validateFormData(formData, schema, undefined, transformErrors as (e: RJSFValidationError[]) => RJSFValidationError[]);
        setProblems(errors.map((e) => ({ message: e.message ?? '', field: e.title || undefined })));
      } else {
        if (dirty) await save();
        const r = await data(api.POST('/api/applications/{id}/check', { params: { path: { id: application.id } } }));
        setProblems(r.problems);
      }
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    setBusy('submit');
    setTouched(new Set(['*']));
    try {
      if (returned) {
        await api.POST('/api/applications/{id}/resubmit', { params: { path: { id: application.id } }, body: { data: latest.current } });
        message.success(t.resubmitted);
      } else {
        if (dirty) await save();
        await api.POST('/api/applications/{id}/submit', { params: { path: { id: application.id } } });
        message.success(t.submitted);
      }
      await Promise.all([refresh(), refreshLists()]);
      navigate(`/portal/applications/${application.id}`);
    } catch (e) {
      // A refused submit names every problem, as the check does.
      if (e instanceof ApiError && e.problems.length) setProblems(e.problems);
      else message.error(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const status = saving ? t.saving : saveError ? `${t.saveFailed}:${saveError}` : dirty && !returned ? t.unsaved : savedAt ? t.savedAt(dayjs(savedAt).format('HH:mm')) : returned ? '' : t.notSavedYet;

  return (
    <>
      <PageHeader
        title={form.title ?? t.formTitle}
        intro={`${t.applicationNo}:${application.id.slice(0, 8)} · ${application.statusLabel}`}
        extra={<Button onClick={() => navigate(`/portal/applications/${application.id}`)}>{t.backToCase}</Button>}
      />
      {returned ? (
        <Alert type="warning" showIcon title={t.returnedHint} description={returnOpinion ? `${t.opinion}:${returnOpinion}` : undefined} style={{ marginBottom: 16 }} data-testid="returned-hint" />
      ) : null}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card data-testid="application-form">
          {typeof schema.description === 'string' ? <Typography.Paragraph type="secondary">{schema.description}</Typography.Paragraph> : null}
          <PackageForm
            schema={schema}
            ui={form.ui as Json | null}
            formData={formData}
            extraErrors={fieldErrors}
            disabled={!editable}
            onChange={(d) => {
              setFormData(d);
              changes.current += 1;
              setDirty(true);
            }}
            onBlur={(fieldId) => setTouched((s) => (s.has(fieldId) ? s : new Set(s).add(fieldId)))}
          />
        </Card>
        <AttachmentsPanel application={application} specs={form.attachments} editable={editable} onChanged={refresh} />
        {problems ? <ProblemList problems={problems} /> : null}
        {editable ? (
          <Card>
            <Space wrap size={12} style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Text type={saveError ? 'danger' : 'secondary'} data-testid="save-status">
                {status}
              </Typography.Text>
              <Space wrap>
                {/* The notice's 申报表 is printed from what is filled in, signed, stamped and uploaded as a scan. */}
                <Button icon={<PrinterOutlined />} onClick={() => void save().then(() => navigate(`/portal/applications/${application.id}/print`))} disabled={!!busy} data-testid="print-open">
                  {zh.print.button}
                </Button>
                <Button onClick={check} loading={busy === 'check'} disabled={!!busy}>
                  {t.check}
                </Button>
                <Button type="primary" onClick={submit} loading={busy === 'submit'} disabled={!!busy}>
                  {returned ? t.resubmit : t.submit}
                </Button>
              </Space>
            </Space>
          </Card>
        ) : null}
      </Space>
    </>
  );
}
