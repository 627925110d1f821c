import type { SessionUser } from '@carparts/auth';
import { consumeRateLimit } from '@carparts/auth';
import { inquiries, inquiryReplies, partListings, users, type Db, type DbOrTx } from '@carparts/db';
import {
  DomainError,
  LIMITS,
  canReadInquiry,
  closes,
  inquiryParty,
  statusAfterMessage,
  type InquiryStatus,
} from '@carparts/domain';
import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import { recordAudit, type OperatorCtx } from './audit.ts';
import { alias } from 'drizzle-orm/sqlite-core';
import { visibleListing } from './listing-rows.ts';
import { timeOrdered, toPage } from './paging.ts';

type Actor = Pick<SessionUser, 'id' | 'role'>;
type InquiryRow = typeof inquiries.$inferSelect;

export async function askSeller(db: Db, buyer: Actor, listingId: string, message: string, now: Date) {
  const listing = await visibleListing(db, listingId, buyer);
  if (listing.sellerId === buyer.id) throw new DomainError('FORBIDDEN', 'You cannot ask about your own listing');
  if (listing.status === 'sold') throw new DomainError('PRECONDITION_FAILED', 'This part has been sold');
  const allowed = await consumeRateLimit(db, `inquiries:create:${buyer.id}`, { limit: LIMITS.inquiriesPerBuyerPerHour, windowMs: 3_600_000 }, now);
  if (!allowed) throw new DomainError('TOO_MANY_REQUESTS', `At most ${LIMITS.inquiriesPerBuyerPerHour} questions an hour; try again later`);
  const [row] = await db
    .insert(inquiries)
    .values({ buyerId: buyer.id, sellerId: listing.sellerId, partListingId: listing.id, message, status: 'open', createdAt: now, updatedAt: now })
    .returning();
  return inquiryView(row!);
}

/** An inquiry the actor may read: its buyer, its seller, or an operator. Anyone else gets NOT_FOUND. */
export async function readableInquiry(db: DbOrTx, actor: Actor, inquiryId: string): Promise<InquiryRow> {
  const row = await db.query.inquiries.findFirst({ where: eq(inquiries.id, inquiryId) });
  if (!row || !canReadInquiry(row, actor)) throw new DomainError('NOT_FOUND', 'Inquiry not found');
  return row;
}

/** A conversation the actor takes part in, and as which party; operators read but do not write in others' threads. */
async function ownInquiry(db: DbOrTx, actor: Actor, inquiryId: string) {
  const row = await db.query.inquiries.findFirst({ where: eq(inquiries.id, inquiryId) });
  const party = row && inquiryParty(row, actor.id);
  if (!row || !party) throw new DomainError('NOT_FOUND', 'Inquiry not found');
  return { inquiry: row, party };
}

/** A message by one of the two parties; the status follows the domain's rule (see statusAfterMessage). */
export async function replyToInquiry(db: Db, actor: Actor, inquiryId: string, message: string, now: Date) {
  const allowed = await consumeRateLimit(db, `inquiries:reply:${actor.id}`, { limit: LIMITS.inquiryRepliesPerUserPerHour, windowMs: 3_600_000 }, now);
  if (!allowed) throw new DomainError('TOO_MANY_REQUESTS', `At most ${LIMITS.inquiryRepliesPerUserPerHour} messages an hour; try again later`);
  return db.transaction(async (tx) => {
    const { inquiry, party } = await ownInquiry(tx, actor, inquiryId);
    const status = statusAfterMessage(inquiry.status, party);
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(inquiryReplies).where(eq(inquiryReplies.inquiryId, inquiryId));
    // the question itself is the first message of the conversation
    if (n + 1 >= LIMITS.messagesPerInquiry) {
      throw new DomainError('PRECONDITION_FAILED', `This conversation has reached ${LIMITS.messagesPerInquiry} messages; ask a new question to go on`);
    }
    const [reply] = await tx.insert(inquiryReplies).values({ inquiryId, authorId: actor.id, message, createdAt: now, updatedAt: now }).returning();
    const [row] = await tx
      .update(inquiries)
      .set({ status, firstRepliedAt: party === 'seller' ? (inquiry.firstRepliedAt ?? now) : inquiry.firstRepliedAt, updatedAt: now })
      .where(and(eq(inquiries.id, inquiryId), eq(inquiries.status, inquiry.status)))
      .returning();
    if (!row) throw new DomainError('CONFLICT', 'The inquiry changed meanwhile; reload and try again');
    return { inquiry: inquiryView(row), reply: { id: reply!.id, authorId: actor.id, message, createdAt: now } };
  });
}

/** Closes a conversation (closing a closed one changes nothing); returns the row and whether it changed. */
async function close(tx: DbOrTx, inquiry: InquiryRow, by: string, reason: string | null, now: Date) {
  if (!closes(inquiry.status)) return { row: inquiry, changed: false };
  const [row] = await tx
    .update(inquiries)
    .set({ status: 'closed', closedAt: now, closedBy: by, closeReason: reason, updatedAt: now })
    .where(and(eq(inquiries.id, inquiry.id), eq(inquiries.status, inquiry.status)))
    .returning();
  if (!row) throw new DomainError('CONFLICT', 'The inquiry changed meanwhile; reload and try again');
  return { row, changed: true };
}

