import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { zh } from '../i18n/zhCN.ts';

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title={zh.errors.notFoundTitle}
      subTitle={zh.errors.notFound}
      extra={
        <Link to="/">
          <Button type="primary">{zh.errors.backHome}</Button>
        </Link>
      }
    />
  );
}
