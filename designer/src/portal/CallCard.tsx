import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import type { OpenCall, ScheduleWindow } from '../api/types.ts';
import { formatDate } from '../components/formatDate.ts';
import { zh } from '../i18n/zhCN.ts';
import { messageOf } from '../api/ApiError.ts';
import { useCallForm } from '../components/form/useCallForm.ts';
import { portalText as t } from './portalText.ts';

const SHOWN_WINDOWS = 3;
const STATE_COLOR: Record<string, string> = { OPEN: 'green', NOT_YET_OPEN: 'blue', CLOSED: 'default', UNDATED: 'orange' };

function WindowLine({ w }: { w: ScheduleWindow }) {
  const states = w.kind === 'registration' ? zh.portal.registrationStates : zh.portal.windowStates;
  return (
    <Space size={8} wrap>
      <Tag color={STATE_COLOR[w.state]}>{states[w.state] ?? w.state}</Tag>
      <span>{w.title}</span>
      {w.opens || w.closes ? <Typography.Text type="secondary">{`${formatDate(w.opens)} 至 ${formatDate(w.closes)}`}</Typography.Text> : null}
      {w.provisional ? <Tag color="warning">{zh.portal.provisional}</Tag> : null}
    </Space>
  );
}

/** One open call as a 办事指南 card: the notice it implements and its registration window. */
export function CallCard({ call }: { call: OpenCall }) {
  const schedule = useQuery({
    queryKey: ['schedule', call.packageHash],
    queryFn: () => data(api.GET('/api/packages/{hash}/schedule', { params: { path: { hash: call.packageHash } } })),
  });
  // Registration windows when the notice has them; otherwise (e.g. monthly classes) the next ones not yet closed.
  const windows = schedule.data?.windows ?? [];
  const registration = windows.filter((w) => w.kind === 'registration');
  const pending = (ws: ScheduleWindow[]) => ws.filter((w) => w.state !== 'CLOSED');
  // All registration rounds closed: the last one says 「已截止」 and when.
  const shown = registration.length
    ? pending(registration).length
      ? pending(registration).slice(0, SHOWN_WINDOWS)
      : registration.slice(-1)
    : pending(windows).slice(0, SHOWN_WINDOWS);
  // The application form is what an applicant fills; other forms belong to later actions (e.g. 请假报备).
  const form = call.forms.find((f) => f.id === 'application') ?? call.forms[0];
  const notice = call.notice ?? null;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const applicationForm = useCallForm(form?.id === 'application' ? call.packageHash : undefined, 'application');
  // Applying needs an open registration round only when the package enforces its windows.
  const closed = !!schedule.data?.enforceRegistrationWindows && registration.length > 0 && !registration.some((w) => w.state === 'OPEN');
  const apply = async () => {
    setCreating(true);
    try {
      const draft = await data(api.POST('/api/applications', { body: { packageHash: call.packageHash } }));
      void queryClient.invalidateQueries({ queryKey: ['my-applications'] });
      navigate(`/portal/applications/${draft.id}/form`);
    } catch (e) {
      message.error(messageOf(e));
      setCreating(false);
    }
  };
  const materials = applicationForm.data?.attachments ?? [];
  // A draft of this call already started is continued, not started again (drafts are limited per applicant).
  const mine = useQuery({ queryKey: ['my-applications'], staleTime: 0, queryFn: () => data(api.GET('/api/applications', { params: { query: { limit: 100 } } })) });
  const draft = mine.data?.items.find((a) => a.packageHash === call.packageHash && a.status === 'DRAFT');
  return (
    <Card
      title={<span style={{ whiteSpace: 'normal' }}>{call.title}</span>}
      data-testid="call-card"
      style={{ height: '100%' }}
      actions={
        form?.id === 'application'
          ? [
              draft ? (
                <Button key="continue" type="primary" onClick={() => navigate(`/portal/applications/${draft.id}/form`)} data-testid="continue-draft">
                  {t.continueEditing}
                </Button>
              ) : (
                <Button key="apply" type="primary" onClick={apply} loading={creating} disabled={closed} data-testid="apply">
                  {closed ? t.applyClosed : t.apply}
                </Button>
              ),
            ]
          : undefined
      }
    >
      <Descriptions column={1} size="small" styles={{ label: { width: 88 } }}>
        {notice ? (
          <Descriptions.Item label={zh.portal.basis}>
            <Typography.Text>{notice.title}</Typography.Text>
          </Descriptions.Item>
        ) : null}
        {notice ? <Descriptions.Item label={zh.portal.docNo}>{notice.docNo || zh.portal.noDocNo}</Descriptions.Item> : null}
        {notice ? <Descriptions.Item label={zh.portal.issuer}>{notice.issuer}</Descriptions.Item> : null}
        {notice?.published ? <Descriptions.Item label={zh.portal.published}>{formatDate(notice.published)}</Descriptions.Item> : null}
        <Descriptions.Item label={zh.portal.region}>{call.regionName}</Descriptions.Item>
        <Descriptions.Item label={registration.length ? zh.portal.registration : zh.portal.schedule}>
          {schedule.isPending ? (
            <Skeleton.Input active size="small" />
          ) : shown.length ? (
            <Space orientation="vertical" size={4}>
              {shown.map((w) => (
                <WindowLine key={w.id} w={w} />
              ))}
            </Space>
          ) : (
            zh.portal.noRegistrationWindow
          )}
        </Descriptions.Item>
        {form ? <Descriptions.Item label={zh.portal.forms}>{form.title ?? form.id}</Descriptions.Item> : null}
        {materials.length ? (
          <Descriptions.Item label={t.materials}>
            <ol style={{ margin: 0, paddingInlineStart: 18 }} data-testid="materials">
              {materials.map((m) => (
                <li key={m.kind}>{m.required === true && !m.oneOf ? m.label : `${m.label}(${m.oneOf ? t.oneOfGroup : m.required === false ? t.optional : t.requiredWhen})`}</li>
              ))}
            </ol>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}
