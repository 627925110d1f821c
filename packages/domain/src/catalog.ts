/** The fixed vocabularies of a listing, with the labels people read. */
export const PART_CATEGORIES = {
  engine: 'Engine & parts',
  transmission: 'Transmission & clutch',
  drivetrain: 'Drivetrain & axles',
  brakes: 'Brakes',
  suspension: 'Suspension',
  steering: 'Steering',
  exhaust: 'Exhaust',
  cooling: 'Cooling & radiators',
  fuel_system: 'Fuel system',
  ignition: 'Ignition',
  electrical: 'Electrical & sensors',
  lighting: 'Lights',
  body_panels: 'Body panels',
  glass_mirrors: 'Glass & mirrors',
  interior: 'Interior & seats',
  hvac: 'Heating & A/C',
  audio_navigation: 'Audio & navigation',
  wheels_tires: 'Wheels & tyres',
  other: 'Other',
} as const;
export type PartCategory = keyof typeof PART_CATEGORIES;
export const PART_CATEGORY_CODES = Object.keys(PART_CATEGORIES) as [PartCategory, ...PartCategory[]];

export const CONDITIONS = {
  new: 'New (old stock)',
  refurbished: 'Refurbished',
  used_excellent: 'Used – excellent',
  used_good: 'Used – good',
  used_fair: 'Used – fair',
  for_parts: 'For parts / repair',
} as const;
export type Condition = keyof typeof CONDITIONS;
export const CONDITION_CODES = Object.keys(CONDITIONS) as [Condition, ...Condition[]];

export const PHOTO_ANGLES = ['front', 'rear', 'left', 'right', 'top', 'bottom', 'interior', 'detail', 'label', 'other'] as const;
export type PhotoAngle = (typeof PHOTO_ANGLES)[number];
export const isPhotoAngle = (value: unknown): value is PhotoAngle => PHOTO_ANGLES.includes(value as PhotoAngle);

export const ROLES = ['buyer', 'seller', 'operator'] as const;
export type Role = (typeof ROLES)[number];
export const SELF_SERVICE_ROLES = ['buyer', 'seller'] as const;

export const USER_STATUSES = ['active', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const PURCHASE_STATUSES = ['reserved', 'completed', 'cancelled', 'expired'] as const;
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number];

export const INQUIRY_STATUSES = ['open', 'replied', 'closed'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const LISTING_SORTS = ['newest', 'price_asc', 'price_desc', 'relevance', 'distance'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

const MEBIBYTE = 1024 * 1024;

/** A size as people read it on a form: 8388608 → "8MB". */
export const megabytes = (bytes: number) => `${Math.round((bytes / MEBIBYTE) * 10) / 10}MB`;

/** Hard limits the API enforces (OWASP API4): one place, so tests and the UI read the same numbers. */
export const LIMITS = {
  pageSize: 50,
  defaultPageSize: 20,
  photosPerListing: 12,
  photoBytes: 8 * MEBIBYTE,
  photoMaxPixels: 40_000_000,
  batchSize: 10,
  activeReservationsPerBuyer: 5,
  inquiriesPerBuyerPerHour: 20,
  /** Messages anyone may add to conversations per hour, and the longest a conversation may grow. */
  inquiryRepliesPerUserPerHour: 60,
  messagesPerInquiry: 100,
  /** Replies a list of conversations carries per conversation (the latest); the rest are paged through inquiries.get. */
  repliesShownPerThread: 10,
  listingsPerSellerPerDay: 200,
} as const;
