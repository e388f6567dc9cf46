import { describe, expect, it } from 'vitest';
import schemaFile from '../../../../deployments/sichuan/2026-examiner-training/forms/application.schema.json';
import { formFieldPaths } from './formFieldPaths.ts';

describe('builder fields from the application form', () => {
  it('offers every property, nested objects by their path, each with its titles', () => {
    // given the 2026 examiner application form
    // when its fields are listed for the condition builder
    const fields = formFieldPaths(structuredClone(schemaFile));
    // then top-level and nested fields are there as rules read them, arrays as one field
    expect(fields.get('application|$.applicantType')).toBe('申报类别');
    expect(fields.get('application|$.targetOccupation.majorCategory')).toMatch(/^.+ › .+$/);
    expect(fields.has('application|$.qualifications')).toBe(true);
    expect([...fields.keys()].some((k) => k.startsWith('application|$.qualifications.'))).toBe(false);
  });
});
