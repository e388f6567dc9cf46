import { Button } from 'antd';
import { useState } from 'react';
import { instancesText } from './instancesText.ts';
import './variableValue.css';

const t = instancesText.instance;
/** Longer than this (characters of JSON) is clamped to three lines with its own 展开 button. */
const LONG = 120;

/**
 * A variable's value as JSON, clamped to three lines by CSS (no text measuring: JSON has no spaces to break at, which
 * made the inline ellipsis put 展开 over the text); the button sits on its own line below the value.
 */
export function VariableValue({ value, name }: { value: unknown; name: string }) {
  const text = JSON.stringify(value) ?? 'undefined';
  const [open, setOpen] = useState(false);
  const long = text.length > LONG;
  return (
    <div className="variable-value">
      <pre className={long && !open ? 'variable-value-text variable-value-clamped' : 'variable-value-text'} data-testid={`variable-value-${name}`}>
        {text}
      </pre>
      {long ? (
        <Button type="link" size="small" className="variable-value-toggle" data-testid={`variable-toggle-${name}`} onClick={() => setOpen((o) => !o)}>
          {open ? t.collapse : t.expand}
        </Button>
      ) : null}
    </div>
  );
}
