import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';
import type { Config } from '../config.js';
import { API_KEY_HEADER } from '../context.js';
import { actAsExample, playgroundExamples } from './playgroundExamples.js';

/** Demo mode: request headers that act as other demo users, and whom they act as (one line per vendor). */
export interface PlaygroundActAs {
  headers: Record<string, string>;
  who: string[];
}

export interface PlaygroundOptions {
  /** Demo mode: an extra tab whose headers act as other demo users. */
  actAs?: PlaygroundActAs;
  /** The built bundle (`npm run build:playground`); default `playground/dist/` of this checkout. */
  assetsDir?: string;
}

/** What the page hands the bundle; `playground/src/readSettings.ts` reads it. */
export interface PlaygroundSettings {
  /** The GraphQL endpoint, relative to the page. */
  endpoint: string;
  title: string;
  tabs: { query: string; headers?: string }[];
  /** The headers editor of a tab the user opens. */
  defaultHeaders: string;
  /** Open the headers editor at start (live mode: where the API key goes). */
  showHeaders: boolean;
}

/** Both `src/http/` and, after `npm run build`, `dist/http/` are two levels below the checkout. */
export const defaultPlaygroundAssetsDir = fileURLToPath(new URL('../../playground/dist/', import.meta.url));

/** The page and the bundle are siblings of `/graphql` (under any path prefix a proxy adds). */
const ASSETS_PATH = 'graphiql/assets/';

/**
 * Content Security Policy of the page: it may load and call only its own origin, so a bundle
 * that tried a CDN would fail visibly rather than work only online. Monaco sets inline styles.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GraphiQL from the bundle built into `playground/dist/`: the page at `/graphiql`, and at
 * `/graphql` for a browser (a GET that prefers HTML and carries no operation; everything else
 * goes on to Apollo); its files under `/graphiql/assets/`. When the bundle is not built, the
 * page says how to build it.
 */
export function createPlayground(config: Pick<Config, 'mode' | 'apiKeys' | 'allowAnonymous'>, options: PlaygroundOptions = {}): Router {
  const assetsDir = options.assetsDir ?? defaultPlaygroundAssetsDir;
  const settings = createPlaygroundSettings(config, options.actAs);
  const router = express.Router({ strict: true });

  const sendPage = async (_req: Request, res: Response) => {
    const entry = await readEntry(assetsDir);
    res.set({ 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    if (!entry) return void res.status(503).type('html').send(notBuiltPage());
    res.set('content-security-policy', CONTENT_SECURITY_POLICY).type('html').send(page(entry, settings));
  };

  router.get('/graphql', (req, res, next) => (wantsPage(req) ? sendPage(req, res) : next()));
  router.get('/graphiql', sendPage);
  router.get('/graphiql/', (_req, res) => res.redirect(301, '../graphiql'));
  // File names carry a content hash: cached for good.
  router.use('/graphiql/assets', express.static(path.join(assetsDir, 'assets'), { index: false, immutable: true, maxAge: '1y' }));
  return router;
}

/**
 * The tabs and headers of this deployment. Demo mode adds a tab with other demo users' headers
 * (the simulators' published demo tokens); live mode carries no credential, only an empty
 * `x-api-key` to fill in when callers need a key for the service credentials.
 */
export function createPlaygroundSettings(config: Pick<Config, 'mode' | 'apiKeys' | 'allowAnonymous'>, actAs?: PlaygroundActAs): PlaygroundSettings {
  const tabs: PlaygroundSettings['tabs'] = playgroundExamples.map((query) => ({ query }));
  if (config.mode === 'demo') {
    if (actAs && Object.keys(actAs.headers).length > 0) tabs.push({ query: actAsExample(actAs.who), headers: json(actAs.headers) });
    return { endpoint: 'graphql', title: 'Tessera · demo', tabs, defaultHeaders: '', showHeaders: false };
  }
  const askForKey = config.apiKeys.length > 0 && !config.allowAnonymous;
  const headers = askForKey ? json({ [API_KEY_HEADER]: '' }) : '';
  return {
    endpoint: 'graphql',
    title: 'Tessera',
    tabs: tabs.map((tab) => (headers ? { ...tab, headers } : tab)),
    defaultHeaders: headers,
    showHeaders: askForKey,
  };
}

/** A browser asking for `/graphql`: a GET without an operation (nor an APQ hash) that prefers HTML to any GraphQL response type. */
function wantsPage(req: Request): boolean {
  const params = new URL(req.originalUrl, 'http://localhost').searchParams;
  if (params.has('query') || params.has('extensions')) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) === 'text/html';
}

interface Entry {
  script: string;
  styles: string[];
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  css?: string[];
  imports?: string[];
}

/** The entry script and its style sheets, from Vite's manifest; undefined when the bundle is not built. Read per page view, so a rebuild needs no restart. */
async function readEntry(assetsDir: string): Promise<Entry | undefined> {
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(await readFile(path.join(assetsDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  } catch {
    return undefined;
  }
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entry) return undefined;
  const styles = new Set<string>();
  const visit = (chunk: ManifestChunk | undefined, seen: Set<ManifestChunk>) => {
    if (!chunk || seen.has(chunk)) return;
    seen.add(chunk);
    chunk.css?.forEach((file) => styles.add(file));
    chunk.imports?.forEach((key) => visit(manifest[key], seen));
  };
  visit(entry, new Set());
  return { script: entry.file, styles: [...styles] };
}

/** Manifest paths are `assets/<name>`; the page links them relative to itself. */
const assetUrl = (file: string) => ASSETS_PATH + escapeHtml(file.replace(/^assets\//, ''));

function page(entry: Entry, settings: PlaygroundSettings): string {
  // JSON inside <script>: "<" escaped so no value can close the element.
  const data = JSON.stringify(settings).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(settings.title)} · GraphiQL</title>
<link rel="icon" href="data:,">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
${entry.styles.map((file) => `<link rel="stylesheet" href="${assetUrl(file)}">`).join('\n')}
<script id="tessera-playground" type="application/json">${data}</script>
<script type="module" src="${assetUrl(entry.script)}"></script>
</head>
<body><div id="graphiql"></div></body>
</html>
`;
}

function notBuiltPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Tessera · playground not built</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>The playground is not built</h1>
<p>Tessera serves GraphiQL from files built on this machine (no CDN), and they are missing.
Build them in Tessera's directory, then reload this page (no restart needed):</p>
<pre>npm run build:playground</pre>
<p><code>npm install</code> builds them too. Meanwhile the API answers at <code>POST /graphql</code>.</p>
</body>
</html>
`;
}

const json = (headers: Record<string, string>) => JSON.stringify(headers, null, 2);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Whether the bundle is built (for the start banner). */
export function isPlaygroundBuilt(assetsDir = defaultPlaygroundAssetsDir): boolean {
  return existsSync(path.join(assetsDir, '.vite', 'manifest.json'));
}
