import { GRAPHQL_ENDPOINT, handleGraphql } from './graphql/handler.ts';
import { handleDocs } from './docs/playground.ts';
import { handleTrpc, TRPC_ENDPOINT, type HttpApiOptions, type RequestSession } from './http.ts';
import { handleRest, REST_BASE } from './rest/handler.ts';
export { RESPONSE_SCHEMAS } from './rest/responses.ts';
export { REST_ROUTES } from './rest/routes.ts';

export { GRAPHQL_ENDPOINT, REST_BASE, TRPC_ENDPOINT, handleDocs, handleGraphql, handleRest };

const under = (pathname: string, base: string) => pathname === base || pathname.startsWith(`${base}/`);

/**
 * The API's doors, for any host: tRPC under /api/trpc, REST under /api/v1 (described at /api/openapi.json and tried
 * at /api/docs) and GraphQL at /api/graphql. Null for a path that is none of them.
 */
export function handleApiRequest(opts: HttpApiOptions, req: Request, clientAddress: string, known?: RequestSession): Promise<Response> | Response | null {
  const { pathname } = new URL(req.url);
  if (under(pathname, TRPC_ENDPOINT)) return handleTrpc(opts, req, clientAddress, known);
  if (under(pathname, REST_BASE)) return handleRest(opts, req, clientAddress, known);
  if (pathname === GRAPHQL_ENDPOINT) return handleGraphql(opts, req, clientAddress, known);
  return handleDocs(req);
}
