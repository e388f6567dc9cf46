/** The parts of a bpmn-js business object a clause is read from. */
export interface BusinessObject {
  extensionElements?: { values?: Array<{ $type?: string; values?: Array<{ key?: string; value?: string }> }> };
}

/** The element's clause: the value of its `clause` Zeebe task header, if any. */
export function clauseOf(bo: BusinessObject | undefined): string | null {
  for (const ext of bo?.extensionElements?.values ?? []) {
    if (ext.$type !== 'zeebe:TaskHeaders') continue;
    const v = ext.values?.find((h) => h.key === 'clause')?.value?.trim();
    if (v) return v;
  }
  return null;
}
