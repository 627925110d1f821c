DROP INDEX `coverage_vehicle_price_idx`;--> statement-breakpoint
DROP INDEX `coverage_vehicle_newest_idx`;--> statement-breakpoint
ALTER TABLE `listing_coverage` ADD `part_category` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `listing_coverage` SET `part_category` = (SELECT `part_category` FROM `part_listings` WHERE `seq` = `listing_coverage`.`listing_seq`);--> statement-breakpoint
DROP TRIGGER `coverage_copy_listing`;--> statement-breakpoint
CREATE TRIGGER `coverage_copy_listing` AFTER INSERT ON `listing_coverage` BEGIN
  UPDATE `listing_coverage` SET (`status`, `currency`, `price_cents`, `created_at`, `part_category`) =
    (SELECT `status`, `currency`, `price_cents`, `created_at`, `part_category` FROM `part_listings` WHERE `seq` = new.`listing_seq`)
    WHERE `seq` = new.`seq`;
END;--> statement-breakpoint
DROP TRIGGER `listings_coverage_copy`;--> statement-breakpoint
CREATE TRIGGER `listings_coverage_copy` AFTER UPDATE OF `status`, `currency`, `price_cents`, `created_at`, `part_category` ON `part_listings` BEGIN
  UPDATE `listing_coverage` SET `status` = new.`status`, `currency` = new.`currency`, `price_cents` = new.`price_cents`,
    `created_at` = new.`created_at`, `part_category` = new.`part_category`
    WHERE `listing_seq` = new.`seq`;
  UPDATE `vehicle_facets` SET `active_listings` = `active_listings` + ((new.`status` = 'active') - (old.`status` = 'active'))
    WHERE (old.`status` = 'active') <> (new.`status` = 'active')
      AND (`make_key`, `model_key`) IN (SELECT `make_key`, `model_key` FROM `listing_coverage` WHERE `listing_seq` = new.`seq`);
END;--> statement-breakpoint
CREATE INDEX `coverage_make_price_idx` ON `listing_coverage` (`status`,`make_key`,`currency`,`price_cents`,`listing_seq`,`year_from`,`year_to`,`part_category`);--> statement-breakpoint
CREATE INDEX `coverage_make_newest_idx` ON `listing_coverage` (`status`,`make_key`,`created_at`,`listing_seq`,`year_from`,`year_to`,`part_category`);--> statement-breakpoint
CREATE INDEX `coverage_vehicle_price_idx` ON `listing_coverage` (`status`,`make_key`,`model_key`,`currency`,`price_cents`,`listing_seq`,`year_from`,`year_to`,`part_category`);--> statement-breakpoint
CREATE INDEX `coverage_vehicle_newest_idx` ON `listing_coverage` (`status`,`make_key`,`model_key`,`created_at`,`listing_seq`,`year_from`,`year_to`,`part_category`);