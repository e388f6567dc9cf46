/**
 * The few Operaton (camunda:) extension types the translator writes, as a bpmn-moddle descriptor.
 * Kept here rather than depending on camunda-bpmn-moddle for a dozen names.
 */
export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';

const attr = (name: string, type = 'String') => ({ name, isAttr: true, type });

export const camundaSchema = {
  name: 'Camunda',
  uri: CAMUNDA_NS,
  prefix: 'camunda',
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'Attributes',
      isAbstract: true,
      extends: ['bpmn:BaseElement'],
      properties: [
        attr('type'),
        attr('topic'),
        attr('asyncBefore', 'Boolean'),
        attr('collection'),
        attr('elementVariable'),
        attr('historyTimeToLive'),
        attr('expression'),
        attr('resultVariable'),
        attr('isStartableInTasklist', 'Boolean'),
      ],
    },
    { name: 'Properties', superClass: ['Element'], properties: [{ name: 'values', type: 'Property', isMany: true }] },
    { name: 'Property', superClass: ['Element'], properties: [attr('name'), attr('value')] },
    {
      name: 'InputOutput',
      superClass: ['Element'],
      properties: [
        { name: 'inputParameters', type: 'InputParameter', isMany: true },
        { name: 'outputParameters', type: 'OutputParameter', isMany: true },
      ],
    },
    { name: 'InputParameter', superClass: ['Element'], properties: [attr('name'), { name: 'value', isBody: true, type: 'String' }] },
    { name: 'OutputParameter', superClass: ['InputParameter'] },
    { name: 'ExecutionListener', superClass: ['Element'], properties: [attr('event'), attr('expression')] },
    { name: 'In', superClass: ['Element'], properties: [attr('variables'), attr('source'), attr('sourceExpression'), attr('target'), attr('local', 'Boolean')] },
    { name: 'Out', superClass: ['Element'], properties: [attr('variables'), attr('source'), attr('target'), attr('local', 'Boolean')] },
    { name: 'FailedJobRetryTimeCycle', superClass: ['Element'], properties: [{ name: 'body', isBody: true, type: 'String' }] },
  ],
};
