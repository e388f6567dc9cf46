/**
 * Typed domain errors. Services throw these; engine/http/problem.ts maps them to
 * application/problem+json in one place. `title` is the Chinese sentence end users see.
 */
export interface ProblemDetail {
  pointer?: string;
  file?: string;
  field?: string;
  message: string;
  clause?: string;
  code?: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  constructor(
    readonly title: string,
    readonly detail?: string,
    readonly problems: ProblemDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly type = 'validation-error';
}
export class UnprocessableError extends DomainError {
  readonly status = 422;
  readonly type = 'unprocessable';
}
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly type = 'unauthenticated';
  constructor(detail?: string) {
    super('请先登录', detail);
  }
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly type = 'forbidden';
  constructor(detail?: string) {
    super('无权执行此操作', detail);
  }
}
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly type = 'not-found';
  constructor(what: string, id?: string) {
    super(`${what}不存在`, id ? `${what} ${id} 不存在或无权访问` : undefined);
  }
}
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly type = 'conflict';
}
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly type = 'payload-too-large';
}
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly type = 'unsupported-media-type';
}
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly type = 'service-unavailable';
}
