import type { RequestHandler } from 'express';
import { OverloadedError } from '../errors.ts';
import { sendProblem, toProblem } from './problem.ts';

export interface AdmissionControl {
  handler: RequestHandler;
  /** Requests under way now, and the event loop's latest lag (ms). */
  state(): { inFlight: number; lagMs: number };
  close(): void;
}

/**
 * Admission control for the API: beyond `maxInFlight` requests under way, or while the event loop
 * has run more than `maxLagMs` late (a 20 ms timer's drift; shed for as long as the stall lasted), a request is answered at once
 * with 503, `Retry-After` and a problem in Chinese instead of queueing behind the others for a
 * minute. The health check is always answered.
 */
export function admissionControl(opts: { maxInFlight: number; maxLagMs: number; retryAfterSeconds?: number }): AdmissionControl {
  let inFlight = 0;
  let lagMs = 0;
  /** After a stall the requests that queued behind it are still being worked off: shed for as long as it lasted (2 s at most). */
  let shedUntil = 0;
  const TICK = 20;
  let expected = 0;
  let timer: NodeJS.Timeout | undefined;
  // Measured from the first request on: the start-up's own work (deploying, seeding) is no overload.
  const monitor = () => {
    expected = performance.now() + TICK;
    timer = setInterval(() => {
      const now = performance.now();
      lagMs = Math.max(0, now - expected);
      expected = now + TICK;
      if (lagMs > opts.maxLagMs) shedUntil = now + Math.min(lagMs, 2000);
    }, TICK);
    timer.unref();
  };
  const retryAfter = opts.retryAfterSeconds ?? 1;
  const handler: RequestHandler = (req, res, next) => {
    if (!timer) monitor();
    if (!req.path.startsWith('/api/') || req.path === '/api/health') return next();
    if (inFlight >= opts.maxInFlight || performance.now() < shedUntil) return sendProblem(res, toProblem(new OverloadedError(retryAfter), req.originalUrl));
    inFlight++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
  return { handler, state: () => ({ inFlight, lagMs }), close: () => clearInterval(timer) };
}
