import { translate } from './translate.ts';

/**
 * The modeler's `translate` service in Chinese (bpmn-js, diagram-js, the properties panel and the
 * minimap all call it): `additionalModules: [translateModule]` replaces diagram-js's own.
 */
export default {
  translate: ['value', translate],
};
