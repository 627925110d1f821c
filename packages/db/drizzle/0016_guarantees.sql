ALTER TABLE `part_listings` ADD `returns_days` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `warranty_days` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `core_charge_cents` integer;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `donor_mileage_km` integer;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `damage_notes` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- What the buyer is promised changes the listing's page as much as its price does.
DROP TRIGGER `events_listing_updated`;--> statement-breakpoint
CREATE TRIGGER `events_listing_updated` AFTER UPDATE ON `part_listings`
WHEN OLD.`price_cents` IS NOT NEW.`price_cents` OR OLD.`currency` IS NOT NEW.`currency` OR OLD.`title` IS NOT NEW.`title`
  OR OLD.`condition` IS NOT NEW.`condition` OR OLD.`compatibility_notes` IS NOT NEW.`compatibility_notes` OR OLD.`part_category` IS NOT NEW.`part_category`
  OR OLD.`returns_days` IS NOT NEW.`returns_days` OR OLD.`warranty_days` IS NOT NEW.`warranty_days` OR OLD.`core_charge_cents` IS NOT NEW.`core_charge_cents`
  OR OLD.`donor_mileage_km` IS NOT NEW.`donor_mileage_km` OR OLD.`damage_notes` IS NOT NEW.`damage_notes` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `seller_id`, `data`)
  VALUES ('listing.updated', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`id`, NEW.`seller_id`,
    json_object('listingId', NEW.`id`, 'priceCents', NEW.`price_cents`, 'currency', NEW.`currency`, 'previousPriceCents', OLD.`price_cents`, 'previousCurrency', OLD.`currency`));
END;
