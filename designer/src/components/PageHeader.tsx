import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** The title line of a page, with an optional intro and actions on the right. */
export function PageHeader({ title, intro, extra }: { title: string; intro?: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 16, marginBottom: 16, flexWrap: 'wrap' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {intro ? <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{intro}</Typography.Paragraph> : null}
      </div>
      {extra}
    </div>
  );
}
