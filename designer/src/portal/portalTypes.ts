import type { paths } from '../api/schema';

type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

export type Application = Ok<'/api/applications/{id}', 'get'>;
export type Attachment = Application['attachments'][number];
export type ApplicationStatus = Ok<'/api/applications/{id}/status', 'get'>;
export type TimelineEntry = ApplicationStatus['timeline'][number];
export type CallForm = Ok<'/api/calls/{hash}/forms/{formId}', 'get'>;
export type AttachmentSpec = CallForm['attachments'][number];
export type CheckProblem = Ok<'/api/applications/{id}/check', 'post'>['problems'][number];
