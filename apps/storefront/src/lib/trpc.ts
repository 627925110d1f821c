import type { AppRouter } from '@carparts/api';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import superjson from 'superjson';

/**
 * The browser's client for interactive parts; same-origin, so the session cookie rides along. Live updates come
 * over Server-Sent Events, and a dropped stream reconnects by itself, resuming after the last event it had.
 */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/api/trpc', transformer: superjson }),
      false: httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: 10 }),
    }),
  ],
});

/**
 * Keeps a page current: runs `refresh` on every event of a subscription, and says through `onConnected` whether the
 * stream is up (a page shows a discreet notice while it is not, and refreshes once on reconnecting to catch up).
 * Returns the function that ends the subscription.
 */
export function stayCurrent(
  subscribe: (handlers: { onData: () => void; onConnectionStateChange: (state: { state: string }) => void; onError: () => void }) => { unsubscribe: () => void },
  refresh: () => void,
  onConnected: (connected: boolean) => void,
): () => void {
  let wasDown = false;
  const { unsubscribe } = subscribe({
    onData: refresh,
    onError: () => onConnected(false),
    onConnectionStateChange: ({ state }) => {
      const up = state === 'pending';
      onConnected(up || state === 'idle');
      if (!up && state === 'connecting') wasDown = true;
      if (up && wasDown) {
        wasDown = false;
        refresh();
      }
    },
  });
  return unsubscribe;
}
