/**
 * What the platform's engines run: the BPMN elements and, per event, the event definitions the
 * embedded adapter accepts (engine/bpmn/zeebeModel.ts refuses the rest at deploy), with the Chinese
 * names and reasons shown for those it refuses. Plain data, no Node imports: the designer's live
 * linting (designer/src/designer/modeler/linting/) reads the same lists.
 */
export const SUPPORTED_ELEMENTS: ReadonlySet<string> = new Set([
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent',
  'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask', 'bpmn:ScriptTask', 'bpmn:UserTask', 'bpmn:ReceiveTask',
  'bpmn:ManualTask', 'bpmn:Task', 'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway',
  'bpmn:SubProcess', 'bpmn:CallActivity', 'bpmn:SequenceFlow', 'bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:DataObjectReference', 'bpmn:DataObject',
]);
export const SUPPORTED_EVENT_DEFINITIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  // A process's own triggered start events are read apart (timer, message, signal); these are the starts of event sub-processes.
  'bpmn:StartEvent': new Set(['bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition']),
  'bpmn:EndEvent': new Set(['bpmn:ErrorEventDefinition', 'bpmn:TerminateEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:MessageEventDefinition']),
  'bpmn:IntermediateCatchEvent': new Set(['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:LinkEventDefinition', 'bpmn:SignalEventDefinition']),
  'bpmn:IntermediateThrowEvent': new Set(['bpmn:LinkEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:MessageEventDefinition']),
  'bpmn:BoundaryEvent': new Set(['bpmn:TimerEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:SignalEventDefinition']),
};
export const EVENT_TYPE_LABELS: Record<string, string> = {
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:IntermediateCatchEvent': '中间捕获事件',
  'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:BoundaryEvent': '边界事件',
};

export const TASK_LABELS: Record<string, string> = { 'bpmn:ServiceTask': '服务任务', 'bpmn:SendTask': '发送任务', 'bpmn:ScriptTask': '脚本任务', 'bpmn:BusinessRuleTask': '业务规则任务' };
export const EVENT_DEFINITION_LABELS: Record<string, string> = {
  'bpmn:MessageEventDefinition': '消息',
  'bpmn:TimerEventDefinition': '定时',
  'bpmn:SignalEventDefinition': '信号',
  'bpmn:ConditionalEventDefinition': '条件',
  'bpmn:ErrorEventDefinition': '错误',
  'bpmn:EscalationEventDefinition': '升级',
  'bpmn:CompensateEventDefinition': '补偿',
  'bpmn:LinkEventDefinition': '链接',
  'bpmn:CancelEventDefinition': '取消',
  'bpmn:TerminateEventDefinition': '终止',
};

export const UNSUPPORTED_ELEMENT_LABELS: Record<string, string> = {
  'bpmn:ComplexGateway': '复杂网关',
  'bpmn:EventBasedGateway': '事件网关',
  'bpmn:Transaction': '事务子流程',
  'bpmn:AdHocSubProcess': '自由子流程',
};
/** Why an element stays refused, where a reason helps whoever draws the diagram. */
export const UNSUPPORTED_ELEMENT_REASONS: Record<string, string> = {
  'bpmn:Transaction': ':事务与补偿暂不支持,请改用错误边界事件或事件子流程处理撤销',
  'bpmn:ComplexGateway': ':请改用排他、并行或包容网关',
  'bpmn:AdHocSubProcess': ':请改用普通子流程',
};
export const UNSUPPORTED_EVENT_REASONS: Record<string, string> = {
  'bpmn:CompensateEventDefinition': ':事务与补偿暂不支持,请改用错误边界事件或事件子流程处理撤销',
  'bpmn:ConditionalEventDefinition': ':条件事件暂不支持,请改用排他网关或消息事件',
  'bpmn:CancelEventDefinition': ':取消事件只用于事务子流程,暂不支持',
};
