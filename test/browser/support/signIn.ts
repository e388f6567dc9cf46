import { DEMO_PASSWORD } from '../../../engine/services/demo/demoData.ts';
import type { BrowserSession } from './BrowserSession.ts';

/** Signs in on the sign-in page as a person does, and waits for the page their role lands on. */
export async function signIn(b: BrowserSession, username: string, landing: string, password = DEMO_PASSWORD): Promise<void> {
  await b.goto('/');
  await b.page.getByLabel('用户名').fill(username);
  await b.page.getByLabel('密码').fill(password);
  await b.page.getByRole('button', { name: /登\s*录/ }).click();
  await b.page.waitForURL((u) => u.pathname === landing);
}