/** Either party closes their conversation. */
export async function closeInquiry(db: Db, actor: Actor, inquiryId: string, now: Date) {
  return db.transaction(async (tx) => {
    const { inquiry } = await ownInquiry(tx, actor, inquiryId);
    return inquiryView((await close(tx, inquiry, actor.id, null, now)).row);
  });
}

/** An operator closes any conversation, with a reason; audited in the same transaction when it changed anything. */
export async function closeInquiryAsOperator(ctx: OperatorCtx, inquiryId: string, reason: string) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const inquiry = await readableInquiry(tx, ctx.user, inquiryId);
    const { row, changed } = await close(tx, inquiry, ctx.user.id, reason, now);
    if (changed) {
      await recordAudit(tx, ctx, { action: 'inquiry.close', targetType: 'inquiry', targetId: inquiryId, reason, before: { status: inquiry.status }, after: { status: 'closed' } });
    }
    return { id: row.id, status: row.status };
  });
}

export function inquiryView(r: InquiryRow) {
  return {
    id: r.id,
    listingId: r.partListingId,
    buyerId: r.buyerId,
    sellerId: r.sellerId,
    message: r.message,
    status: r.status,
    firstRepliedAt: r.firstRepliedAt,
    closedAt: r.closedAt,
    closeReason: r.closeReason,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const buyer = alias(users, 'buyer');
const seller = alias(users, 'seller');

/** Threads with their replies, names of both parties and the listing title, newest activity first. */
export async function inquiryThreads(
  db: DbOrTx,
  where: { inquiryId?: string; buyerId?: string; sellerId?: string; status?: InquiryStatus; listingId?: string; olderThan?: Date },
  input: { sort?: 'newest' | 'oldest'; cursor?: string; limit: number },
) {
  const paging = timeOrdered(inquiries.updatedAt, inquiries.id, input.cursor, input.sort);
  const rows = await db
    .select({
      inquiry: inquiries,
      buyerName: buyer.displayName,
      sellerName: seller.displayName,
      listingTitle: partListings.title,
    })
    .from(inquiries)
    .innerJoin(buyer, eq(buyer.id, inquiries.buyerId))
    .innerJoin(seller, eq(seller.id, inquiries.sellerId))
    .innerJoin(partListings, eq(partListings.id, inquiries.partListingId))
    .where(
      and(
        where.inquiryId ? eq(inquiries.id, where.inquiryId) : undefined,
        where.buyerId ? eq(inquiries.buyerId, where.buyerId) : undefined,
        where.sellerId ? eq(inquiries.sellerId, where.sellerId) : undefined,
        where.status ? eq(inquiries.status, where.status) : undefined,
        where.listingId ? eq(inquiries.partListingId, where.listingId) : undefined,
        where.olderThan ? lte(inquiries.createdAt, where.olderThan) : undefined,
        paging.after,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.inquiry.updatedAt, id: r.inquiry.id }), paging.order);
  const ids = page.items.map((r) => r.inquiry.id);
  // the latest few replies of each thread, and how many there are in all: one query, however long the threads
  const latest = db
    .select({
      id: inquiryReplies.id,
      inquiryId: inquiryReplies.inquiryId,
      authorId: inquiryReplies.authorId,
      message: inquiryReplies.message,
      createdAt: inquiryReplies.createdAt,
      seq: sql<number>`row_number() OVER (PARTITION BY ${inquiryReplies.inquiryId} ORDER BY ${inquiryReplies.createdAt} DESC, ${inquiryReplies.id} DESC)`.as('seq'),
      total: sql<number>`count(*) OVER (PARTITION BY ${inquiryReplies.inquiryId})`.as('total'),
    })
    .from(inquiryReplies)
    .where(inArray(inquiryReplies.inquiryId, ids))
    .as('latest');
  const replies = ids.length
    ? await db
        .select()
        .from(latest)
        .where(lte(latest.seq, LIMITS.repliesShownPerThread))
        .orderBy(asc(latest.createdAt), asc(latest.id))
    : [];
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => {
      const own = replies.filter((reply) => reply.inquiryId === r.inquiry.id);
      const replyCount = own[0]?.total ?? 0;
      return {
        ...inquiryView(r.inquiry),
        buyerDisplayName: r.buyerName,
        sellerDisplayName: r.sellerName,
        listingTitle: r.listingTitle,
        replyCount,
        /** Replies older than the ones listed here; inquiries.get pages through all of them. */
        earlierReplies: replyCount - own.length,
        replies: own.map(({ inquiryId: _i, seq: _s, total: _t, ...reply }) => reply),
      };
    }),
  };
}

/** One thread with a page of its replies, oldest first. */
export async function inquiryThread(db: DbOrTx, inquiryId: string, input: { cursor?: string; limit: number }) {
  const { items } = await inquiryThreads(db, { inquiryId }, { limit: 1 });
  const thread = items[0];
  if (!thread) throw new DomainError('NOT_FOUND', 'Inquiry not found');
  const paging = timeOrdered(inquiryReplies.createdAt, inquiryReplies.id, input.cursor, 'oldest');
  const rows = await db
    .select({ id: inquiryReplies.id, authorId: inquiryReplies.authorId, message: inquiryReplies.message, createdAt: inquiryReplies.createdAt })
    .from(inquiryReplies)
    .where(and(eq(inquiryReplies.inquiryId, inquiryId), paging.after))
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.createdAt, id: r.id }), paging.order);
  return { ...thread, earlierReplies: 0, replies: page.items, repliesNextCursor: page.nextCursor };
}
