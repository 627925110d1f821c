-- A listing's coordinates on its coverage rows, kept by triggers like its price and status, and a whole-degree cell
-- of them with an index per vehicle: a search by vehicle and distance reads the model's rows of the degrees around
-- its circle (a few dozen runs) instead of walking every row of the model and reading each listing's coordinates.
-- (Shifted to be positive, the coordinates are truncated to their floor by the cast.)
ALTER TABLE `listing_coverage` ADD `lat` real;--> statement-breakpoint
ALTER TABLE `listing_coverage` ADD `lon` real;--> statement-breakpoint
ALTER TABLE `listing_coverage` ADD `geo_degree` integer GENERATED ALWAYS AS (CASE WHEN `lat` IS NULL OR `lon` IS NULL THEN NULL ELSE CAST(`lat` + 90 AS INTEGER) * 360 + min(CAST(`lon` + 180 AS INTEGER), 359) END) VIRTUAL;--> statement-breakpoint
UPDATE `listing_coverage` SET (`lat`, `lon`) = (SELECT `lat`, `lon` FROM `part_listings` WHERE `seq` = `listing_coverage`.`listing_seq`);--> statement-breakpoint
DROP TRIGGER `coverage_copy_listing`;--> statement-breakpoint
CREATE TRIGGER `coverage_copy_listing` AFTER INSERT ON `listing_coverage` BEGIN
  UPDATE `listing_coverage` SET (`status`, `currency`, `price_cents`, `created_at`, `part_category`, `lat`, `lon`) =
    (SELECT `status`, `currency`, `price_cents`, `created_at`, `part_category`, `lat`, `lon` FROM `part_listings` WHERE `seq` = new.`listing_seq`)
    WHERE `seq` = new.`seq`;
END;--> statement-breakpoint
CREATE TRIGGER `listings_coverage_location` AFTER UPDATE OF `lat`, `lon` ON `part_listings`
  WHEN old.`lat` IS NOT new.`lat` OR old.`lon` IS NOT new.`lon` BEGIN
  UPDATE `listing_coverage` SET `lat` = new.`lat`, `lon` = new.`lon` WHERE `listing_seq` = new.`seq`;
END;--> statement-breakpoint
CREATE INDEX `coverage_vehicle_degree_idx` ON `listing_coverage` (`status`, `make_key`, `model_key`, `geo_degree`, `currency`, `price_cents`, `created_at`, `listing_seq`, `year_from`, `year_to`, `part_category`, `lat`, `lon`) WHERE `geo_degree` IS NOT NULL;
