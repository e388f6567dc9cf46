import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './chromium.ts';

const ARTIFACTS = path.resolve('test-artifacts/browser');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface AllowedHttpError {
  method: string;
  path: string;
  status: number;
}

/**
 * One headless Chromium with a fresh profile, watching everything that can go wrong on a page:
 * console errors, uncaught page errors, failed requests and HTTP error answers. A test declares the
 * HTTP errors it provokes (a wrong password's 401); anything else fails it in `assertClean()`.
 * `step(name)` saves a screenshot as test-artifacts/browser/<test>/<nn>-<name>.png.
 */
export class BrowserSession {
  private readonly problems: string[] = [];
  private readonly allowed: AllowedHttpError[] = [];
  private shots = 0;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
    private readonly dir: string,
    private readonly profile: string,
  ) {}

  static async open(baseUrl: string, testName: string): Promise<BrowserSession> {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      reducedMotion: 'reduce',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const dir = path.join(ARTIFACTS, testName.replace(/[^\p{L}\p{N}_-]+/gu, '-'));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const s = new BrowserSession(context, page, baseUrl, dir, profile);
    s.watch(page);
    return s;
  }

  /** An HTTP error answer this test provokes on purpose (it still must not be anything else). */
  allowHttpError(method: string, pathname: string, status: number): void {
    this.allowed.push({ method, path: pathname, status });
  }

  private isAllowed(method: string | null, url: string, status: number): boolean {
    const pathname = new URL(url, this.baseUrl).pathname;
    return this.allowed.some((a) => (method === null || a.method === method) && a.path === pathname && a.status === status);
  }

  private watch(page: Page): void {
    page.on('pageerror', (err) => this.problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => {
      // A navigation away aborts what the old page still loaded; that is not a failure of the page.
      if (req.failure()?.errorText === 'net::ERR_ABORTED' && req.resourceType() !== 'document') return;
      this.problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !this.isAllowed(res.request().method(), res.url(), res.status())) this.problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    });
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // Chromium reports every HTTP error answer as a console error too; allowed ones are expected.
      const m = /status of (\d{3})/.exec(msg.text());
      if (m && this.isAllowed(null, msg.location().url, Number(m[1]))) return;
      this.problems.push(`console error: ${msg.text()} (${msg.location().url})`);
    });
  }

  async goto(pathname: string): Promise<void> {
    await this.page.goto(this.baseUrl + pathname, { waitUntil: 'networkidle' });
  }

  /** Waits until the network is quiet, then keeps a screenshot of the page. */
  async step(name: string): Promise<string> {
    await this.page.waitForLoadState('networkidle');
    this.shots += 1;
    const file = path.join(this.dir, `${String(this.shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  problemsSoFar(): string[] {
    return [...this.problems];
  }

  async close(): Promise<void> {
    await this.context.close();
    fs.rmSync(this.profile, { recursive: true, force: true });
  }
}
