type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The schema as rjsf should render it. The form runs with `constAsDefaults: 'never'`, because a
 * pledge (`const: true` on a checkbox) must be ticked by the applicant, not pre-ticked; a fixed value
 * that is not a yes/no (e.g. the classification edition 2022, a hidden field) becomes its default so it
 * is still filled in. The root title and description are shown by the page itself.
 */
export function prepareSchema(schema: Json): Json {
  const copy = structuredClone(schema);
  delete copy.title;
  delete copy.description;
  walk(copy);
  return copy;
}

function walk(s: unknown): void {
  if (Array.isArray(s)) return s.forEach(walk);
  if (!isObject(s)) return;
  if ('const' in s && typeof s.const !== 'boolean' && s.default === undefined) s.default = s.const;
  for (const [k, v] of Object.entries(s)) if (k !== 'const' && k !== 'enum' && k !== 'default') walk(v);
}

/** Passed to every rjsf Form of the portal (see prepareSchema). */
export const DEFAULT_FORM_STATE = { constAsDefaults: 'never' } as const;
