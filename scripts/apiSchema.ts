// Generates designer/src/api/schema.d.ts (the browser client's types) from the platform's OpenAPI
// document. `npm run api:schema` writes it; test/http/apiSchema.test.ts fails when the committed file
// differs from what the running server's document produces, so server and client cannot drift.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

export const API_SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../designer/src/api/schema.d.ts');

const HEADER = '// Generated from /api/openapi.json by scripts/apiSchema.ts (npm run api:schema). Do not edit.\n';

export async function renderApiSchema(doc: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return HEADER + astToString(ast);
}

async function main(): Promise<void> {
  const { loadConfig } = await import('../engine/config.ts');
  const { createPlatform } = await import('../engine/createPlatform.ts');
  const request = (await import('supertest')).default;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-schema-'));
  const platform = await createPlatform({ ...loadConfig({}), databaseUrl: `sqlite:${path.join(dir, 'p.sqlite')}`, dataDir: dir, attachmentsDir: path.join(dir, 'att'), loadDemoData: false }, { log: () => {} });
  try {
    const doc = (await request(platform.app).get('/api/openapi.json')).body as Record<string, unknown>;
    fs.writeFileSync(API_SCHEMA_FILE, await renderApiSchema(doc));
    console.log(`[api] 已生成 ${path.relative(process.cwd(), API_SCHEMA_FILE)}`);
  } finally {
    await platform.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
