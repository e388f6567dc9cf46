import { fileURLToPath } from 'node:url';

/** Where the rule-set JSON schema lives; the package loader validates rules/*.json files of packages against it. */
export const RULE_SET_SCHEMA_URL = new URL('./schema/ruleSet.schema.json', import.meta.url);
export const RULE_SET_SCHEMA_PATH = fileURLToPath(RULE_SET_SCHEMA_URL);
