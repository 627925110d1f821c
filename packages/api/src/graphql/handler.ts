import { LIMITS } from '@carparts/domain';
import { createYoga } from 'graphql-yoga';
import type { ApiContext } from '../context.ts';
import { graphiqlPage } from '../docs/playground.ts';
import { GRAPHQL_ENDPOINT } from '../endpoints.ts';
import { contextFromRequest, type HttpApiOptions, type RequestSession } from '../http.ts';
import { graphqlContext } from './context.ts';
import { useGraphqlLimits } from './limits.ts';
import { graphqlSchema } from './schema.ts';

export { GRAPHQL_ENDPOINT };

const yoga = createYoga<{ api: ApiContext }>({
  schema: graphqlSchema,
  graphqlEndpoint: GRAPHQL_ENDPOINT,
  // a batch is at most as many operations as a tRPC batch is calls
  batching: { limit: LIMITS.batchSize },
  graphiql: false,
  landingPage: false,
  logging: false,
  // parsed documents are reused; their validation is not, since the limits depend on each request's variables
  parserAndValidationCache: { validationCache: false },
  plugins: [useGraphqlLimits()],
  context: ({ api }) => graphqlContext(api),
});

const wantsPage = (req: Request) => req.method === 'GET' && (req.headers.get('accept') ?? '').includes('text/html') && !new URL(req.url).searchParams.has('query');

/**
 * `/api/graphql`: GraphiQL for a person's browser, the GraphQL API for everything else. The session comes from the
 * same Bearer token or cookie as on the other doors, and every field runs through the router's procedures.
 */
export async function handleGraphql(opts: HttpApiOptions, req: Request, clientAddress: string, known?: RequestSession): Promise<Response> {
  if (wantsPage(req)) return graphiqlPage(GRAPHQL_ENDPOINT);
  const resHeaders = new Headers();
  const api = await contextFromRequest(opts, req, resHeaders, clientAddress, known);
  const response = await yoga.fetch(req, { api });
  const headers = new Headers(response.headers);
  headers.set('cache-control', 'no-store');
  headers.set('x-content-type-options', 'nosniff');
  for (const cookie of resHeaders.getSetCookie()) headers.append('set-cookie', cookie);
  return new Response(response.body, { status: response.status, headers });
}
