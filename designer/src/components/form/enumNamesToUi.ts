type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * rjsf 6 ignores the schema keyword `enumNames` (our packages use it for the Chinese option labels):
 * copy each one into the ui schema as `ui:enumNames` at the same place, keeping what the package's
 * ui schema already says. Subschemas under allOf/anyOf/oneOf/if/then/else describe the same fields.
 * The labels are keyed by value, not by position: a `then` that narrows the options (the classes that
 * fit the applicant type) keeps each option's label.
 */
export function enumNamesToUi(schema: Json, ui: Json | null | undefined): Json {
  const out: Json = structuredClone(ui ?? {});
  walk(schema, out);
  return out;
}

function walk(s: unknown, ui: Json): void {
  if (!isObject(s)) return;
  if (Array.isArray(s.enumNames) && Array.isArray(s.enum) && !Array.isArray(ui['ui:enumNames'])) {
    const labels = (isObject(ui['ui:enumNames']) ? ui['ui:enumNames'] : {}) as Json;
    s.enum.forEach((value, i) => {
      const name = (s.enumNames as unknown[])[i];
      if (typeof name === 'string' && labels[String(value)] === undefined) labels[String(value)] = name;
    });
    ui['ui:enumNames'] = labels;
  }
  if (isObject(s.properties)) {
    for (const [key, sub] of Object.entries(s.properties)) {
      if (!isObject(ui[key])) ui[key] = {};
      walk(sub, ui[key] as Json);
    }
  }
  if (isObject(s.items)) {
    if (!isObject(ui.items)) ui.items = {};
    walk(s.items, ui.items as Json);
  }
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) for (const sub of s[k] as unknown[]) walk(sub, ui);
  for (const k of ['if', 'then', 'else'] as const) walk(s[k], ui);
}
