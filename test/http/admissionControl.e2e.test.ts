import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissionControl } from '../../engine/http/admissionControl.ts';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

/** Overload is answered at once with 503, Retry-After and a problem in Chinese, instead of holding requests. */
describe('admission control', () => {
  let t: TestPlatform;
  const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!.username;

  beforeAll(async () => {
    t = await startTestPlatform({ config: { admission: { maxInFlight: 2, maxLagMs: 2000 } } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const expectOverloaded = (res: { status: number; headers: Record<string, string>; body: { title?: string; type?: string } }) => {
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.title).toBe('服务繁忙,请稍后重试');
    expect(res.body.type).toMatch(/\/overloaded$/);
  };

  it('answers 503 with Retry-After beyond the bound on requests under way, and serves the rest', async () => {
    // given: sign-ins, each of which waits on its password hash check off the event loop
    const signIn = () => t.agent().post('/api/session').send({ username: applicant, password: 'Demo@2026' });
    // when: 30 arrive together while at most 2 may be under way
    const answers = await Promise.all(Array.from({ length: 30 }, signIn));
    // then: some are served, the others refused at once
    const served = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status === 503);
    expect(served.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(served.length + refused.length).toBe(30);
    expectOverloaded(refused[0] as never);
    // and: once they are done, a request is served again
    expect((await signIn()).status).toBe(201);
  });

  it('answers 503 while the event loop is late, and the health check still answers (the HTTP process of a split platform)', async () => {
    // given: the admission control an HTTP process puts in front of its routes
    const admission = admissionControl({ maxInFlight: 100, maxLagMs: 1000 });
    const app = express();
    app.use(admission.handler);
    app.get('/api/applications', (_req, res) => void res.json({ items: [] }));
    app.get('/api/health', (_req, res) => void res.json({ status: 'ok' }));
    try {
      expect((await request(app).get('/api/applications')).status).toBe(200);
      // when: the event loop stalls for 1.6 s (a stand-in for a backlog of work)
      const until = performance.now() + 1600;
      while (performance.now() < until) {
        // busy
      }
      await new Promise((r) => setTimeout(r, 30));
      // then
      const [refused, health] = await Promise.all([request(app).get('/api/applications'), request(app).get('/api/health')]);
      expectOverloaded(refused as never);
      expect(health.status).toBe(200);
      // and: once the stall is worked off, requests are served again
      await new Promise((r) => setTimeout(r, 1700));
      expect((await request(app).get('/api/applications')).status).toBe(200);
    } finally {
      admission.close();
    }
  });
});
