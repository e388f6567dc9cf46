import { zh } from '../i18n/zhCN.ts';

export interface ProblemItem {
  pointer?: string;
  field?: string;
  message: string;
  clause?: string;
}

/** A failed API call: the server's problem+json (Chinese `title`) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly problems: ProblemItem[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(title);
    this.name = 'ApiError';
  }

  /** The sentence to show: title, the detail when it adds something, and when to retry after throttling. */
  get userMessage(): string {
    const parts = [this.title];
    if (this.detail && this.detail !== this.title) parts.push(this.detail);
    if (this.status === 429 && this.retryAfterSeconds) parts.push(zh.errors.retryAfter(this.retryAfterSeconds));
    return parts.join(':');
  }

  static async fromResponse(res: Response): Promise<ApiError> {
    const retryAfter = Number(res.headers.get('Retry-After')) || undefined;
    const type = res.headers.get('Content-Type') ?? '';
    if (type.includes('json')) {
      try {
        const p = (await res.clone().json()) as { title?: string; detail?: string; problems?: ProblemItem[] };
        if (typeof p.title === 'string') return new ApiError(res.status, p.title, p.detail, p.problems ?? [], retryAfter);
      } catch {
        // not JSON after all: fall through to the generic message
      }
    }
    return new ApiError(res.status, zh.errors.unknown, undefined, [], retryAfter);
  }

  static network(): ApiError {
    return new ApiError(0, zh.errors.network);
  }
}

export function messageOf(err: unknown): string {
  return err instanceof ApiError ? err.userMessage : zh.errors.unknown;
}
