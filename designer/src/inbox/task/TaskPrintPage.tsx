import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { api, data } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useCallForm } from '../../components/form/useCallForm.ts';
import { ApplicationPrint } from '../../components/print/ApplicationPrint.tsx';
import { useOrganisationNames } from '../../components/print/useOrganisationNames.ts';

/** `/inbox/tasks/:id/print`: the task's application as the notice's 申报表, for the reviewer to print and stamp. */
export function TaskPrintPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['task', id], staleTime: 0, queryFn: () => data(api.GET('/api/tasks/{id}', { params: { path: { id } } })) });
  const app = q.data?.application;
  const form = useCallForm(app?.packageHash, 'application');
  const orgs = useOrganisationNames();
  if (q.isError || form.isError) return <LoadError error={q.error ?? form.error} />;
  if (!q.data || !orgs.ready || (app && !form.data)) return <Spin />;
  if (!app || !form.data) return <LoadError error={null} />;
  return (
    <ApplicationPrint
      applicationId={app.id}
      schema={form.data.schema as Record<string, unknown>}
      ui={form.data.ui as Record<string, unknown> | null}
      data={app.data}
      formTitle={form.data.title ?? ''}
      submittedAt={app.submittedAt}
      attachments={q.data.attachments}
      names={orgs.names}
      onBack={() => navigate(`/inbox/tasks/${id}`)}
    />
  );
}
