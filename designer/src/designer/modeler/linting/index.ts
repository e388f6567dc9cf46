import lintingModule from '@camunda/linting/modeler';
import '@camunda/linting/assets/linting.css';
import { LiveLinting } from './LiveLinting.ts';

export type { LintReport, LiveLintingConfig } from './LiveLinting.ts';

/**
 * Live linting as a bpmn-js module: @camunda/linting's canvas and properties-panel errors, driven by
 * LiveLinting on every change. Configure with `liveLinting: LiveLintingConfig`.
 */
export default {
  __depends__: [lintingModule],
  __init__: ['liveLinting'],
  liveLinting: ['type', LiveLinting],
};
