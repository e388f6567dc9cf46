import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { App as AntdApp, Button, Card, Space, Spin, Tag, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import { draftFileQuery } from './draftQueries.ts';
import { ApiError, messageOf } from '../../api/ApiError.ts';
import { LoadError } from '../../components/LoadError.tsx';
import type { BpmnModelerHandle } from '../modeler/BpmnModeler.tsx';
import type { LintReport, LiveLintingConfig } from '../modeler/linting/index.ts';
import { platformLintContext } from '../../../../engine/bpmn/lint/platformLintContext.ts';
import type { SaveResult } from '../draftTypes.ts';
import { dt } from '../designerText.ts';
import { structuredTabs } from './structuredTabs.ts';
import { LazyBpmnModeler } from '../modeler/lazyModeler.ts';

// The modeler (bpmn-js, the properties panel) loads only when a diagram is opened.
const BpmnModeler = LazyBpmnModeler.Component;
// The JSON editor (CodeMirror) and the structured editors (the rule builder, the field table) load with a
// file that needs them: a diagram opened first does not wait for them.
export const loadEditors = () => Promise.all([import('./JsonEditor.tsx'), import('./StructuredEditor.tsx')]);
const JsonEditor = lazy(() => import('./JsonEditor.tsx').then((m) => ({ default: m.JsonEditor })));
const StructuredEditor = lazy(() => import('./StructuredEditor.tsx').then((m) => ({ default: m.StructuredEditor })));

const w = dt.workspace;

export interface FilePaneProps {
  draftId: string;
  path: string;
  /** The draft's revision the next save sends (the last one read or saved here). */
  revision: number;
  readOnly: boolean;
  /** A problem clicked: the BPMN element to select, or the JSON pointer to put the cursor on; a live one opens its field. */
  focus: { elementId: string | null; pointer: string; nonce: number; report?: LintReport } | null;
  /** Paths of the draft's files (the live linter checks rule sets and forms against them). */
  filePaths: string[];
  /** What the live linter finds in the diagram as it is edited (none for other files or read-only). */
  onLint?(file: string, reports: LintReport[]): void;
  onDirtyChange(dirty: boolean): void;
  onSaved(result: SaveResult, content: string): void;
  /** Someone else saved in between (409): the page offers to read the draft again. */
  onConflict(err: ApiError): void;
}

/** One file of the draft: the diagram in the modeler or JSON in the editor, with 保存. */
export function FilePane(props: FilePaneProps) {
  const { draftId, path } = props;
  // The modeler's code comes down while the file does, not after it.
  if (path.endsWith('.bpmn')) void LazyBpmnModeler.preload();
  else void loadEditors();
  const q = useQuery({ ...draftFileQuery(draftId, path), gcTime: 0 });
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Spin />;
  return <FileEditor {...props} initial={q.data.content} />;
}

function FileEditor({ draftId, path, revision, readOnly, focus, filePaths, onLint, onDirtyChange, onSaved, onConflict, initial }: FilePaneProps & { initial: string }) {
  const { message } = AntdApp.useApp();
  const bpmn = path.endsWith('.bpmn');
  const modeler = useRef<BpmnModelerHandle>(null);
  // The live linter reads the draft's manifest (rule sets, forms, clauses) as last read or saved here.
  const manifest = useQuery({ ...draftFileQuery(draftId, 'manifest.json'), enabled: bpmn && !readOnly });
  const lintContext = useRef(platformLintContext(path, undefined, filePaths));
  lintContext.current = platformLintContext(path, parseJson(manifest.data?.content), filePaths);
  const lintTo = useRef(onLint);
  lintTo.current = onLint;
  const [linting] = useState<LiveLintingConfig | undefined>(() =>
    bpmn && !readOnly ? { context: () => lintContext.current, onReports: (reports) => lintTo.current?.(path, reports) } : undefined,
  );
  useEffect(() => linting?.relint?.(), [manifest.data?.content, filePaths.join('\n')]);
  // What the editors start from stays as first read: a save updates the cached file, and handing that
  // to the modeler would import the diagram again (losing the selection and the view).
  const [start] = useState(initial);
  const savedText = useRef(initial);
  const [text, setText] = useState(initial);
  // A diagram has two tabs: the modeler, and its XML as it stands now (read-only).
  const [tab, setTab] = useState<string>('diagram');
  // Rule sets, forms and the schedule open in their structured editor; the JSON stays a tab.
  const structured = bpmn ? null : structuredTabs(path);
  const [dataTab, setDataTab] = useState<string>(structured?.[0]?.key ?? 'json');
  const [xml, setXml] = useState('');
  // A BPMN problem clicked while the XML is shown goes back to the diagram to select its element.
  useEffect(() => {
    // A live problem: its element selected and its field opened in the properties panel.
    if (focus?.report) {
      setTab('diagram');
      linting?.show?.(focus.report);
    } else if (focus?.elementId) setTab('diagram');
    // A problem's pointer is shown where it points: in the JSON view.
    else if (focus?.pointer) setDataTab('json');
  }, [focus]);
  const showTab = async (key: string) => {
    if (key === 'xml') setXml(await modeler.current!.xml());
    setTab(key);
  };
  // The task templates follow the draft's files (its rule sets, parameters): read again after each save.
  const templates = useQuery({
    queryKey: ['task-templates', draftId, revision],
    enabled: bpmn && !readOnly,
    placeholderData: keepPreviousData,
    queryFn: () => data(api.GET('/api/drafts/{id}/task-templates', { params: { path: { id: draftId } } })),
  });
  const [dirty, setDirtyState] = useState(false);
  const setDirty = (v: boolean) => {
    setDirtyState(v);
    onDirtyChange(v);
  };

  const save = useMutation({
    mutationFn: async () => {
      const content = bpmn ? await modeler.current!.xml() : text;
      const result = await data(api.PUT('/api/drafts/{id}/files/{path}', { params: { path: { id: draftId, path } }, body: { content, revision } }));
      return { result, content };
    },
    onSuccess: ({ result, content }) => {
      savedText.current = content;
      setDirty(false);
      onSaved(result, content);
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      if (errors) message.warning(w.savedWithProblems(errors));
      else message.success(w.saved);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) onConflict(err);
      else message.error(messageOf(err));
    },
  });

  return (
    <Card
      size="small"
      title={
        <Space>
          <Typography.Text code data-testid="open-file">
            {path}
          </Typography.Text>
          {dirty ? <Tag color="orange">{w.unsaved}</Tag> : null}
        </Space>
      }
      extra={
        readOnly ? null : (
          <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate()} data-testid="save-file">
            {w.save}
          </Button>
        )
      }
      styles={{ body: { padding: bpmn && tab === 'diagram' ? 0 : 12 } }}
      tabList={bpmn ? [{ key: 'diagram', label: w.tabs.diagram }, { key: 'xml', label: w.tabs.xml }] : (structured ?? undefined)}
      activeTabKey={bpmn ? tab : dataTab}
      onTabChange={(k) => (bpmn ? void showTab(k) : setDataTab(k))}
      tabProps={{ size: 'small' }}
    >
      {bpmn ? (
        <>
          {/* The modeler stays mounted behind the XML tab: the selection, the view and unsaved edits are kept. */}
          <div style={{ display: tab === 'diagram' ? 'block' : 'none' }}>
            <Suspense fallback={<Spin />}>
              <BpmnModeler ref={modeler} xml={start} readOnly={readOnly} linting={linting} focus={focus?.elementId && !focus.report ? { elementId: focus.elementId, nonce: focus.nonce } : null} onChange={() => setDirty(true)} elementTemplates={templates.data?.templates} candidateGroups={templates.data?.candidateGroups} />
            </Suspense>
          </div>
          {tab === 'xml' ? (
            <Suspense fallback={<Spin />}>
              <JsonEditor plain readOnly value={xml} />
            </Suspense>
          ) : null}
        </>
      ) : (
        <Suspense fallback={<Spin />}>
          {structured && dataTab !== 'json' ? (
            <StructuredEditor
              tab={dataTab}
              draftId={draftId}
              path={path}
              text={text}
              readOnly={readOnly}
              revision={revision}
              onSaved={onSaved}
              onChange={(v) => {
                setText(v);
                setDirty(v !== savedText.current);
              }}
            />
          ) : (
            <JsonEditor
              value={text}
              readOnly={readOnly}
              focus={focus ? { pointer: focus.pointer, nonce: focus.nonce } : null}
              onChange={(v) => {
                setText(v);
                setDirty(v !== savedText.current);
              }}
            />
          )}
        </Suspense>
      )}
    </Card>
  );
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
