import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { Type, type TSchema } from '@sinclair/typebox';
import fs from 'node:fs';
import multer from 'multer';
import { PayloadTooLargeError, UnauthenticatedError, UnsupportedMediaTypeError, ValidationError } from '../errors.ts';
import type { Actor } from '../services/actor.ts';
import type { RouteDef, RouteResult } from './route.ts';
import { assertShallow, check } from './validate.ts';

export interface RouterDeps {
  resolveActor(req: Request): Promise<Actor | null>;
  maxUploadBytes: number;
  /** Where multer writes an upload before the service checks and stores it; emptied on every path. */
  uploadTmpDir: string;
}

const JSON_TYPES = ['application/json', 'application/*+json'];
// Room for the multipart boundaries and the small text fields beside the one file.
const MULTIPART_OVERHEAD = 64 * 1024;

/** Whether the request carries a body at all (Content-Length > 0 or chunked). */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const len = req.headers['content-length'];
  return len !== undefined && len !== '0';
}

function unsupported(expected: string): UnsupportedMediaTypeError {
  return new UnsupportedMediaTypeError('不支持的请求格式', `请求体须为 ${expected}`);
}

/**
 * Turns route definitions into an Express router. The order matters: authenticate and validate the
 * path first, then check the content type, and only then read the body — so an anonymous or
 * misaddressed upload never reaches the disk, and a body of the wrong type changes nothing.
 */
export function buildRouter(routes: RouteDef[], deps: RouterDeps): Router {
  const router = Router();
  const json = express.json({ limit: '2mb', strict: true, type: JSON_TYPES });
  fs.mkdirSync(deps.uploadTmpDir, { recursive: true });
  // Browsers send file names as raw UTF-8; busboy's default would read them as latin1.
  const upload = multer({ dest: deps.uploadTmpDir, defParamCharset: 'utf8', limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 20, fieldSize: 4096, parts: 21 } });
  const parseJson = (req: Request, res: Response) => new Promise<void>((resolve, reject) => json(req, res, (err?: unknown) => (err ? reject(err) : resolve())));

  // API answers are personal data: never cached, never sniffed into another type.
  router.use('/api', (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  for (const def of routes) {
    const fieldsSchema: TSchema | undefined = def.multipart ? Type.Object(def.multipart.fields, { additionalProperties: false }) : undefined;
    router[def.method](def.path, async (req: Request, res: Response, next: NextFunction) => {
      // The service moves what it keeps into storage; whatever is left in the temp dir goes before the answer.
      const cleanUp = () => (req.file?.path ? fs.promises.rm(req.file.path, { force: true }).catch(() => undefined) : undefined);
      try {
        const actor = await deps.resolveActor(req);
        if (def.auth !== 'public' && !actor) throw new UnauthenticatedError();
        const params = def.params ? check(def.params, req.params, 'params') : req.params;
        const query = def.query ? check(def.query, req.query, 'query') : {};
        let body: unknown;
        if (def.body) {
          if (hasBody(req)) {
            if (!req.is(JSON_TYPES)) throw unsupported('application/json');
            await parseJson(req, res);
            assertShallow(req.body);
            body = check(def.body, req.body, 'body');
          } else {
            // PUT replaces what is stored: an empty request is a mistake, never "erase everything".
            if (def.method === 'put') throw new ValidationError('缺少请求体', '请以 application/json 发送请求体');
            body = check(def.body, {}, 'body');
          }
        } else if (def.multipart) {
          if (!req.is('multipart/form-data')) throw unsupported('multipart/form-data');
          const declared = Number(req.headers['content-length']);
          if (Number.isFinite(declared) && declared > deps.maxUploadBytes + MULTIPART_OVERHEAD) throw new PayloadTooLargeError('文件过大', '上传内容超过大小限制');
          await def.multipart.beforeUpload?.({ actor: actor as Actor, params });
          await new Promise<void>((resolve, reject) =>
            upload.single(def.multipart!.fileField)(req, res, (err?: unknown) => {
              if (!err) return resolve();
              // Busboy's parse errors (a truncated or malformed form) are the client's, not the server's.
              reject(err instanceof multer.MulterError || (err as { status?: number }).status ? err : new ValidationError('上传请求格式错误', 'multipart/form-data 内容不完整或格式错误'));
            }),
          );
          body = check(fieldsSchema!, { ...(req.body ?? {}) }, 'body');
        }
        const out = (await def.handler({ actor: actor as Actor, body, query, params, req, res })) as RouteResult | undefined;
        await cleanUp();
        if (out?.handled) return;
        for (const [k, v] of Object.entries(out?.headers ?? {})) res.setHeader(k, v);
        const status = out?.status ?? 200;
        if (out?.body === undefined) res.status(status).end();
        else res.status(status).json(out.body);
      } catch (err) {
        await cleanUp();
        next(err);
      }
    });
  }
  return router;
}
