import { invalidateAll } from '$app/navigation';
import { navigating } from '$app/state';
import { stayCurrent, trpc, type LiveMessage } from './trpc';

/**
 * Loads the page's data again, unless the person is already on the way to another page: a reload of the current
 * page would take the place of that navigation (the one they clicked), and the page they go to loads fresh anyway.
 */
export function reloadUnlessLeaving(reload: () => Promise<unknown> = invalidateAll): void {
  if (!navigating.to) void reload();
}

/**
 * Makes a page follow a live stream: its data is loaded again on every event (and once on reconnecting, to catch up
 * on what passed while the stream was down). `connected` is false while the stream is down.
 */
export function followLive(subscribe: Parameters<typeof stayCurrent>[0] | null, refresh: (message?: LiveMessage) => void = () => reloadUnlessLeaving()) {
  const live = $state({ connected: true });
  $effect(() => {
    if (!subscribe) return;
    return stayCurrent(subscribe, refresh, (up) => (live.connected = up));
  });
  return live;
}

type MineListener = (message?: LiveMessage) => void;
const mineListeners = new Set<MineListener>();
const mine = $state({ connected: true });
let stopMine: (() => void) | null = null;

/** Joins the tab's one `live.mine` stream (opened by the first to join, closed when the last leaves). */
function joinMine(listener: MineListener): () => void {
  mineListeners.add(listener);
  stopMine ??= stayCurrent(
    (handlers) => trpc.live.mine.subscribe(undefined, handlers),
    (message) => mineListeners.forEach((each) => each(message)),
    (up) => (mine.connected = up),
  );
  return () => {
    mineListeners.delete(listener);
    if (mineListeners.size === 0) {
      stopMine?.();
      stopMine = null;
    }
  };
}

/**
 * Follows the signed-in person's own events (`live.mine`) over the one stream the tab shares between the page and
 * the notification bell, so a page that follows them opens no second connection.
 */
export function followMine(refresh: MineListener = () => reloadUnlessLeaving()) {
  $effect(() => joinMine(refresh));
  return mine;
}
