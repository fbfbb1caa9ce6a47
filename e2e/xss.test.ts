// Markdown in posts and comments is rendered sanitized: none of these payloads
// may run script in the page. Each one would set window.__xss if it did.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import {
  api,
  appUrl,
  demo,
  launchBrowser,
  newUserContext,
  screenshotOnFailure,
  shot,
  signIn,
} from './browser.ts';

const payloads = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 1">',
  '<svg onload="window.__xss = 1"></svg>',
  '<iframe src="javascript:window.__xss = 1"></iframe>',
  '<a href="javascript:window.__xss = 1">click me</a>',
  '[markdown link](javascript:window.__xss=1)',
  '![image](x" onerror="window.__xss=1)',
  '<details open ontoggle="window.__xss = 1"><summary>x</summary></details>',
  '"><script>window.__xss = 1</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<body onload="window.__xss = 1">',
  '<input autofocus onfocus="window.__xss = 1">',
  '<object data="javascript:window.__xss=1"></object>',
  '[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
];

// Tags this run's posts, so a rerun against the same data checks only its own.
const run = randomBytes(3).toString('hex');

describe('XSS payloads in posts and comments never execute', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let courseId: string;
  const dialogs: string[] = [];

  screenshotOnFailure(() => [page]);

  before(async () => {
    browser = await launchBrowser();
    context = await newUserContext(browser);
    page = await context.newPage();
    page.on('dialog', d => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, demo.alice.username, demo.alice.password);
    const courses = await (
      await api(context, 'GET', '/api/courses/courses?scope=mine')
    ).json();
    courseId = courses.items.find(
      (c: { code: string }) => c.code === 'CS101',
    ).id;
  });
  after(async () => browser?.close());

  it(`stores ${payloads.length} payloads as posts (title and body) and comments`, async () => {
    for (const [i, payload] of payloads.entries()) {
      const post = await api(
        context,
        'POST',
        `/api/courses/courses/${courseId}/posts`,
        {
          board: 'qa',
          title: `xss ${run} ${i} ${payload}`.slice(0, 200),
          body: `payload ${i}:\n\n${payload}`,
        },
      );
      assert.equal(post.status(), 201, await post.text());
      const { id } = await post.json();
      const comment = await api(
        context,
        'POST',
        `/api/courses/courses/${courseId}/posts/${id}/comments`,
        {
          body: `comment ${i}: ${payload}`,
        },
      );
      assert.equal(comment.status(), 201, await comment.text());
    }
  });

  it('renders every post and comment with no script run, no dialog and no javascript: link', async () => {
    await page.goto(`${appUrl}/courses/${courseId}`);
    await page.getByRole('tab', { name: 'Q&A' }).click();
    const rendered = new Set<number>();
    // While the next page loads the board keeps the previous one on screen,
    // marked busy; its titles must not be taken for the new page's.
    const settledFeed = page.locator('[role="feed"][aria-busy="false"]');
    for (
      let pageNo = 0;
      pageNo < 20 && rendered.size < payloads.length;
      pageNo++
    ) {
      await settledFeed.getByText(/^xss /).first().waitFor();
      for (const title of await page
        .getByRole('button', { name: new RegExp(`^xss ${run} \\d+`) })
        .all()) {
        const index = Number((await title.innerText()).split(' ')[2]);
        await title.click(); // expands the post: its body and its replies render
        await page.getByText(new RegExp(`^comment ${index}:`)).waitFor();
        rendered.add(index);
      }
      const next = page.getByRole('button', { name: /next page/i });
      if ((await next.count()) === 0 || (await next.isDisabled())) break;
      await next.click();
    }
    assert.equal(
      rendered.size,
      payloads.length,
      'every payload post was rendered with its reply',
    );
    await shot(page, 'xss-board');
    await page.waitForTimeout(500); // let any onerror/onload handler fire
    assert.equal(await page.evaluate(() => (window as any).__xss), undefined);
    assert.deepEqual(dialogs, []);
    const dangerous = await page.evaluate(() =>
      [...document.querySelectorAll('a[href], iframe, object, embed')]
        .map(
          e =>
            e.getAttribute('href') ??
            e.getAttribute('src') ??
            e.getAttribute('data') ??
            '',
        )
        .filter(h => /^\s*(javascript|data):/i.test(h)),
    );
    assert.deepEqual(dangerous, []);
  });
});
