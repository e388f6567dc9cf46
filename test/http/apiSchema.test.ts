import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SCHEMA_FILE, renderApiSchema } from '../../scripts/apiSchema.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

describe('browser API client types (designer/src/api/schema.d.ts)', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('are exactly what the running server document generates', async () => {
    // given the document the running platform serves
    const doc = (await t.agent().get('/api/openapi.json')).body;
    // when the client types are generated from it
    const generated = await renderApiSchema(doc);
    // then the committed file is the same (run `npm run api:schema` after changing a route's schema)
    expect(fs.readFileSync(API_SCHEMA_FILE, 'utf8') === generated, 'designer/src/api/schema.d.ts is stale: run `npm run api:schema`').toBe(true);
  });
});
