import { DomainError } from './errors.ts';

export const LISTING_STATUSES = ['active', 'reserved', 'sold', 'withdrawn', 'removed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/**
 * Who moves a listing from one status to another. Reservations and sales move through purchases, not by hand: a
 * purchase reserves, sells, and gives the listing back when it is cancelled or lapses.
 */
export type ListingActor = 'seller' | 'purchase' | 'operator';

const TRANSITIONS: Record<ListingActor, ReadonlyArray<readonly [ListingStatus, ListingStatus]>> = {
  seller: [
    ['active', 'withdrawn'],
    ['withdrawn', 'active'],
  ],
  purchase: [
    ['active', 'reserved'],
    ['reserved', 'active'],
    ['reserved', 'sold'],
  ],
  operator: [
    ['active', 'removed'],
    ['reserved', 'removed'],
    ['withdrawn', 'removed'],
    ['removed', 'active'],
  ],
};

export function canTransition(actor: ListingActor, from: ListingStatus, to: ListingStatus): boolean {
  return TRANSITIONS[actor].some(([a, b]) => a === from && b === to);
}

export function assertTransition(actor: ListingActor, from: ListingStatus, to: ListingStatus): void {
  if (!canTransition(actor, from, to)) {
    throw new DomainError('PRECONDITION_FAILED', `A ${from} listing cannot become ${to}`);
  }
}

/** The statuses in which the seller may still change a listing's fields and photos. */
export const EDITABLE_STATUSES: readonly ListingStatus[] = ['active', 'reserved', 'withdrawn'];

/** Whether the seller may still change the listing's fields and photos; the reason in words when not. */
export function assertEditable(status: ListingStatus): void {
  if (!EDITABLE_STATUSES.includes(status)) throw new DomainError('PRECONDITION_FAILED', `A ${status} listing can no longer be edited`);
}
/** The statuses anyone may see; the rest only the seller and operators. */
export const PUBLIC_STATUSES: readonly ListingStatus[] = ['active', 'reserved', 'sold'];

export interface ListingViewer {
  id: string;
  role: 'buyer' | 'seller' | 'operator';
}

/** What visibility depends on: the listing's status, its seller, and whether that seller is suspended. */
export interface VisibleListingFacts {
  status: ListingStatus;
  sellerId: string;
  sellerSuspended: boolean;
}

export const isListingOwner = (listing: Pick<VisibleListingFacts, 'sellerId'>, viewer: ListingViewer | null) => viewer?.id === listing.sellerId;

/** Whether shoppers (anyone, signed in or not) see the listing: a public status, and a seller who is not suspended. */
export const isPublicListing = (listing: VisibleListingFacts) => PUBLIC_STATUSES.includes(listing.status) && !listing.sellerSuspended;

/** The seller always sees their own listings and operators see every listing; everyone else only public ones. */
export const canSeeListing = (listing: VisibleListingFacts, viewer: ListingViewer | null) =>
  isPublicListing(listing) || isListingOwner(listing, viewer) || viewer?.role === 'operator';

/** Photos follow the listing: they change while its fields may, and never once it is sold or taken down. */
export function assertPhotosEditable(status: ListingStatus): void {
  if (!EDITABLE_STATUSES.includes(status)) throw new DomainError('PRECONDITION_FAILED', `Photos of a ${status} listing cannot be changed`);
}
