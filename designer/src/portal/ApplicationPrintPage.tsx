import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { api, data } from '../api/client.ts';
import { LoadError } from '../components/LoadError.tsx';
import { useCallForm } from '../components/form/useCallForm.ts';
import { ApplicationPrint } from '../components/print/ApplicationPrint.tsx';
import { useOrganisationNames } from '../components/print/useOrganisationNames.ts';

/** `/portal/applications/:id/print`: the applicant's 申报表 to print, sign, have stamped and upload. */
export function ApplicationPrintPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const app = useQuery({ queryKey: ['application', id], staleTime: 0, queryFn: () => data(api.GET('/api/applications/{id}', { params: { path: { id } } })) });
  const form = useCallForm(app.data?.packageHash, 'application');
  const orgs = useOrganisationNames();
  if (app.isError || form.isError) return <LoadError error={app.error ?? form.error} />;
  if (!app.data || !form.data || !orgs.ready) return <Spin />;
  return (
    <ApplicationPrint
      applicationId={app.data.id}
      schema={form.data.schema as Record<string, unknown>}
      ui={form.data.ui as Record<string, unknown> | null}
      data={app.data.data as Record<string, unknown>}
      formTitle={form.data.title ?? ''}
      submittedAt={app.data.submittedAt}
      attachments={app.data.attachments}
      names={orgs.names}
      onBack={() => navigate(-1)}
    />
  );
}
