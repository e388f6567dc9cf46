import CodeMirror from '@uiw/react-codemirror';
import { json } from '@codemirror/lang-json';

const extensions = [json()];

/** A JSON file of the draft in CodeMirror 6 (syntax colours, folding, bracket matching, search). */
export function JsonEditor({ value, onChange, readOnly, height = 560 }: { value: string; onChange(v: string): void; readOnly?: boolean; height?: number }) {
  return (
    <div data-testid="json-editor" style={{ border: '1px solid #f0f0f0', borderRadius: 6, overflow: 'hidden' }}>
      <CodeMirror value={value} height={`${height}px`} extensions={extensions} onChange={onChange} readOnly={readOnly} editable={!readOnly} basicSetup={{ foldGutter: true, highlightActiveLine: !readOnly }} />
    </div>
  );
}
