import type { paths } from '../../api/schema';

// Named shapes of the organisation endpoints' bodies, taken from the generated OpenAPI types.
export type AdminOrganisation = paths['/api/admin/organisations']['get']['responses'][200]['content']['application/json'][number];
export type OrganisationBody = paths['/api/organisations/{id}']['put']['requestBody']['content']['application/json'];
export type OrganisationImportReport = paths['/api/admin/organisation-imports']['post']['responses'][200]['content']['application/json'];
