import { Type } from '@sinclair/typebox';

// Shared request/response schemas. They validate requests and are published in /api/openapi.json.
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
export const IdParams = Type.Object({ id: Id });
export const Paging = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 128 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const AnyObject = Type.Record(Type.String(), Type.Unknown());

export const ActorSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  idNumber: Type.Union([Type.String(), Type.Null()]),
});

export const TaskSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  elementId: Type.String(),
  processInstanceKey: Type.String(),
  applicationId: Type.Union([Type.String(), Type.Null()]),
  formKey: Type.Union([Type.String(), Type.Null()]),
  state: Type.String(),
  assignee: Type.Union([Type.String(), Type.Null()]),
  candidateGroups: Type.Array(Type.String()),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  cityCode: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  decision: Type.Union([Type.String(), Type.Null()]),
  opinion: Type.Union([Type.String(), Type.Null()]),
  context: Type.Union([AnyObject, Type.Null()]),
});

export const AttachmentSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  fileName: Type.String(),
  mimeType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String(),
});

export const ApplicationSchema = Type.Object({
  id: Type.String(),
  packageHash: Type.String(),
  packageId: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  stage: Type.Union([Type.String(), Type.Null()]),
  data: AnyObject,
  eligibility: Type.Unknown(),
  outcome: Type.Unknown(),
  processInstanceKey: Type.Union([Type.String(), Type.Null()]),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  attachments: Type.Array(AttachmentSchema),
  actions: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), form: Type.String() }), { description: '当前可办理的申报人操作(如考前请假报备)' }),
});

export const PackageVersionSchema = Type.Object({
  hash: Type.String(),
  packageId: Type.String(),
  regionCode: Type.String(),
  procedure: Type.String(),
  year: Type.Integer(),
  title: Type.String(),
  deployedAt: Type.String(),
  active: Type.Boolean(),
  processes: Type.Record(Type.String(), Type.String()),
});

export const page = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
