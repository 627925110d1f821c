DROP INDEX `listings_vehicle_price_idx`;--> statement-breakpoint
CREATE INDEX `listings_vehicle_price_idx` ON `part_listings` (`status`,`make_key`,`model_key`,`vehicle_year`,`currency`,`price_cents`,`part_category`);--> statement-breakpoint
ALTER TABLE `users` ADD `rating_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `rating_star_total` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `verified_rating_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `active_listing_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `users` SET
  `rating_count` = (SELECT count(*) FROM `seller_ratings` r WHERE r.`seller_id` = `users`.`id`),
  `rating_star_total` = (SELECT coalesce(sum(r.`rating`), 0) FROM `seller_ratings` r WHERE r.`seller_id` = `users`.`id`),
  `verified_rating_count` = (SELECT count(*) FROM `seller_ratings` r WHERE r.`seller_id` = `users`.`id` AND r.`is_verified_purchase` = 1),
  `active_listing_count` = (SELECT count(*) FROM `part_listings` l WHERE l.`seller_id` = `users`.`id` AND l.`status` = 'active');--> statement-breakpoint
CREATE TRIGGER `seller_ratings_summary_insert` AFTER INSERT ON `seller_ratings` BEGIN
  UPDATE `users` SET `rating_count` = `rating_count` + 1, `rating_star_total` = `rating_star_total` + new.`rating`,
    `verified_rating_count` = `verified_rating_count` + new.`is_verified_purchase`
  WHERE `id` = new.`seller_id`;
END;--> statement-breakpoint
CREATE TRIGGER `seller_ratings_summary_delete` AFTER DELETE ON `seller_ratings` BEGIN
  UPDATE `users` SET `rating_count` = `rating_count` - 1, `rating_star_total` = `rating_star_total` - old.`rating`,
    `verified_rating_count` = `verified_rating_count` - old.`is_verified_purchase`
  WHERE `id` = old.`seller_id`;
END;--> statement-breakpoint
CREATE TRIGGER `seller_ratings_summary_update` AFTER UPDATE OF `seller_id`, `rating`, `is_verified_purchase` ON `seller_ratings` BEGIN
  UPDATE `users` SET `rating_count` = `rating_count` - 1, `rating_star_total` = `rating_star_total` - old.`rating`,
    `verified_rating_count` = `verified_rating_count` - old.`is_verified_purchase`
  WHERE `id` = old.`seller_id`;
  UPDATE `users` SET `rating_count` = `rating_count` + 1, `rating_star_total` = `rating_star_total` + new.`rating`,
    `verified_rating_count` = `verified_rating_count` + new.`is_verified_purchase`
  WHERE `id` = new.`seller_id`;
END;--> statement-breakpoint
CREATE TRIGGER `listings_active_count_insert` AFTER INSERT ON `part_listings` WHEN new.`status` = 'active' BEGIN
  UPDATE `users` SET `active_listing_count` = `active_listing_count` + 1 WHERE `id` = new.`seller_id`;
END;--> statement-breakpoint
CREATE TRIGGER `listings_active_count_delete` AFTER DELETE ON `part_listings` WHEN old.`status` = 'active' BEGIN
  UPDATE `users` SET `active_listing_count` = `active_listing_count` - 1 WHERE `id` = old.`seller_id`;
END;--> statement-breakpoint
CREATE TRIGGER `listings_active_count_update` AFTER UPDATE OF `status`, `seller_id` ON `part_listings`
WHEN old.`status` = 'active' OR new.`status` = 'active' BEGIN
  UPDATE `users` SET `active_listing_count` = `active_listing_count` - 1 WHERE `id` = old.`seller_id` AND old.`status` = 'active';
  UPDATE `users` SET `active_listing_count` = `active_listing_count` + 1 WHERE `id` = new.`seller_id` AND new.`status` = 'active';
END;
