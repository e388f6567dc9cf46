import type { paths } from '../api/schema';

// Shapes of the draft API's bodies, taken from the generated OpenAPI types.
type Body<P extends keyof paths, M extends 'get' | 'post' | 'put', S extends number> = paths[P][M] extends { responses: { [K in S]: { content: { 'application/json': infer T } } } } ? T : never;

export type DraftView = Body<'/api/drafts', 'get', 200>[number];
export type DraftDetail = Body<'/api/drafts/{id}', 'get', 200>;
export type DraftFile = Body<'/api/drafts/{id}/files/{path}', 'get', 200>;
export type SaveResult = Body<'/api/drafts/{id}/files/{path}', 'put', 200>;
export type PublishResult = Body<'/api/drafts/{id}/publish', 'post', 201>;
export type DraftProblem = SaveResult['problems'][number];
export type DraftFileMeta = DraftDetail['files'][number];
export type PackageDetail = Body<'/api/packages/{hash}', 'get', 200>;
