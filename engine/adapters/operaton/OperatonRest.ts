import { EngineUnavailableError } from '../../port/ProcessEngine.ts';

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The engine nodes' REST API over Node's fetch, with basic auth. Any node serves any call (they share
 * one database); a node that does not answer is skipped for the next, and only when none answers the
 * call fails with EngineUnavailableError (HTTP 503 at the platform's API).
 */
export class OperatonRest {
  private current = 0;
  private readonly auth: string;

  constructor(
    private readonly urls: string[],
    user: string,
    password: string,
  ) {
    if (!urls.length) throw new Error('Operaton: no engine node URL configured (OPERATON_URL)');
    this.auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  async call<T>(method: string, path: string, body?: unknown, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<T> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.urls.length; attempt++) {
      const base = this.urls[(this.current + attempt) % this.urls.length]!;
      let res: Response;
      try {
        const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
        res = await fetch(`${base}/engine-rest${path}`, {
          method,
          headers: { authorization: this.auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), accept: 'application/json' },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
        });
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        lastError = err;
        continue; // this node is down: the next one
      }
      this.current = (this.current + attempt) % this.urls.length;
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      const json = text ? safeJson(text) : undefined;
      if (!res.ok) {
        const j = (json ?? {}) as { type?: string; message?: string };
        throw new RestError(res.status, j.type ?? '', j.message ?? text);
      }
      return json as T;
    }
    throw new EngineUnavailableError(`Operaton 引擎节点均不可用(${method} ${path}):${(lastError as Error)?.message ?? ''}`);
  }

  /** Node-local endpoints (the test clock): every node, each on its own. */
  async eachNode(method: string, path: string, body: string): Promise<void> {
    await Promise.all(
      this.urls.map((u) =>
        fetch(`${u}${path}`, { method, headers: { authorization: this.auth }, body, signal: AbortSignal.timeout(5000) }).then(
          (r) => r.text(),
          () => undefined,
        ),
      ),
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

export type Typed = { value: unknown; type: string; valueInfo?: Record<string, unknown> };

/** A platform value as an Operaton typed variable; objects and lists as JSON (the node's own serializer). */
export function toTyped(v: unknown): Typed {
  if (v === null || v === undefined) return { value: null, type: 'Null' };
  if (typeof v === 'string') return { value: v, type: 'String' };
  if (typeof v === 'boolean') return { value: v, type: 'Boolean' };
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? { value: v, type: 'Long' } : { value: v, type: 'Double' };
  return {
    value: JSON.stringify(v),
    type: 'Object',
    valueInfo: { objectTypeName: Array.isArray(v) ? 'java.util.ArrayList' : 'java.util.LinkedHashMap', serializationDataFormat: 'application/json' },
  };
}

export function toTypedMap(vars: Record<string, unknown> = {}): Record<string, Typed> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, toTyped(v)]));
}

/** An Operaton typed variable (fetched with deserializeValues=false) as a platform value. */
export function fromTyped(t: Typed | undefined): unknown {
  if (!t) return undefined;
  if (t.type === 'Object' || t.type === 'Json') {
    if (typeof t.value !== 'string') return t.value;
    try {
      return JSON.parse(t.value);
    } catch {
      return t.value;
    }
  }
  if (t.type === 'Null') return null;
  return t.value;
}

export function fromTypedMap(vars: Record<string, Typed> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(vars ?? {}).map(([k, v]) => [k, fromTyped(v)]));
}
