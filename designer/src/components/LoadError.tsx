import { Button, Result } from 'antd';
import { messageOf } from '../api/ApiError.ts';
import { zh } from '../i18n/zhCN.ts';

/** A failed load, in Chinese, with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Result
      status="warning"
      title={zh.errors.loadFailed}
      subTitle={messageOf(error)}
      extra={onRetry ? <Button onClick={onRetry}>{zh.errors.reload}</Button> : undefined}
    />
  );
}
