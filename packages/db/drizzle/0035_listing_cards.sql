CREATE TABLE `listing_cards` (
	`seq` integer PRIMARY KEY NOT NULL,
	`seller_id` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`seq`) REFERENCES `part_listings`(`seq`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- a listing's card without its seller, as the API answers it (fit, distance and shipping to a country are worked out
-- per reader and written here as null); rewritten with every change of a field it shows
CREATE TRIGGER `listing_cards_insert` AFTER INSERT ON `part_listings` BEGIN
  INSERT INTO `listing_cards` (`seq`, `seller_id`, `body`) VALUES (NEW.`seq`, NEW.`seller_id`,
    json_object('id', NEW.`id`, 'title', NEW.`title`, 'partCategory', NEW.`part_category`, 'condition', NEW.`condition`,
    'priceCents', NEW.`price_cents`, 'currency', NEW.`currency`,
    'vehicleMake', NEW.`vehicle_make`, 'vehicleModel', NEW.`vehicle_model`, 'vehicleYear', NEW.`vehicle_year`,
    'status', NEW.`status`, 'createdAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.`created_at` / 1000.0, 'unixepoch'),
    'primaryPhoto', json(NEW.`primary_photo`), 'coverage', json(NEW.`coverage_json`), 'fit', NULL,
    'location', CASE WHEN NEW.`city` IS NOT NULL AND NEW.`country` IS NOT NULL AND NEW.`lat` IS NOT NULL AND NEW.`lon` IS NOT NULL
      THEN json_object('city', NEW.`city`, 'country', NEW.`country`, 'lat', NEW.`lat`, 'lon', NEW.`lon`) END,
    'distanceKm', NULL,
    'pickupAvailable', json(CASE WHEN NEW.`pickup_available` THEN 'true' ELSE 'false' END), 'shippingMode', NEW.`shipping_mode`,
    'freightOnly', json(CASE WHEN NEW.`freight_only` THEN 'true' ELSE 'false' END), 'shippingTo', NULL));
END;--> statement-breakpoint
CREATE TRIGGER `listing_cards_update` AFTER UPDATE OF `id`, `seller_id`, `title`, `part_category`, `condition`, `price_cents`, `currency`, `vehicle_make`, `vehicle_model`, `vehicle_year`, `status`, `created_at`, `primary_photo`, `coverage_json`, `city`, `country`, `lat`, `lon`, `pickup_available`, `shipping_mode`, `freight_only` ON `part_listings` BEGIN
  UPDATE `listing_cards` SET `seller_id` = NEW.`seller_id`, `body` =
    json_object('id', NEW.`id`, 'title', NEW.`title`, 'partCategory', NEW.`part_category`, 'condition', NEW.`condition`,
    'priceCents', NEW.`price_cents`, 'currency', NEW.`currency`,
    'vehicleMake', NEW.`vehicle_make`, 'vehicleModel', NEW.`vehicle_model`, 'vehicleYear', NEW.`vehicle_year`,
    'status', NEW.`status`, 'createdAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.`created_at` / 1000.0, 'unixepoch'),
    'primaryPhoto', json(NEW.`primary_photo`), 'coverage', json(NEW.`coverage_json`), 'fit', NULL,
    'location', CASE WHEN NEW.`city` IS NOT NULL AND NEW.`country` IS NOT NULL AND NEW.`lat` IS NOT NULL AND NEW.`lon` IS NOT NULL
      THEN json_object('city', NEW.`city`, 'country', NEW.`country`, 'lat', NEW.`lat`, 'lon', NEW.`lon`) END,
    'distanceKm', NULL,
    'pickupAvailable', json(CASE WHEN NEW.`pickup_available` THEN 'true' ELSE 'false' END), 'shippingMode', NEW.`shipping_mode`,
    'freightOnly', json(CASE WHEN NEW.`freight_only` THEN 'true' ELSE 'false' END), 'shippingTo', NULL)
    WHERE `seq` = NEW.`seq`;
END;--> statement-breakpoint
INSERT INTO `listing_cards` (`seq`, `seller_id`, `body`) SELECT `seq`, `seller_id`,
    json_object('id', `id`, 'title', `title`, 'partCategory', `part_category`, 'condition', `condition`,
    'priceCents', `price_cents`, 'currency', `currency`,
    'vehicleMake', `vehicle_make`, 'vehicleModel', `vehicle_model`, 'vehicleYear', `vehicle_year`,
    'status', `status`, 'createdAt', strftime('%Y-%m-%dT%H:%M:%fZ', `created_at` / 1000.0, 'unixepoch'),
    'primaryPhoto', json(`primary_photo`), 'coverage', json(`coverage_json`), 'fit', NULL,
    'location', CASE WHEN `city` IS NOT NULL AND `country` IS NOT NULL AND `lat` IS NOT NULL AND `lon` IS NOT NULL
      THEN json_object('city', `city`, 'country', `country`, 'lat', `lat`, 'lon', `lon`) END,
    'distanceKm', NULL,
    'pickupAvailable', json(CASE WHEN `pickup_available` THEN 'true' ELSE 'false' END), 'shippingMode', `shipping_mode`,
    'freightOnly', json(CASE WHEN `freight_only` THEN 'true' ELSE 'false' END), 'shippingTo', NULL)
  FROM `part_listings`;
