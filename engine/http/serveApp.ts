import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

export const APP_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../designer/dist');

/**
 * Serves the browser app (designer/dist) from the API's origin, so the session cookie needs no CORS.
 * Hashed assets are cached for a year; index.html never, so a new build is picked up at once.
 * Every GET that is not /api and not a file gets index.html: deep links (/inbox/…) survive a reload.
 */
export function serveApp(distDir: string = APP_DIST_DIR): Router {
  const router = express.Router();
  const index = path.join(distDir, 'index.html');
  router.use(
    express.static(distDir, {
      index: false,
      setHeaders: (res, file) => {
        if (file.startsWith(path.join(distDir, 'assets') + path.sep)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  router.get('/{*splat}', (req, res, next) => {
    // API paths and missing files (a name with an extension) stay 404s instead of becoming the app page.
    if (req.path === '/api' || req.path.startsWith('/api/') || path.extname(req.path)) return next();
    if (!fs.existsSync(index)) {
      res.status(503).type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>页面尚未构建</title><p>浏览器端页面尚未构建。请运行 <code>npm start</code>(会自动构建),或 <code>npm run build:web</code>。</p>');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
