import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { openApiDocument } from '../rest/openapi.ts';

export const DOCS_PATH = '/api/docs';
export const OPENAPI_PATH = '/api/openapi.json';

const BASE_CSP = ["default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"];
const PAGE_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin', 'x-frame-options': 'DENY', 'cache-control': 'no-cache' };

/** The interactive reference loads Swagger UI from the installed package: no script from elsewhere, none inline. */
const SWAGGER_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

const swaggerDir = () => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assetCache = new Map<string, Uint8Array>();

/** Starts Swagger UI on our document, and lets a person sign in: the token it gets authorizes every "Try it out". */
const START_SCRIPT = `
const ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_PATH)},
  dom_id: '#reference',
  deepLinking: true,
  tryItOutEnabled: true,
  persistAuthorization: false,
  displayRequestDuration: true,
  defaultModelsExpandDepth: 0,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'BaseLayout',
});
const form = document.getElementById('sign-in');
const status = document.getElementById('sign-in-status');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  status.textContent = 'Signing in…';
  const response = await fetch('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: data.get('username'), password: data.get('password') }),
  });
  const body = await response.json();
  if (!response.ok) {
    status.textContent = body.detail || 'Could not sign in';
    return;
  }
  ui.authActions.authorize({ bearer: { name: 'bearer', schema: { type: 'http', scheme: 'bearer' }, value: body.token } });
  form.elements.password.value = '';
  status.textContent = 'Signed in as ' + body.user.username + ': every call below now carries your token.';
});
`;

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Car Parts Marketplace API</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
  <style>
    body { margin: 0; font-family: system-ui, sans-serif; }
    .sign-in { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; padding: 1rem 1.25rem; background: #f4f6f8; border-bottom: 1px solid #d8dee4; }
    .sign-in label { display: grid; gap: .25rem; font-size: .875rem; }
    .sign-in input { font: inherit; padding: .4rem .5rem; min-width: 12rem; }
    .sign-in button { font: inherit; padding: .45rem 1rem; }
    .sign-in p { flex-basis: 100%; margin: 0; font-size: .875rem; }
    .links { padding: .5rem 1.25rem; font-size: .875rem; }
  </style>
</head>
<body>
  <form id="sign-in" class="sign-in" aria-label="Sign in to try calls as yourself">
    <label>Username <input name="username" autocomplete="username" required></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in to try calls</button>
    <p id="sign-in-status" role="status">Or paste a token under “Authorize”.</p>
  </form>
  <p class="links">Also: <a href="/api/graphql">GraphQL (GraphiQL)</a> · <a href="${OPENAPI_PATH}">OpenAPI document</a> · <a href="/">Storefront</a></p>
  <div id="reference"></div>
  <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
  <script src="${DOCS_PATH}/swagger-ui-standalone-preset.js"></script>
  <script src="${DOCS_PATH}/start.js"></script>
</body>
</html>`;

const text = (body: string | Uint8Array, type: string, extra: Record<string, string> = {}) =>
  new Response(body as BodyInit, { headers: { 'content-type': type, 'x-content-type-options': 'nosniff', ...extra } });

/** `/api/docs` and its assets, and `/api/openapi.json`; null for any other path. */
export function handleDocs(req: Request): Response | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const { pathname } = new URL(req.url);
  if (pathname === OPENAPI_PATH) return text(JSON.stringify(openApiDocument()), 'application/json', { 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
  if (pathname === DOCS_PATH || pathname === `${DOCS_PATH}/`) {
    return new Response(DOCS_PAGE, { headers: { ...PAGE_HEADERS, 'content-security-policy': [...BASE_CSP, "script-src 'self'"].join('; ') } });
  }
  if (!pathname.startsWith(`${DOCS_PATH}/`)) return null;
  const name = pathname.slice(DOCS_PATH.length + 1);
  if (name === 'start.js') return text(START_SCRIPT, 'text/javascript; charset=utf-8', { 'cache-control': 'no-cache' });
  const type = SWAGGER_ASSETS[name];
  if (!type) return null;
  let body = assetCache.get(name);
  if (!body) assetCache.set(name, (body = new Uint8Array(readFileSync(join(swaggerDir(), name)))));
  return text(body, type, { 'cache-control': 'public, max-age=3600' });
}

let graphiql: { html: string; csp: string } | undefined;

/**
 * GraphiQL from the installed package. Its page is one inline script (the editor and its workers, which it starts
 * from blob: URLs), so the policy allows exactly that script by its hash and nothing else.
 */
export function graphiqlPage(endpoint: string): Response {
  if (!graphiql) {
    const html = renderGraphiQL({
      title: 'Car Parts Marketplace GraphQL',
      endpoint,
      headers: JSON.stringify({ Authorization: 'Bearer <token from the signIn mutation>' }, null, 2),
      defaultQuery: [
        '# Sign in with the signIn mutation, put its token in the Authorization header below, then ask away.',
        '{',
        '  listings(where: { make: "VW", model: "Golf" }, first: 5) {',
        '    edges { node { id title priceCents currency seller { displayName ratingSummary { average count } } } }',
        '    pageInfo { hasNextPage endCursor }',
        '  }',
        '}',
      ].join('\n'),
    });
    const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    graphiql = { html, csp: [...BASE_CSP, `script-src ${hashes.join(' ')}`, 'worker-src blob:'].join('; ') };
  }
  return new Response(graphiql.html, { headers: { ...PAGE_HEADERS, 'content-security-policy': graphiql.csp } });
}
