import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { startDemo, type Demo } from '../../src/demo.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type TesseraServer } from '../../src/server.js';

/**
 * The playground in a real browser, with every address but loopback blocked: Tessera in demo
 * mode (as `npm start` runs it), Debian's Chromium (`scripts/ensureChromium.sh`, which CI runs
 * first) driven by playwright-core. Leaves a screenshot in test-artifacts/playground.png.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
// As TOOLING.md gives them: without the background-networking flags Chromium calls Google at start.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Loopback, or no network at all (data: and blob: URLs). */
function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

/** Waits until the element shows every text (Monaco renders spaces as no-break spaces). */
async function waitForEditorText(page: Page, selector: string, ...texts: string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = ((await page.locator(selector).first().textContent({ timeout: 15_000 })) ?? '').replace(/\u00a0/g, ' ');
    if (texts.every((wanted) => text.includes(wanted))) return;
    if (Date.now() > deadline) throw new Error(`${selector} never showed ${JSON.stringify(texts)}; it shows: ${text.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the playground in a browser, offline', () => {
  let demo: Demo;
  let server: TesseraServer;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Every URL the page asked for, and those it was refused (not loopback). */
  const requested: string[] = [];
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not at ${CHROMIUM}: run scripts/ensureChromium.sh (CI runs it before the tests).`);
    }
    const logger = createLogger('silent');
    demo = await startDemo(loadConfig({ LOG_LEVEL: 'silent' }), logger);
    server = await createServer(demo.config, { logger, isReady: demo.isReady, playground: { actAs: demo.actAs } });
    origin = new URL(await server.listen(0, '127.0.0.1')).origin;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    context.on('request', (request) => void requested.push(request.url()));
    page = await context.newPage();
    page.on('pageerror', (error) => void pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await demo?.close();
  });

  it('opens at /graphql with the README examples as tabs, once the schema is introspected', async () => {
    const introspection = page.waitForResponse((r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('IntrospectionQuery'));
    const response = await page.goto(`${origin}/graphql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    expect((await introspection).status()).toBe(200);
    await waitForEditorText(page, '.graphiql-query-editor', 'query Overview', 'tickets(first: 5)');

    const tabs = (await page.locator('.graphiql-tab-button').allTextContents()).map((t) => t.trim());
    expect(tabs).toEqual(['Overview', 'OpenTickets', 'Person', 'Dreamreflex', 'ZammadSearch', 'ActAsOtherUsers']);
  }, 30_000);

  it('shows the schema in the docs explorer', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await waitForEditorText(page, '.graphiql-doc-explorer', 'Root Types', 'query: Query');
    await page.locator('.graphiql-doc-explorer a', { hasText: 'Query' }).first().click();
    await waitForEditorText(page, '.graphiql-doc-explorer', 'devices', 'tickets');
  }, 30_000);

  it('runs one query across the vendors and shows the answer', async () => {
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('"operationName":"Overview"'));
    await page.locator('.graphiql-execute-button').click();
    const body = (await (await answer).json()) as {
      data: {
        devices: { nodes: { name: string }[] };
        tickets: { missingSources: string[]; nodes: { source: string; title: string }[] };
        teams: { nodes: unknown[] };
        me: { dreamreflex: { email: string } };
      };
      errors?: unknown[];
    };
    // ThingsCloud's devices, the ticket list merged from MaxCloud, Zammad and Dreamreflex (none missing), Lexiang's teams.
    expect(body.errors).toBeUndefined();
    expect(body.data.devices.nodes).toHaveLength(3);
    expect(body.data.tickets.nodes).toHaveLength(5);
    expect(body.data.tickets.missingSources).toEqual([]);
    expect(body.data.teams.nodes.length).toBeGreaterThan(0);
    expect(body.data.me.dreamreflex.email).toBe('demo@tessera.local');

    // The page shows it: the first device and the first ticket's vendor are on screen.
    const firstDevice = body.data.devices.nodes[0]!.name;
    const firstSource = body.data.tickets.nodes[0]!.source;
    await waitForEditorText(page, '.graphiql-response', `"name": ${JSON.stringify(firstDevice)}`, `"source": "${firstSource}"`);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}playground.png` });
  }, 30_000);

  it('pre-fills other demo users’ headers in the “act as” tab', async () => {
    await page.locator('.graphiql-tab', { hasText: 'ActAsOtherUsers' }).click();
    await waitForEditorText(page, '.graphiql-query-editor', 'query ActAsOtherUsers');
    await page.getByRole('button', { name: 'Headers' }).click();
    await waitForEditorText(page, '.graphiql-editor-tool', 'x-zammad-authorization', 'Token token=');

    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('"operationName":"ActAsOtherUsers"'));
    await page.locator('.graphiql-execute-button').click();
    const request = (await answer).request();
    expect(request.headers()['x-zammad-authorization']).toMatch(/^Token token=/);
    const body = (await (await answer).json()) as { data: { me: { zammad: { email: string } } } };
    expect(body.data.me.zammad.email).toBe('zhou.jie@tessera.local');
    await waitForEditorText(page, '.graphiql-response', 'zhou.jie@tessera.local');
  }, 30_000);

  it('completes fields from the schema as one types', async () => {
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.locator('.graphiql-query-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('{ devi');
    await page.keyboard.press('Control+Space');
    await waitForEditorText(page, '.graphiql-query-editor .suggest-widget', 'devices', 'deviceTypes');
  }, 30_000);

  it('loaded nothing but from loopback, and ran without errors', async () => {
    expect(blocked).toEqual([]);
    expect(requested.filter((url) => !isLocal(url))).toEqual([]);
    // The bundle: page, script, styles, Monaco's workers, all from this gateway.
    expect(requested.some((url) => /\/graphiql\/assets\/main-[\w-]+\.js$/.test(url))).toBe(true);
    expect(requested.some((url) => /\/graphiql\/assets\/graphql\.worker-[\w-]+\.js$/.test(url))).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
