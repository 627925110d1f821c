CREATE TABLE `saved_searches` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`query` text NOT NULL,
	`created_at` integer NOT NULL,
	`checked_up_to` integer NOT NULL,
	`next_check_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `saved_searches_user_idx` ON `saved_searches` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `saved_searches_due_idx` ON `saved_searches` (`next_check_at`);--> statement-breakpoint
CREATE TABLE `watchlist` (
	`user_id` text NOT NULL,
	`listing_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `listing_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`listing_id`) REFERENCES `part_listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `watchlist_listing_idx` ON `watchlist` (`listing_id`);--> statement-breakpoint
-- A price change says what the price was, so those watching can be told of a drop.
DROP TRIGGER `events_listing_updated`;--> statement-breakpoint
CREATE TRIGGER `events_listing_updated` AFTER UPDATE ON `part_listings`
WHEN OLD.`price_cents` IS NOT NEW.`price_cents` OR OLD.`currency` IS NOT NEW.`currency` OR OLD.`title` IS NOT NEW.`title`
  OR OLD.`condition` IS NOT NEW.`condition` OR OLD.`compatibility_notes` IS NOT NEW.`compatibility_notes` OR OLD.`part_category` IS NOT NEW.`part_category` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `seller_id`, `data`)
  VALUES ('listing.updated', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`id`, NEW.`seller_id`,
    json_object('listingId', NEW.`id`, 'priceCents', NEW.`price_cents`, 'currency', NEW.`currency`, 'previousPriceCents', OLD.`price_cents`, 'previousCurrency', OLD.`currency`));
END;
