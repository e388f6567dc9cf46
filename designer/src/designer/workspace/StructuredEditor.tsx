import type { SaveResult } from '../draftTypes.ts';
import { FormFieldsEditor } from '../forms/FormFieldsEditor.tsx';
import { useState } from 'react';
import { RuleTrialPanel, type LastTrial } from '../rules/RuleTrialPanel.tsx';
import { RulesEditor } from '../rules/RulesEditor.tsx';
import { ScheduleEditor } from '../schedule/ScheduleEditor.tsx';

/** The structured editor of one tab; it edits the same text the JSON view shows and saves. */
export function StructuredEditor({ tab, draftId, path, text, readOnly, onChange, revision, onSaved }: { tab: string; draftId: string; path: string; text: string; readOnly: boolean; onChange(text: string): void; revision?: number; onSaved?(result: SaveResult, content: string): void }) {
  // The last 试算 is kept across the rules and 试算 tabs: the sentences show its marks.
  const [trial, setTrial] = useState<LastTrial | null>(null);
  if (tab === 'rules') return <RulesEditor draftId={draftId} text={text} readOnly={readOnly} onChange={onChange} trial={trial?.text === text ? trial.result : null} />;
  if (tab === 'trial') return <RuleTrialPanel draftId={draftId} text={text} last={trial} onResult={setTrial} />;
  if (tab === 'fields') return <FormFieldsEditor draftId={draftId} path={path} text={text} readOnly={readOnly} onChange={onChange} revision={revision} onSaved={onSaved} />;
  if (tab === 'schedule') return <ScheduleEditor draftId={draftId} text={text} readOnly={readOnly} onChange={onChange} />;
  return null;
}
