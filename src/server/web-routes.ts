import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build` puts the billing page (vite build web → dist/web). This file sits three
 * levels below the repository both as src/http/routes/web.ts and as dist/http/routes/web.js.
 */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** The page's own paths: the single-page app answers them all with index.html. */
export const PAGE_ROUTES = [
  '/',
  '/signin',
  '/account',
  '/compute',
  '/compute/*',
  '/booth',
  '/booth/*',
] as const;

export interface WebOptions {
  /** The built page (index.html + assets/); DEFAULT_WEB_ROOT when absent. */
  root?: string;
  /** Origins the page may call besides its own (where cards are tokenized), asked per request. */
  connectSources?: () => string[];
}

/**
 * The page's Content-Security-Policy: its own scripts and styles only (Vite emits files, no inline
 * script), calls to itself and to the card processor's tokenization origin (the card number goes
 * there directly, never through our API), no framing, no plugins. React sets styles through the
 * CSSOM, which style-src does not restrict; 'unsafe-inline' for styles covers the few style
 * attributes a library may write.
 */
export function pageContentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Pictor Billing</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Pictor Billing</h1>
<p>The billing page is not built yet. Build it with <code>npm run build</code> (<code>npm start</code>
builds it before serving), then reload this page.</p>
<p>The API works without it: <a href="/docs">API reference</a>, <a href="/openapi.json">OpenAPI document</a>.</p>
</body></html>`;

/**
 * Serves the billing page: hashed assets under /assets/ (cached for a year, immutable), index.html
 * for the page's own routes (never cached, so a rebuild shows at once). API paths (/v1, /docs,
 * /openapi.json, /sandbox, /health) are not page routes: an unknown one stays a problem+json 404.
 * Without a build, `/` says how to build the page instead of answering 404.
 */
export const webRoutes =
  (options: WebOptions = {}): FastifyPluginAsync =>
  async (app) => {
    const root = options.root ?? DEFAULT_WEB_ROOT;
    const index = path.join(root, 'index.html');
    const assets = path.join(root, 'assets');
    if (fs.existsSync(assets)) {
      await app.register(fastifyStatic, {
        root: assets,
        prefix: '/assets/',
        wildcard: true,
        index: false,
        immutable: true,
        maxAge: '365d',
        schemaHide: true,
      });
    }
    for (const url of PAGE_ROUTES) {
      app.get(url, { schema: { hide: true } }, async (_request, reply) => {
        // Read per request: a build made while the server runs is picked up without a restart.
        const html = await fs.promises.readFile(index, 'utf8').catch(() => null);
        return reply
          .code(html === null && url !== '/' ? 404 : 200)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .header('content-security-policy', pageContentSecurityPolicy(options.connectSources?.() ?? []))
          .send(html ?? NOT_BUILT);
      });
    }
  };
