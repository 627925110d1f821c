CREATE TABLE `fitment_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`purchase_id` text NOT NULL,
	`part_listing_id` text NOT NULL,
	`buyer_id` text NOT NULL,
	`seller_id` text NOT NULL,
	`vehicle_make` text NOT NULL,
	`vehicle_model` text NOT NULL,
	`make_key` text NOT NULL,
	`model_key` text NOT NULL,
	`vehicle_year` integer NOT NULL,
	`fit` integer NOT NULL,
	`claimed` integer NOT NULL,
	`note` text,
	`resolved_at` integer,
	`resolved_by` text,
	`resolution_note` text,
	FOREIGN KEY (`purchase_id`) REFERENCES `purchases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_listing_id`) REFERENCES `part_listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fitment_reports_purchase_unique` ON `fitment_reports` (`purchase_id`);--> statement-breakpoint
CREATE INDEX `fitment_reports_listing_idx` ON `fitment_reports` (`part_listing_id`,`fit`);--> statement-breakpoint
CREATE INDEX `fitment_reports_seller_idx` ON `fitment_reports` (`seller_id`,`claimed`,`fit`);--> statement-breakpoint
CREATE INDEX `fitment_reports_open_idx` ON `fitment_reports` (`created_at`) WHERE "fitment_reports"."fit" = 0 AND "fitment_reports"."claimed" = 1 AND "fitment_reports"."resolved_at" IS NULL;--> statement-breakpoint
CREATE INDEX `fitment_reports_created_idx` ON `fitment_reports` (`created_at`);--> statement-breakpoint
CREATE TABLE `garage_vehicles` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`make` text NOT NULL,
	`model` text NOT NULL,
	`year` integer NOT NULL,
	`engine` text,
	`vin_last8` text,
	`active` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `garage_user_idx` ON `garage_vehicles` (`user_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `garage_one_active_per_user` ON `garage_vehicles` (`user_id`) WHERE "garage_vehicles"."active" = 1;--> statement-breakpoint
