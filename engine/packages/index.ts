// The policy package loader (Node side): engine/wiring and the CLI import from here.
export { loadPackage } from './loadPackage.ts';
export { discoverPackages } from './discoverPackages.ts';
export { computeContentHash } from './computeContentHash.ts';
export { parseJsonFile } from './parseJsonFile.ts';
export { packageSchema, schemaProblems } from './packageSchemas.ts';
export type * from './packageTypes.ts';
