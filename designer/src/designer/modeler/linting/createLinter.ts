import { Linter } from '@camunda/linting';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import type { PlatformLintContext } from '../../../../../engine/bpmn/lint/platformLintContext.ts';
import { platformLintPlugin } from '../../../../../engine/bpmn/lint/platformRules.ts';

/** Zeebe rules the platform leaves to its own: */
const ZEEBE_OFF = {
  // User tasks are jobs of io.camunda.zeebe:userTask on every engine of the platform (the inbox holds them): not deprecated here.
  'camunda-compat/zeebe-user-task': 'off',
  // FEEL is parsed by platform/feel-syntax with the parser the embedded engine runs (the server reports the same).
  'camunda-compat/feel': 'off',
};

/**
 * The modeler's linter: @camunda/linting (bpmnlint with camunda-compat's Zeebe rules for the diagram's
 * execution platform version, and bpmnlint's correctness rules) plus the platform rules as a plug-in.
 */
export function createLinter(context: () => PlatformLintContext): Linter {
  const plugin = platformLintPlugin(context);
  return new Linter({
    modeler: 'web',
    type: 'cloud',
    plugins: [{ config: { rules: { ...plugin.config.rules, ...ZEEBE_OFF } }, resolver: new StaticResolver(plugin.rules) }],
  });
}
