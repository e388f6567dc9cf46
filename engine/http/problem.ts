import type { ErrorRequestHandler, Request, Response } from 'express';
import multer from 'multer';
import { DomainError, OverloadedError, type ProblemDetail } from '../errors.ts';
import { EngineDeployError, EngineUnavailableError } from '../port/ProcessEngine.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  problems?: ProblemDetail[];
  [k: string]: unknown;
}

const TYPE_BASE = 'https://skills-platform.example/problems/';

/** The single place where errors become HTTP responses (application/problem+json, Chinese titles). */
export function toProblem(err: unknown, instance: string): Problem {
  if (err instanceof DomainError) {
    return { type: TYPE_BASE + err.type, title: err.title, status: err.status, detail: err.detail, instance, ...(err.problems.length ? { problems: err.problems } : {}), ...err.extra };
  }
  // No store connection free within the pool's wait: the same answer as admission control gives.
  if ((err as Error | undefined)?.name === 'KnexTimeoutError') return toProblem(new OverloadedError(2), instance);
  if (err instanceof EngineDeployError) {
    return {
      type: TYPE_BASE + 'bpmn-unsupported',
      title: 'BPMN 流程无法部署',
      status: 422,
      detail: `发现 ${err.problems.length} 个问题`,
      instance,
      problems: err.problems.map((p) => ({ file: p.file, pointer: p.elementId ? `#${p.elementId}` : undefined, message: p.message, code: p.code })),
    };
  }
  if (err instanceof EngineUnavailableError) {
    return { type: TYPE_BASE + 'engine-unavailable', title: '流程引擎暂不可用,请稍后重试', status: 503, detail: err.message, instance };
  }
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return { type: TYPE_BASE + 'payload-too-large', title: '文件过大', status: 413, detail: '上传文件超过大小限制', instance };
    return { type: TYPE_BASE + 'upload-error', title: '上传请求不符合要求', status: 400, detail: err.message, instance };
  }
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') {
    return { type: TYPE_BASE + 'malformed-json', title: '请求体不是合法的 JSON', status: 400, detail: e.message, instance };
  }
  if (e?.type === 'entity.too.large') {
    return { type: TYPE_BASE + 'payload-too-large', title: '请求体过大', status: 413, instance };
  }
  if (e?.status === 415 || e?.type === 'charset.unsupported') {
    return { type: TYPE_BASE + 'unsupported-media-type', title: '不支持的请求格式', status: 415, instance };
  }
  // Other client errors of Express and its parsers (http-errors with a 4xx status): a bad gzip body, a
  // path that does not decode, an aborted request. They are the client's, and said so in Chinese.
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = (err as { code?: unknown })?.code;
    if (typeof code === 'string' && code.startsWith('Z_')) return { type: TYPE_BASE + 'bad-content-encoding', title: '请求体与声明的压缩格式(Content-Encoding)不符', status: 400, instance };
    if (err instanceof URIError) return { type: TYPE_BASE + 'bad-request', title: '请求路径编码无效', status: 400, instance };
    return { type: TYPE_BASE + 'bad-request', title: '请求不符合要求', status, detail: (err as { message?: string }).message, instance };
  }
  return { type: TYPE_BASE + 'internal', title: '服务器内部错误', status: 500, detail: undefined, instance };
}

export function sendProblem(res: Response, problem: Problem): void {
  if (typeof problem.retryAfterSeconds === 'number' && (problem.status === 503 || problem.status === 429)) res.setHeader('Retry-After', String(problem.retryAfterSeconds));
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

export function problemHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req: Request, res: Response, _next) => {
    const problem = toProblem(err, req.originalUrl);
    if (problem.status >= 500) log(`${req.method} ${req.originalUrl} failed`, err);
    sendProblem(res, problem);
  };
}
