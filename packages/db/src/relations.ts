import { relations } from 'drizzle-orm';
import { partListings } from './schema/listings.ts';
import { compatibilityLogs, inquiries, inquiryReplies, inventoryPhotos, purchases, sellerRatings } from './schema/trade.ts';
import { sessions, users } from './schema/users.ts';

export const usersRelations = relations(users, ({ many }) => ({
  listings: many(partListings),
  sessions: many(sessions),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const partListingsRelations = relations(partListings, ({ one, many }) => ({
  seller: one(users, { fields: [partListings.sellerId], references: [users.id] }),
  photos: many(inventoryPhotos),
  purchases: many(purchases),
  inquiries: many(inquiries),
  fitmentLogs: many(compatibilityLogs),
  ratings: many(sellerRatings),
}));

export const inventoryPhotosRelations = relations(inventoryPhotos, ({ one }) => ({
  listing: one(partListings, { fields: [inventoryPhotos.partListingId], references: [partListings.id] }),
}));

export const purchasesRelations = relations(purchases, ({ one }) => ({
  listing: one(partListings, { fields: [purchases.partListingId], references: [partListings.id] }),
  buyer: one(users, { fields: [purchases.buyerId], references: [users.id] }),
  seller: one(users, { fields: [purchases.sellerId], references: [users.id] }),
}));

export const compatibilityLogsRelations = relations(compatibilityLogs, ({ one }) => ({
  listing: one(partListings, { fields: [compatibilityLogs.partListingId], references: [partListings.id] }),
  buyer: one(users, { fields: [compatibilityLogs.buyerId], references: [users.id] }),
}));

export const sellerRatingsRelations = relations(sellerRatings, ({ one }) => ({
  listing: one(partListings, { fields: [sellerRatings.partListingId], references: [partListings.id] }),
  buyer: one(users, { fields: [sellerRatings.buyerId], references: [users.id] }),
  seller: one(users, { fields: [sellerRatings.sellerId], references: [users.id] }),
}));

export const inquiriesRelations = relations(inquiries, ({ one, many }) => ({
  listing: one(partListings, { fields: [inquiries.partListingId], references: [partListings.id] }),
  buyer: one(users, { fields: [inquiries.buyerId], references: [users.id] }),
  seller: one(users, { fields: [inquiries.sellerId], references: [users.id] }),
  replies: many(inquiryReplies),
}));

export const inquiryRepliesRelations = relations(inquiryReplies, ({ one }) => ({
  inquiry: one(inquiries, { fields: [inquiryReplies.inquiryId], references: [inquiries.id] }),
  author: one(users, { fields: [inquiryReplies.authorId], references: [users.id] }),
}));