CREATE TABLE `listing_coverage` (
	`seq` integer PRIMARY KEY NOT NULL,
	`listing_seq` integer NOT NULL,
	`position` integer NOT NULL,
	`make` text NOT NULL,
	`model` text NOT NULL,
	`make_key` text NOT NULL,
	`model_key` text NOT NULL,
	`year_from` integer,
	`year_to` integer,
	`engine` text,
	`status` text DEFAULT 'active' NOT NULL,
	`currency` text DEFAULT '' NOT NULL,
	`price_cents` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`listing_seq`) REFERENCES `part_listings`(`seq`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coverage_listing_position_unique` ON `listing_coverage` (`listing_seq`,`position`);--> statement-breakpoint
CREATE INDEX `coverage_vehicle_price_idx` ON `listing_coverage` (`status`,`make_key`,`model_key`,`currency`,`price_cents`,`listing_seq`,`year_from`,`year_to`);--> statement-breakpoint
CREATE INDEX `coverage_vehicle_newest_idx` ON `listing_coverage` (`status`,`make_key`,`model_key`,`created_at`,`listing_seq`,`year_from`,`year_to`);--> statement-breakpoint
CREATE TABLE `listing_part_numbers` (
	`listing_seq` integer NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`number_key` text NOT NULL,
	PRIMARY KEY(`listing_seq`, `kind`, `number_key`),
	FOREIGN KEY (`listing_seq`) REFERENCES `part_listings`(`seq`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `part_numbers_key_idx` ON `listing_part_numbers` (`number_key`,`kind`,`listing_seq`);--> statement-breakpoint
DROP INDEX `listings_vehicle_price_idx`;--> statement-breakpoint
DROP INDEX `listings_vehicle_newest_idx`;--> statement-breakpoint
DROP INDEX `listings_vehicle_year_newest_idx`;--> statement-breakpoint
INSERT INTO `garage_vehicles` (`id`, `created_at`, `updated_at`, `user_id`, `name`, `make`, `model`, `year`, `vin_last8`, `active`)
  SELECT lower(hex(randomblob(10))), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
    `id`, substr(`vehicle_year` || ' ' || `vehicle_make` || ' ' || `vehicle_model`, 1, 40), `vehicle_make`, `vehicle_model`, `vehicle_year`, `vehicle_vin_last8`, 1
  FROM `users` WHERE `vehicle_make` IS NOT NULL AND `vehicle_model` IS NOT NULL AND `vehicle_year` IS NOT NULL;--> statement-breakpoint
INSERT INTO `listing_coverage` (`listing_seq`, `position`, `make`, `model`, `make_key`, `model_key`, `year_from`, `year_to`, `status`, `currency`, `price_cents`, `created_at`)
  SELECT `seq`, 0, `vehicle_make`, `vehicle_model`, `make_key`, `model_key`, `vehicle_year`, `vehicle_year`, `status`, `currency`, `price_cents`, `created_at`
  FROM `part_listings`;--> statement-breakpoint
DROP TRIGGER `listings_vehicle_facets_insert`;--> statement-breakpoint
DROP TRIGGER `listings_vehicle_facets_delete`;--> statement-breakpoint
DROP TRIGGER `listings_vehicle_facets_update`;--> statement-breakpoint
DELETE FROM `vehicle_facets`;--> statement-breakpoint
INSERT INTO `vehicle_facets` (`make_key`, `model_key`, `make`, `model`, `active_listings`)
  SELECT c.`make_key`, c.`model_key`, min(c.`make`), min(c.`model`), count(DISTINCT CASE WHEN l.`status` = 'active' THEN c.`listing_seq` END)
  FROM `listing_coverage` c JOIN `part_listings` l ON l.`seq` = c.`listing_seq`
  GROUP BY c.`make_key`, c.`model_key`;--> statement-breakpoint
CREATE TRIGGER `coverage_copy_listing` AFTER INSERT ON `listing_coverage` BEGIN
  UPDATE `listing_coverage` SET (`status`, `currency`, `price_cents`, `created_at`) =
    (SELECT `status`, `currency`, `price_cents`, `created_at` FROM `part_listings` WHERE `seq` = new.`listing_seq`)
    WHERE `seq` = new.`seq`;
END;--> statement-breakpoint
CREATE TRIGGER `coverage_facets_insert` AFTER INSERT ON `listing_coverage` BEGIN
  INSERT INTO `vehicle_facets` (`make_key`, `model_key`, `make`, `model`, `active_listings`)
    SELECT new.`make_key`, new.`model_key`, new.`make`, new.`model`,
      coalesce((SELECT `status` = 'active' FROM `part_listings` WHERE `seq` = new.`listing_seq`), 0)
        AND NOT EXISTS (SELECT 1 FROM `listing_coverage` WHERE `listing_seq` = new.`listing_seq` AND `make_key` = new.`make_key` AND `model_key` = new.`model_key` AND `seq` <> new.`seq`)
    WHERE true
    ON CONFLICT (`make_key`, `model_key`) DO UPDATE SET
      `active_listings` = `active_listings` + excluded.`active_listings`,
      `make` = min(`make`, excluded.`make`),
      `model` = min(`model`, excluded.`model`);
END;--> statement-breakpoint
CREATE TRIGGER `coverage_facets_delete` AFTER DELETE ON `listing_coverage` BEGIN
  UPDATE `vehicle_facets` SET `active_listings` = `active_listings` - 1
    WHERE `make_key` = old.`make_key` AND `model_key` = old.`model_key`
      AND coalesce((SELECT `status` = 'active' FROM `part_listings` WHERE `seq` = old.`listing_seq`), 0)
      AND NOT EXISTS (SELECT 1 FROM `listing_coverage` WHERE `listing_seq` = old.`listing_seq` AND `make_key` = old.`make_key` AND `model_key` = old.`model_key`);
END;--> statement-breakpoint
CREATE TRIGGER `listings_coverage_delete` BEFORE DELETE ON `part_listings` BEGIN
  DELETE FROM `listing_coverage` WHERE `listing_seq` = old.`seq`;
END;--> statement-breakpoint
CREATE TRIGGER `listings_coverage_copy` AFTER UPDATE OF `status`, `currency`, `price_cents`, `created_at` ON `part_listings` BEGIN
  UPDATE `listing_coverage` SET `status` = new.`status`, `currency` = new.`currency`, `price_cents` = new.`price_cents`, `created_at` = new.`created_at`
    WHERE `listing_seq` = new.`seq`;
  UPDATE `vehicle_facets` SET `active_listings` = `active_listings` + ((new.`status` = 'active') - (old.`status` = 'active'))
    WHERE (old.`status` = 'active') <> (new.`status` = 'active')
      AND (`make_key`, `model_key`) IN (SELECT `make_key`, `model_key` FROM `listing_coverage` WHERE `listing_seq` = new.`seq`);
END;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `vehicle_make`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `vehicle_model`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `vehicle_year`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `vehicle_vin_last8`;