import { Col, Empty, Row, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { zh } from '../i18n/zhCN.ts';
import { CallCard } from './CallCard.tsx';

/** `/portal`: the open calls as 办事指南 cards. */
export function PortalHome() {
  const calls = useQuery({ queryKey: ['calls'], queryFn: () => data(api.GET('/api/calls')) });
  return (
    <>
      <PageHeader title={zh.portal.title} intro={zh.portal.intro} />
      {calls.isPending ? (
        <Spin />
      ) : calls.isError ? (
        <LoadError error={calls.error} onRetry={() => calls.refetch()} />
      ) : calls.data.length === 0 ? (
        <Empty description={zh.portal.empty} />
      ) : (
        <Row gutter={[16, 16]}>
          {calls.data.map((c) => (
            <Col key={c.packageHash} xs={24} lg={12} xxl={8}>
              <CallCard call={c} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
