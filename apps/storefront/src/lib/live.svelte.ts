import { invalidateAll } from '$app/navigation';
import { stayCurrent, type LiveMessage } from './trpc';

/**
 * Makes a page follow a live stream: its data is loaded again on every event (and once on reconnecting, to catch up
 * on what passed while the stream was down). `connected` is false while the stream is down.
 */
export function followLive(subscribe: Parameters<typeof stayCurrent>[0] | null, refresh: (message?: LiveMessage) => void = () => void invalidateAll()) {
  const live = $state({ connected: true });
  $effect(() => {
    if (!subscribe) return;
    return stayCurrent(subscribe, refresh, (up) => (live.connected = up));
  });
  return live;
}
