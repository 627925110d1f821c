DROP INDEX `listings_vehicle_price_idx`;--> statement-breakpoint
DROP INDEX `listings_newest_idx`;--> statement-breakpoint
DROP INDEX `listings_price_idx`;--> statement-breakpoint
CREATE INDEX `listings_vehicle_price_idx` ON `part_listings` (`status`,`make_key`,`model_key`,`vehicle_year`,`price_cents`,`part_category`);--> statement-breakpoint
CREATE INDEX `listings_newest_idx` ON `part_listings` (`status`,`created_at`,`price_cents`);--> statement-breakpoint
CREATE INDEX `listings_price_idx` ON `part_listings` (`status`,`price_cents`,`part_category`);