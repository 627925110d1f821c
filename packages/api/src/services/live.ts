import { events, partListings, readerOf, users, type Db } from '@carparts/db';
import { mayReceive, type ListingStatus, type ListingViewer, type LiveChannel, type LiveEventFacts } from '@carparts/domain';
import { and, asc, eq, gt, lte, max } from 'drizzle-orm';

/** What a subscriber receives: the event's id (to resume from), its type, when, and the objects it names by id. */
export interface LiveEvent {
  id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

type TailedEvent = LiveEventFacts & { id: number; at: Date };

/** How often a process reads the outbox while anyone is subscribed to it. */
export const TAIL_INTERVAL_MS = 100;
/** Events one read takes; a burst larger than this is read over several ticks, in order. */
const TAIL_BATCH = 500;
/** Events a reconnecting client is sent from before it connected; older ones it must reload instead. */
const REPLAY_LIMIT = 1000;
/** Events waiting for a subscriber that does not read: past this the stream ends, so memory stays bounded. */
export const MAX_PENDING_EVENTS = 1000;

async function readEvents(db: Db, after: number, upTo: number | null, limit: number): Promise<TailedEvent[]> {
  const reader = readerOf(db);
  const rows = await reader
    .select({
      id: events.id,
      type: events.type,
      at: events.at,
      listingId: events.listingId,
      buyerId: events.buyerId,
      sellerId: events.sellerId,
      recipientId: events.recipientId,
      data: events.data,
      listingStatus: partListings.status,
      listingSeller: partListings.sellerId,
      sellerStatus: users.status,
    })
    .from(events)
    .leftJoin(partListings, eq(partListings.id, events.listingId))
    .leftJoin(users, eq(users.id, partListings.sellerId))
    .where(and(gt(events.id, after), upTo === null ? undefined : lte(events.id, upTo)))
    .orderBy(asc(events.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    at: row.at,
    listingId: row.listingId,
    buyerId: row.buyerId,
    sellerId: row.sellerId,
    recipientId: row.recipientId,
    data: row.data,
    listing: row.listingStatus && row.listingSeller ? { status: row.listingStatus as ListingStatus, sellerId: row.listingSeller, sellerSuspended: row.sellerStatus === 'suspended' } : null,
  }));
}

async function latestEventId(db: Db): Promise<number> {
  const [row] = await readerOf(db).select({ id: max(events.id) }).from(events);
  return row?.id ?? 0;
}

type Listener = (batch: TailedEvent[]) => void;

/**
 * One per process and database: reads the outbox every {@link TAIL_INTERVAL_MS} while anyone listens and hands each
 * new batch, in id order, to every listener. Every process tails the same table, so an event written by any process
 * reaches the subscribers of all of them.
 */
class OutboxTail {
  lastId = 0;
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private ready: Promise<void> | undefined;
  private reading = false;

  constructor(private readonly db: Db) {}

  async listen(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    if (!this.timer) {
      // nobody listened for a while: start from the outbox's end, not from where the last listener left
      this.ready = latestEventId(this.db).then((id) => {
        this.lastId = Math.max(this.lastId, id);
      });
      this.timer = setInterval(() => void this.read(), TAIL_INTERVAL_MS);
      this.timer.unref();
    }
    await this.ready;
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private async read() {
    if (this.reading) return;
    this.reading = true;
    try {
      for (;;) {
        const batch = await readEvents(this.db, this.lastId, null, TAIL_BATCH);
        if (batch.length === 0) return;
        this.lastId = batch.at(-1)!.id;
        for (const listener of this.listeners) listener(batch);
        if (batch.length < TAIL_BATCH) return;
      }
    } finally {
      this.reading = false;
    }
  }
}

const tails = new WeakMap<Db, OutboxTail>();
const tailOf = (db: Db) => {
  let tail = tails.get(db);
  if (!tail) tails.set(db, (tail = new OutboxTail(db)));
  return tail;
};

const toLiveEvent = (event: TailedEvent): LiveEvent => ({ id: String(event.id), type: event.type, at: event.at.toISOString(), data: event.data });

export class SlowSubscriber extends Error {
  constructor() {
    super('The stream fell too far behind and was closed; reconnect to resume');
  }
}

/**
 * The events of one channel for one viewer, from after `lastEventId` (a reconnecting client's last one) or from now:
 * first what it missed, then each new one as it is written, each exactly once and in order, each checked with
 * {@link mayReceive} at delivery. `stillAllowed` is asked between deliveries (a session that ended closes the stream).
 */
export async function* liveEvents(
  db: Db,
  viewer: ListingViewer | null,
  channel: LiveChannel,
  options: { lastEventId?: string | null; signal?: AbortSignal; stillAllowed?: () => Promise<boolean> },
): AsyncGenerator<LiveEvent> {
  const tail = tailOf(db);
  const pending: TailedEvent[] = [];
  let wake: (() => void) | undefined;
  let overflow = false;
  const stop = await tail.listen((batch) => {
    for (const event of batch) if (mayReceive(event, viewer, channel)) pending.push(event);
    if (pending.length > MAX_PENDING_EVENTS) overflow = true;
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
  try {
    // "now" is the outbox's end as the database has it; the tail may not have read that far yet
    const upTo = Math.max(tail.lastId, await latestEventId(db));
    let delivered = Number(options.lastEventId ?? upTo);
    // a client may resume here from another process that had read further: nothing up to its id is sent again
    if (!Number.isSafeInteger(delivered) || delivered < 0) delivered = upTo;
    if (delivered < upTo) {
      for (const event of await readEvents(db, delivered, upTo, REPLAY_LIMIT)) {
        delivered = event.id;
        if (mayReceive(event, viewer, channel)) yield toLiveEvent(event);
      }
    }
    while (!options.signal?.aborted) {
      if (overflow) throw new SlowSubscriber();
      const next = pending.shift();
      if (!next) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = undefined;
        if (options.stillAllowed && !(await options.stillAllowed())) return;
        continue;
      }
      if (next.id <= delivered) continue;
      delivered = next.id;
      yield toLiveEvent(next);
    }
  } finally {
    stop();
  }
}

/** Drops events older than `keepMs`; subscribers further behind than that reload instead of resuming. */
export async function pruneEvents(db: Db, now: Date, keepMs: number): Promise<number> {
  const result = await db.delete(events).where(lte(events.at, new Date(now.getTime() - keepMs)));
  return result.rowsAffected;
}
