import { packageSchema, schemaProblems } from '../../packages/packageSchemas.ts';

/** A scenario sent for a try-out, checked against the package format's scenario schema (the loader's own check). */
export async function validateScenario(scenario: unknown): Promise<Array<{ pointer: string; message: string }>> {
  if (scenario === null || typeof scenario !== 'object' || Array.isArray(scenario)) return [{ pointer: '', message: '场景应为 JSON 对象' }];
  const schema = await packageSchema('scenario');
  if (!schema.ok) return [{ pointer: '', message: `场景格式的 JSON Schema 不可用:${schema.detail}` }];
  if (schema.validate(scenario)) return [];
  return schemaProblems('scenario', schema.validate.errors).map((p) => ({ pointer: p.pointer ?? '', message: p.message }));
}
