import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

/** Overload is answered at once with 503, Retry-After and a problem in Chinese, instead of holding requests. */
describe('admission control', () => {
  let t: TestPlatform;
  const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!.username;

  beforeAll(async () => {
    t = await startTestPlatform({ config: { admission: { maxInFlight: 2, maxLagMs: 1000 } } });
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
    // given: a signed-in applicant
    const agent = await t.login(applicant);
    // when: 30 requests arrive together while at most 2 may be under way
    const answers = await Promise.all(Array.from({ length: 30 }, () => agent.get('/api/applications')));
    // then: some are served, the others refused at once
    const served = answers.filter((r) => r.status === 200);
    const refused = answers.filter((r) => r.status === 503);
    expect(served.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(served.length + refused.length).toBe(30);
    expectOverloaded(refused[0] as never);
    // and: once they are done, a request is served again
    expect((await agent.get('/api/applications')).status).toBe(200);
  });

  it('answers 503 while the event loop is late, and the health check still answers', async () => {
    // given
    const agent = await t.login(applicant);
    // when: the event loop stalls for 1.6 s (a stand-in for a backlog of work)
    const until = performance.now() + 1600;
    while (performance.now() < until) {
      // busy
    }
    await new Promise((r) => setTimeout(r, 30));
    // then
    const [refused, health] = await Promise.all([agent.get('/api/applications'), agent.get('/api/health')]);
    expectOverloaded(refused as never);
    expect(health.status).toBe(200);
    // and: once the stall is worked off, requests are served again
    await new Promise((r) => setTimeout(r, 1700));
    expect((await agent.get('/api/applications')).status).toBe(200);
  });
});
