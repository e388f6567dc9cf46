import { Result } from 'antd';
import { zh } from '../i18n/zhCN.ts';

/** `/inbox/done`: the API has no list of completed tasks yet (issue 9 adds it); says so plainly. */
export function DoneListPage() {
  return <Result status="info" title={zh.inbox.doneUnavailable} subTitle={zh.inbox.doneUnavailableDetail} />;
}
