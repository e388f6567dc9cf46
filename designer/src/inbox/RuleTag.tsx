import { Tag } from 'antd';
import type { ReactNode } from 'react';

const RULE_COLOR: Record<string, string> = { ELIGIBLE: 'success', INELIGIBLE: 'error', REFER: 'warning' };

/** The rules' verdict on an application (通过 / 不通过 / 需人工) as every inbox page shows it. */
export function RuleTag({ decision, children, testId }: { decision: string; children: ReactNode; testId?: string }) {
  return (
    <Tag color={RULE_COLOR[decision]} data-testid={testId}>
      {children}
    </Tag>
  );
}
