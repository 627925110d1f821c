import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { REST_BASE } from '../endpoints.ts';
import { objectShape } from '../schema-shape.ts';
import { RESPONSE_SCHEMAS, problemSchema } from './responses.ts';
import { procedureInput, REST_ROUTES, type RestRoute } from './routes.ts';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

const FAILURES = {
  '400': problem('The input is not valid: `detail` says why and `fieldErrors` names each field at fault'),
  '401': problem('No valid session: sign in and send `Authorization: Bearer <token>`'),
  '403': problem('Signed in, but this account may not do this'),
  '404': problem('Not found, or not yours to see'),
  '409': problem('The thing changed meanwhile: reserved by someone else, edited since you read it, or done already'),
  '412': problem('Not possible in its present state (a rating before the sale completed, for example)'),
  '413': problem('The body is too large (a photo may be at most 8 MB)'),
  '429': problem('Too many attempts: wait and try again'),
} as const;

function operation(route: RestRoute): ZodOpenApiOperationObject {
  const input = procedureInput(route.procedure);
  const shape = objectShape(input) ?? {};
  const params = [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
  const pathShape = Object.fromEntries(
    params.map((name) => [name, z.string().meta({ description: name === 'stockNumber' ? 'Your own stock number for the part' : `The ${name === 'id' ? 'listing or vehicle' : name.replace(/Id$/, '')} id` })]),
  );
  const fixed = new Set(Object.keys(route.fixed ?? {}));
  const rest = Object.fromEntries(Object.entries(shape).filter(([name]) => !params.includes(name) && !fixed.has(name)));
  const restSchema = z.object(rest as z.ZodRawShape);
  const exampled = route.example ? restSchema.meta({ example: route.example }) : restSchema;

  const op: ZodOpenApiOperationObject = {
    operationId: `${route.procedure.replace('.', '_')}${route.variant ? `_${route.variant}` : ''}`,
    summary: route.summary,
    description: [route.description, `The same operation as the tRPC procedure \`${route.procedure}\`.`].filter(Boolean).join('\n\n'),
    tags: [route.tag],
    security: route.open ? [{}, { bearer: [] }] : [{ bearer: [] }],
    requestParams: {
      ...(params.length ? { path: z.object(pathShape) } : {}),
      ...(route.stream ? { header: z.object({ 'last-event-id': z.string().optional().meta({ description: 'The id of the last event received: the stream resumes after it' }) }) } : {}),
    },
    responses: {
      [String(route.status ?? 200)]: {
        description: route.status === 201 ? 'Created' : 'OK',
        content: route.stream
          ? { 'text/event-stream': { schema: z.string().meta({ description: 'Server-Sent Events: `id: <event id>` and `data: {"id","type","at","data"}` per event' }) } }
          : { 'application/json': { schema: RESPONSE_SCHEMAS[route.procedure] ?? z.unknown().meta({ description: 'The answer of the procedure, as plain JSON' }) } },
      },
      ...FAILURES,
    },
  };
  if (route.multipart) {
    op.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            file: z.string().meta({ format: 'binary', description: 'JPEG, PNG or WebP, at most 8 MB and 40 megapixels' }),
            caption: z.string().max(200).optional(),
            angle: shape.angle ? (shape.angle as z.ZodType) : z.string().optional(),
            isPrimary: z.enum(['true', 'false']).optional(),
          }),
        },
      },
    };
  } else if (route.method === 'GET' || route.method === 'DELETE') {
    // nested filters travel as `fitFor[vehicleMake]=VW`, the way the handler reads them
    const query = Object.fromEntries(
      Object.entries(rest).map(([name, schema]) => [name, objectShape(schema as z.core.$ZodType) ? (schema as z.ZodType).meta({ param: { style: 'deepObject', explode: true } }) : schema]),
    );
    if (Object.keys(query).length) op.requestParams = { ...op.requestParams, query: z.object(query as z.ZodRawShape).meta(route.example ? { example: route.example } : {}) };
  } else if (input && Object.keys(rest).length) {
    op.requestBody = { required: Object.values(rest).some((s) => !(s as z.ZodType).safeParse(undefined).success), content: { 'application/json': { schema: exampled } } };
  }
  return op;
}

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of the REST operations, generated from the route table and the procedures' own schemas. */
export function openApiDocument(): ReturnType<typeof createDocument> {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const route of REST_ROUTES) {
    const path = `${REST_BASE}${route.path}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  cached = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Car Parts Marketplace API',
      version: '1',
      description: [
        'Second-hand car parts: search by vehicle, check fitment, ask, reserve, buy and rate. The same operations are',
        'available over tRPC (`/api/trpc`, the typed client) and GraphQL (`/api/graphql`), under the same rules.',
        '',
        'Sign in with `POST /api/v1/auth/sign-in` and send the `token` it returns as `Authorization: Bearer <token>`.',
        'Money is integer minor units with an ISO 4217 `currency` (12500 USD is $125.00); times are ISO 8601.',
        'Every list answers `{ items, nextCursor }`: pass `nextCursor` back as `cursor` for the next page (null at the end).',
        'Failures are `application/problem+json` with the HTTP status, a `code`, a readable `detail` and `fieldErrors`.',
      ].join('\n'),
    },
    servers: [{ url: '/', description: 'This server' }],
    tags: [...new Set(REST_ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The `token` from sign-in or sign-up' } } },
  });
  return cached;
}
