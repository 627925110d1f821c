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

/** One live event as a page receives it: its type and the objects it names by id. */
export interface LiveMessage {
  id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/**
 * Keeps a page current: runs `refresh` on every event of a subscription, and says through `onConnected` whether the
 * stream is up (a page shows a discreet notice while it is not, and refreshes once on reconnecting to catch up).
 * Returns the function that ends the subscription.
 */
export function stayCurrent(
  subscribe: (handlers: { onData: (message: { id: string; data: LiveMessage }) => void; onConnectionStateChange: (state: { state: string }) => void; onError: () => void }) => { unsubscribe: () => void },
  refresh: (message?: LiveMessage) => void,
  onConnected: (connected: boolean) => void,
): () => void {
  // the first connection is not a reconnection: only a stream that was up and dropped has anything to catch up on
  let wasUp = false;
  let wasDown = false;
  const { unsubscribe } = subscribe({
    onData: (message) => refresh(message.data),
    onError: () => onConnected(false),
    onConnectionStateChange: ({ state }) => {
      const up = state === 'pending';
      onConnected(up || state === 'idle' || !wasUp);
      if (state === 'connecting' && wasUp) wasDown = true;
      if (up) {
        wasUp = true;
        if (wasDown) {
          wasDown = false;
          refresh();
        }
      }
    },
  });
  return unsubscribe;
}
