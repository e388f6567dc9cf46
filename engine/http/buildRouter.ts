import express, { type NextFunction, type Request, type Response, Router } from 'express';
import multer from 'multer';
import os from 'node:os';
import { UnauthenticatedError } from '../errors.ts';
import type { Actor } from '../services/actor.ts';
import type { RouteDef, RouteResult } from './route.ts';
import { check } from './validate.ts';

export interface RouterDeps {
  resolveActor(req: Request): Promise<Actor | null>;
  maxUploadBytes: number;
}

/** Turns route definitions into an Express router: parse, authenticate, validate, call, write. */
export function buildRouter(routes: RouteDef[], deps: RouterDeps): Router {
  const router = Router();
  const json = express.json({ limit: '2mb', strict: true, type: ['application/json', 'application/*+json'] });
  const upload = multer({ dest: os.tmpdir(), limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 20 } });

  for (const def of routes) {
    const middlewares = [];
    if (def.body) middlewares.push(json);
    if (def.multipart) middlewares.push(upload.single(def.multipart.fileField));
    router[def.method](def.path, ...middlewares, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const actor = await deps.resolveActor(req);
        if (def.auth !== 'public' && !actor) throw new UnauthenticatedError();
        const body = def.body ? check(def.body, req.body ?? {}, 'body') : def.multipart ? req.body : undefined;
        const query = def.query ? check(def.query, req.query, 'query') : {};
        const params = def.params ? check(def.params, req.params, 'params') : req.params;
        const out = (await def.handler({ actor: actor as Actor, body, query, params, req, res })) as RouteResult | undefined;
        if (out?.handled) return;
        for (const [k, v] of Object.entries(out?.headers ?? {})) res.setHeader(k, v);
        const status = out?.status ?? 200;
        if (out?.body === undefined) res.status(status).end();
        else res.status(status).json(out.body);
      } catch (err) {
        next(err);
      }
    });
  }
  return router;
}
