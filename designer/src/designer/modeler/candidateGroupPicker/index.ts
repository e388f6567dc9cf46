import { SelectEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';

export interface CandidateGroupChoice {
  value: string;
  name: string;
}

interface BusinessObject {
  $type: string;
  extensionElements?: { values?: Array<{ $type: string; candidateGroups?: string }> };
}
interface Element {
  businessObject: BusinessObject;
}
interface Group {
  id: string;
  entries: Array<{ id: string; component: unknown; isEdited?: unknown }>;
}
interface PropertiesPanel {
  registerProvider(priority: number, provider: { getGroups(element: Element): (groups: Group[]) => Group[] }): void;
}
interface Modeling {
  updateModdleProperties(element: Element, moddleElement: unknown, properties: Record<string, unknown>): void;
}
interface EventBus {
  fire(event: string, payload?: unknown): void;
}

const assignmentOf = (element: Element) => element.businessObject.extensionElements?.values?.find((v) => v.$type === 'zeebe:AssignmentDefinition');
const PICKER_ID = 'candidateGroupPicker';

/** The region's roles and organisations as candidate groups, set by the page once the API answers. */
class CandidateGroupChoices {
  static $inject = ['eventBus'];
  private choices: CandidateGroupChoice[] = [];
  constructor(private readonly eventBus: EventBus) {}
  set(choices: CandidateGroupChoice[]): void {
    this.choices = choices;
    // The panel draws its groups again.
    this.eventBus.fire('propertiesPanel.providersChanged');
  }
  get(): CandidateGroupChoice[] {
    return this.choices;
  }
}

function CandidateGroupPickerEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const translate = useService('translate') as (s: string) => string;
  const choices = (useService('candidateGroupChoices') as CandidateGroupChoices).get();
  const modeling = useService('modeling') as Modeling;
  const current = assignmentOf(element)?.candidateGroups ?? '';
  return h(SelectEntry, {
    element,
    id,
    label: translate('办理人员组(从本地区选择)'),
    description: translate('选择后写入「候选组」;也可直接在「候选组」中填写 FEEL 表达式'),
    getValue: () => current,
    getOptions: () => [...(choices.some((c) => c.value === current) ? [] : [{ value: current, label: current ? translate('(其他表达式)') : translate('(未选择)') }]), ...choices.map((c) => ({ value: c.value, label: c.name }))],
    setValue: (value: string) => {
      const assignment = assignmentOf(element);
      if (assignment) modeling.updateModdleProperties(element, assignment, { candidateGroups: value });
    },
  });
}

/**
 * 办理人员组: in a user task's assignment group, a dropdown of the region's roles and organisations
 * (and the expressions the draft already uses), writing the task's candidateGroups. Where no
 * assignment exists yet the Zeebe panel's own field creates it.
 */
function CandidateGroupPicker(propertiesPanel: PropertiesPanel, choices: CandidateGroupChoices) {
  propertiesPanel.registerProvider(400, {
    getGroups: (element: Element) => (groups: Group[]) => {
      const group = groups.find((g) => g.id === 'assignmentDefinition');
      if (group && choices.get().length && assignmentOf(element) && !group.entries.some((e) => e.id === PICKER_ID)) group.entries.unshift({ id: PICKER_ID, component: CandidateGroupPickerEntry });
      return groups;
    },
  });
}
CandidateGroupPicker.$inject = ['propertiesPanel', 'candidateGroupChoices'];

export default {
  __init__: ['candidateGroupPicker'],
  candidateGroupPicker: ['type', CandidateGroupPicker],
  candidateGroupChoices: ['type', CandidateGroupChoices],
};
