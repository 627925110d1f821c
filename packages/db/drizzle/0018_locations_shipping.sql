ALTER TABLE `part_listings` ADD `own_site` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `place_id` integer;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `city` text;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `country` text;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `postal_code` text;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `lat` real;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `lon` real;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `pickup_available` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `pickup_notes` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `shipping_mode` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `ship_domestic_cents` integer;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `ship_countries` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `ship_countries_cents` integer;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `ship_worldwide_cents` integer;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `freight_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `part_listings` ADD `handling_days` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `purchases` ADD `fulfilment` text DEFAULT 'pickup' NOT NULL;--> statement-breakpoint
ALTER TABLE `purchases` ADD `shipping_cents` integer;--> statement-breakpoint
ALTER TABLE `purchases` ADD `core_charge_cents` integer;--> statement-breakpoint
ALTER TABLE `purchases` ADD `handling_days` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `purchases` ADD `ship_to_name` text;--> statement-breakpoint
ALTER TABLE `purchases` ADD `ship_to_line1` text;--> statement-breakpoint
ALTER TABLE `purchases` ADD `ship_to_line2` text;--> statement-breakpoint
ALTER TABLE `purchases` ADD `ship_to_postal_code` text;--> statement-breakpoint
ALTER TABLE `purchases` ADD `ship_to_city` text;--> statement-breakpoint
ALTER TABLE `purchases` ADD `ship_to_country` text;--> statement-breakpoint
ALTER TABLE `users` ADD `place_id` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `city` text;--> statement-breakpoint
ALTER TABLE `users` ADD `country` text;--> statement-breakpoint
ALTER TABLE `users` ADD `postal_code` text;--> statement-breakpoint
ALTER TABLE `users` ADD `lat` real;--> statement-breakpoint
ALTER TABLE `users` ADD `lon` real;--> statement-breakpoint
-- Active listings with a location, in an R*Tree: a distance search reads the box around its circle from here.
CREATE VIRTUAL TABLE `listing_geo` USING rtree(`id`, `min_lat`, `max_lat`, `min_lon`, `max_lon`);--> statement-breakpoint
CREATE TRIGGER `listing_geo_insert` AFTER INSERT ON `part_listings` WHEN NEW.`status` = 'active' AND NEW.`lat` IS NOT NULL BEGIN
  INSERT INTO `listing_geo` VALUES (NEW.`seq`, NEW.`lat`, NEW.`lat`, NEW.`lon`, NEW.`lon`);
END;--> statement-breakpoint
CREATE TRIGGER `listing_geo_update` AFTER UPDATE OF `status`, `lat`, `lon` ON `part_listings`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`lat` IS NOT NEW.`lat` OR OLD.`lon` IS NOT NEW.`lon` BEGIN
  DELETE FROM `listing_geo` WHERE `id` = OLD.`seq`;
  INSERT INTO `listing_geo` SELECT NEW.`seq`, NEW.`lat`, NEW.`lat`, NEW.`lon`, NEW.`lon` WHERE NEW.`status` = 'active' AND NEW.`lat` IS NOT NULL;
END;--> statement-breakpoint
CREATE TRIGGER `listing_geo_delete` AFTER DELETE ON `part_listings` BEGIN
  DELETE FROM `listing_geo` WHERE `id` = OLD.`seq`;
END;--> statement-breakpoint
-- A seller who moves takes along every listing that does not name a site of its own.
CREATE TRIGGER `users_location_to_listings` AFTER UPDATE OF `place_id`, `city`, `country`, `postal_code`, `lat`, `lon` ON `users`
WHEN OLD.`place_id` IS NOT NEW.`place_id` OR OLD.`postal_code` IS NOT NEW.`postal_code` OR OLD.`lat` IS NOT NEW.`lat` OR OLD.`lon` IS NOT NEW.`lon` BEGIN
  UPDATE `part_listings` SET `place_id` = NEW.`place_id`, `city` = NEW.`city`, `country` = NEW.`country`, `postal_code` = NEW.`postal_code`, `lat` = NEW.`lat`, `lon` = NEW.`lon`
  WHERE `seller_id` = NEW.`id` AND `own_site` = 0;
END;--> statement-breakpoint
-- How the part travels, and where it is, change the listing's page as much as its price does.
DROP TRIGGER `events_listing_updated`;--> statement-breakpoint
CREATE TRIGGER `events_listing_updated` AFTER UPDATE ON `part_listings`
WHEN OLD.`price_cents` IS NOT NEW.`price_cents` OR OLD.`currency` IS NOT NEW.`currency` OR OLD.`title` IS NOT NEW.`title`
  OR OLD.`condition` IS NOT NEW.`condition` OR OLD.`compatibility_notes` IS NOT NEW.`compatibility_notes` OR OLD.`part_category` IS NOT NEW.`part_category`
  OR OLD.`returns_days` IS NOT NEW.`returns_days` OR OLD.`warranty_days` IS NOT NEW.`warranty_days` OR OLD.`core_charge_cents` IS NOT NEW.`core_charge_cents`
  OR OLD.`donor_mileage_km` IS NOT NEW.`donor_mileage_km` OR OLD.`damage_notes` IS NOT NEW.`damage_notes`
  OR OLD.`place_id` IS NOT NEW.`place_id` OR OLD.`pickup_available` IS NOT NEW.`pickup_available` OR OLD.`pickup_notes` IS NOT NEW.`pickup_notes`
  OR OLD.`shipping_mode` IS NOT NEW.`shipping_mode` OR OLD.`ship_domestic_cents` IS NOT NEW.`ship_domestic_cents` OR OLD.`ship_countries` IS NOT NEW.`ship_countries`
  OR OLD.`ship_countries_cents` IS NOT NEW.`ship_countries_cents` OR OLD.`ship_worldwide_cents` IS NOT NEW.`ship_worldwide_cents`
  OR OLD.`freight_only` IS NOT NEW.`freight_only` OR OLD.`handling_days` IS NOT NEW.`handling_days` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `seller_id`, `data`)
  VALUES ('listing.updated', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`id`, NEW.`seller_id`,
    json_object('listingId', NEW.`id`, 'priceCents', NEW.`price_cents`, 'currency', NEW.`currency`, 'previousPriceCents', OLD.`price_cents`, 'previousCurrency', OLD.`currency`));
END;
