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
/** More work than the server takes on now (admission control); the HTTP layer sends `Retry-After`. */
export class OverloadedError extends DomainError {
  readonly status = 503;
  readonly type = 'overloaded';
  constructor(readonly retryAfterSeconds: number) {
    super('服务繁忙,请稍后重试', `当前办理的请求过多,请在 ${retryAfterSeconds} 秒后重试;已填写的内容不会丢失`, [], { retryAfterSeconds });
  }
}
/** A cookie-authenticated write without the session's CSRF token, or from another origin. */
export class CsrfRejectedError extends DomainError {
  readonly status = 403;
  readonly type = 'csrf-rejected';
  constructor(detail?: string) {
    super('请求来源校验未通过,请刷新页面后重试', detail);
  }
}
/** Too many attempts (sign-in throttling); the HTTP layer sends `Retry-After`. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly type = 'too-many-requests';
  constructor(
    title: string,
    readonly retryAfterSeconds: number,
  ) {
    super(title, `请在 ${formatWait(retryAfterSeconds)}后重试`, [], { retryAfterSeconds });
  }
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? `${minutes} 分钟` : `${Math.floor(minutes / 60)} 小时${minutes % 60 ? ` ${minutes % 60} 分钟` : ''}`;
}
