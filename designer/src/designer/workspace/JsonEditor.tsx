import { useEffect, useState } from 'react';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { json } from '@codemirror/lang-json';
import { jsonPointerOffset } from './jsonPointerOffset.ts';

const jsonExtensions = [json()];
const plainExtensions: never[] = [];

/**
 * A JSON file of the draft in CodeMirror 6 (syntax colours, folding, bracket matching, search).
 * `focus` (a problem's pointer) puts the cursor on the value it names and scrolls it into view.
 */
export function JsonEditor({ value, onChange, readOnly, focus, plain, height = 560 }: { value: string; onChange?(v: string): void; readOnly?: boolean; focus?: { pointer: string; nonce: number } | null; plain?: boolean; height?: number }) {
  // The view exists only once CodeMirror has created it (after the first render).
  const [view, setView] = useState<EditorView | null>(null);
  useEffect(() => {
    if (!focus || !view) return;
    const offset = jsonPointerOffset(view.state.doc.toString(), focus.pointer);
    if (offset === null) return;
    view.dispatch({ selection: { anchor: offset }, effects: EditorView.scrollIntoView(offset, { y: 'center' }) });
    view.focus();
  }, [focus, view]);
  // (plain: any text, e.g. the diagram's XML shown read-only)
  return (
    <div data-testid={plain ? 'text-view' : 'json-editor'} style={{ border: '1px solid #f0f0f0', borderRadius: 6, overflow: 'hidden' }}>
      <CodeMirror
        value={value}
        height={`${height}px`}
        extensions={plain ? plainExtensions : jsonExtensions}
        onChange={onChange}
        readOnly={readOnly}
        editable={!readOnly}
        onCreateEditor={setView}
        basicSetup={{ foldGutter: true, highlightActiveLine: !readOnly }}
      />
    </div>
  );
}
