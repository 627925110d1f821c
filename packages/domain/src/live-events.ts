import { canSeeListing, PUBLIC_STATUSES, type ListingStatus, type ListingViewer, type VisibleListingFacts } from './listing-status.ts';

/** The streams a client may subscribe to: one listing's page, one's own records, the operators' queues. */
export type LiveChannel = { kind: 'listing'; listingId: string } | { kind: 'listings'; listingIds: ReadonlySet<string> } | { kind: 'mine' } | { kind: 'console' };

/** An outbox event as the delivery rule sees it, with its listing's visibility facts as they are at delivery. */
export interface LiveEventFacts {
  type: string;
  listingId: string | null;
  buyerId: string | null;
  sellerId: string | null;
  /** The one person a personal event is for (a notification), who is no party to a listing. */
  recipientId: string | null;
  data: Record<string, unknown>;
  /** The listing as it is now (null when the event names none, or it is gone). */
  listing: VisibleListingFacts | null;
}

const isParty = (event: LiveEventFacts, viewer: ListingViewer | null) => !!viewer && (viewer.id === event.buyerId || viewer.id === event.sellerId);
const isFor = (event: LiveEventFacts, viewer: ListingViewer | null) => !!viewer && (event.recipientId === null ? isParty(event, viewer) : viewer.id === event.recipientId);

/** The change that took a public listing out of sight: the public is told it went, and hears nothing after. */
const leftPublicView = (event: LiveEventFacts) =>
  event.type === 'listing.status_changed' && PUBLIC_STATUSES.includes(event.data.from as ListingStatus) && !!event.listing && !event.listing.sellerSuspended;

/**
 * Whether a subscriber receives an event, decided for every event at delivery (never only when subscribing), with
 * the rules of the queries: a listing's stream carries what its page shows to that viewer (its changes for everyone
 * who may see it, a purchase or question on it to their two parties); one's own stream carries the events one is a
 * party to; the console's stream is for operators.
 */
export function mayReceive(event: LiveEventFacts, viewer: ListingViewer | null, channel: LiveChannel): boolean {
  switch (channel.kind) {
    case 'console':
      // everything that changed in the marketplace, but not one person's notifications
      return viewer?.role === 'operator' && event.recipientId === null;
    case 'mine':
      return isFor(event, viewer);
    case 'listings':
      // a page of results: each card's own changes, as its listing's page would get them
      return !!event.listingId && channel.listingIds.has(event.listingId) && event.type.startsWith('listing.') && mayReceive(event, viewer, { kind: 'listing', listingId: event.listingId });
    case 'listing': {
      if (event.listingId !== channel.listingId) return false;
      if (viewer?.role === 'operator') return true;
      if (!event.type.startsWith('listing.')) return isParty(event, viewer) && !!event.listing && canSeeListing(event.listing, viewer);
      return (!!event.listing && canSeeListing(event.listing, viewer)) || leftPublicView(event);
    }
  }
}
