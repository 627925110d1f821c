import type { AppRouter } from '@carparts/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';

/** The browser's client for interactive parts; same-origin, so the session cookie rides along. */
export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: 10 })],
});
