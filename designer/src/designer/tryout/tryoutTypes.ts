import type { paths } from '../../api/schema';

// Shapes of the try-out API's bodies, taken from the generated OpenAPI types.
type Body<P extends keyof paths, M extends 'get' | 'post', S extends number> = paths[P][M] extends { responses: { [K in S]: { content: { 'application/json': infer T } } } } ? T : never;

export type TryoutResult = Body<'/api/drafts/{id}/tryouts', 'post', 200>;
export type TryoutStep = TryoutResult['steps'][number];
export type CoverageReport = Body<'/api/drafts/{id}/tryout-coverage', 'post', 200>;
export type SampleApplicant = Body<'/api/tryout-applicants', 'get', 200>[number];
export type ActivationPreview = Body<'/api/packages/{hash}/activation', 'get', 200>;
export type ReplayReport = Body<'/api/package-replays', 'post', 200>;
