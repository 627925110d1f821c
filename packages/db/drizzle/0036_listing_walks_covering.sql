DROP INDEX `listings_category_newest_idx`;--> statement-breakpoint
DROP INDEX `listings_category_price_idx`;--> statement-breakpoint
DROP INDEX `listings_newest_idx`;--> statement-breakpoint
DROP INDEX `listings_price_idx`;--> statement-breakpoint
CREATE INDEX `listings_category_newest_idx` ON `part_listings` (`status`,`part_category`,`created_at`,`price_cents`,`currency`);--> statement-breakpoint
CREATE INDEX `listings_category_price_idx` ON `part_listings` (`status`,`part_category`,`currency`,`price_cents`,`created_at`);--> statement-breakpoint
CREATE INDEX `listings_newest_idx` ON `part_listings` (`status`,`created_at`,`price_cents`,`currency`);--> statement-breakpoint
CREATE INDEX `listings_price_idx` ON `part_listings` (`status`,`currency`,`price_cents`,`part_category`,`created_at`);