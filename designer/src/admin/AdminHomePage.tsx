import { Card, Col, Descriptions, Row, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import type { Incident } from '../api/types.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatDateTime } from '../components/formatDate.ts';
import { zh } from '../i18n/zhCN.ts';

const c = zh.admin.columns;

/** `/admin`: what runs (engine, database, package versions) and the open incidents. */
export function AdminHomePage() {
  const health = useQuery({ queryKey: ['health'], queryFn: () => data(api.GET('/api/health')) });
  const incidents = useQuery({ queryKey: ['incidents', 'OPEN'], queryFn: () => data(api.GET('/api/incidents', { params: { query: { state: 'OPEN' } } })) });
  if (health.isError) return <LoadError error={health.error} onRetry={() => health.refetch()} />;
  return (
    <>
      <PageHeader title={zh.admin.title} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card loading={health.isPending}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={zh.admin.engine}>{health.data ? (zh.admin.engines[health.data.engine] ?? health.data.engine) : null}</Descriptions.Item>
              <Descriptions.Item label={zh.admin.database}>{health.data ? (zh.admin.databases[health.data.database] ?? health.data.database) : null}</Descriptions.Item>
              <Descriptions.Item label={zh.admin.packages}>{health.data?.packages.length}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title={zh.admin.incidents}>
            {incidents.isError ? (
              <LoadError error={incidents.error} onRetry={() => incidents.refetch()} />
            ) : (
              <Table<Incident>
                rowKey="key"
                size="small"
                loading={incidents.isPending}
                dataSource={incidents.data ?? []}
                pagination={false}
                locale={{ emptyText: zh.admin.noIncidents }}
                columns={[
                  { title: c.createdAt, dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
                  { title: c.elementId, dataIndex: 'elementId' },
                  { title: c.errorType, dataIndex: 'errorType' },
                  { title: c.message, dataIndex: 'message', render: (v: string) => <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>{v}</Typography.Text> },
                  { title: c.processInstanceKey, dataIndex: 'processInstanceKey' },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
