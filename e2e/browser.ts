// Shared set-up for the end-to-end journeys: Debian's Chromium driven by
// playwright-core (never a downloaded browser), against the running platform.
import { afterEach } from 'node:test';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
} from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const appUrl = process.env.LABSTAGE_URL ?? 'http://localhost:3000';
export const apiUrl = process.env.LABSTAGE_API_URL ?? 'http://localhost:7007';
export const screenshotDir = join(import.meta.dirname, 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newUserContext(
  browser: Browser,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  return context;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: join(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}

export async function signIn(page: Page, username: string, password: string) {
  await page.goto(appUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Welcome,/ }).waitFor();
}

/** Signs in through the accounts API; the session cookie lands in `context`. */
export async function signInByApi(
  context: BrowserContext,
  username: string,
  password: string,
) {
  const res = await context.request.post(`${apiUrl}/api/auth/accounts/signin`, {
    data: { username, password },
  });
  if (res.status() !== 200)
    throw new Error(
      `sign-in of ${username} failed: ${res.status()} ${await res.text()}`,
    );
}

/** A Backstage token for the signed-in user of this context (from its session cookie). */
export async function tokenOf(context: BrowserContext): Promise<string> {
  const res = await context.request.get(`${apiUrl}/api/auth/labstage/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok())
    throw new Error(`refresh failed: ${res.status()} ${await res.text()}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}

export async function api(
  context: BrowserContext,
  method: string,
  path: string,
  data?: unknown,
) {
  const token = await tokenOf(context);
  return context.request.fetch(`${apiUrl}${path}`, {
    method,
    data,
    headers: { Authorization: `Bearer ${token}` },
  });
}

export const demo = {
  courseCode: 'CS101-DEMO',
  courseTitle: 'Introduction to Linux',
  teacher: { username: 'teacher', password: 'teacher-demo-pass' },
  alice: { username: 'alice', password: 'alice-demo-pass' },
  admin: { username: 'admin', password: 'admin-demo-pass' },
  bob: { username: 'bob', password: 'bob-demo-pass' },
};

/**
 * Saves a screenshot of every open page when a test fails, so a red CI run
 * shows what the user saw (e2e/screenshots/failed-*.png).
 */
export function screenshotOnFailure(pages: () => Array<Page | undefined>) {
  afterEach(async t => {
    if (t.passed) return;
    const name = t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await Promise.all(
      pages().map((page, i) =>
        page && !page.isClosed()
          ? shot(page, `failed-${name}-${i}`).catch(() => undefined)
          : undefined,
      ),
    );
  });
}

/** Desktops a journey made, each with the context of a user who may delete it. */
export type MadeDesktops = Array<{ context: BrowserContext; id: string }>;

/** Deletes what a journey made; one that is already gone is no failure. */
export async function deleteMadeDesktops(made: MadeDesktops) {
  for (const { context, id } of made) {
    await api(context, 'DELETE', `/api/desktops/desktops/${id}`).catch(
      () => undefined,
    );
  }
}
