import type { AppRouter, RouterInputs, RouterOutputs } from '@carparts/api';
import { createTRPCClient, httpBatchLink, httpLink, isNonJsonSerializable, splitLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';

export type { AppRouter, RouterInputs, RouterOutputs };
export { TRPCClientError };

export interface CarPartsClientOptions {
  /** Where the marketplace is served, e.g. http://localhost:3000. */
  baseUrl: string;
  /** A session token from `auth.signIn({ …, sessionIn: 'token' })`, sent as `Authorization: Bearer`. */
  token?: string | (() => string | undefined);
  fetch?: typeof globalThis.fetch;
  /** Extra headers for every request (an Origin for a browser-like caller, a request id…). */
  headers?: Record<string, string>;
}

/** Calls per HTTP batch; the server refuses batches above this. */
export const MAX_BATCH_ITEMS = 10;

/**
 * The typed client internal tools import. FormData inputs (photo uploads) go unbatched as multipart; everything else
 * is batched as JSON.
 */
export function createCarPartsClient(options: CarPartsClientOptions) {
  const url = `${options.baseUrl.replace(/\/$/, '')}/api/trpc`;
  const headers = () => {
    const token = typeof options.token === 'function' ? options.token() : options.token;
    return { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };
  const shared = { url, headers, fetch: options.fetch };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink({ ...shared, transformer: { serialize: (data) => data, deserialize: (data) => superjson.deserialize(data) } }),
        false: httpBatchLink({ ...shared, transformer: superjson, maxItems: MAX_BATCH_ITEMS }),
      }),
    ],
  });
}

export type CarPartsClient = ReturnType<typeof createCarPartsClient>;

/** Signs in and returns a client that acts as that user. */
export async function signedInClient(options: Omit<CarPartsClientOptions, 'token'>, credentials: { username: string; password: string }) {
  const anonymous = createCarPartsClient(options);
  const { token, user } = await anonymous.auth.signIn.mutate({ ...credentials, sessionIn: 'token' });
  return { client: createCarPartsClient({ ...options, token: token ?? undefined }), user, token: token! };
}
