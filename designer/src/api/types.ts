import type { paths } from './schema';

// Named shapes of API bodies, taken from the generated OpenAPI types.
type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

export type OpenCall = Ok<'/api/calls', 'get'>[number];
export type PackageSchedule = Ok<'/api/packages/{hash}/schedule', 'get'>;
export type ScheduleWindow = PackageSchedule['windows'][number];
export type Task = Ok<'/api/tasks', 'get'>['items'][number];
export type PackageVersion = Ok<'/api/packages', 'get'>[number];
export type Incident = Ok<'/api/incidents', 'get'>[number];
export type Health = Ok<'/api/health', 'get'>;
export type TaskDetail = Ok<'/api/tasks/{id}', 'get'>;
export type RuleResult = NonNullable<TaskDetail['ruleResult']>;
export type RuleCheck = RuleResult['checks'][number];
export type InstanceDiagram = Ok<'/api/tasks/{id}/diagram', 'get'>;
