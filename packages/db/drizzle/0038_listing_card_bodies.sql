-- a listing's card without its seller, as the API answers it (fit, distance and shipping to a country are worked out
-- per reader and written here as null): its one definition, which the triggers that keep `listing_cards` copy from
CREATE VIEW `listing_card_bodies` AS SELECT `seq`, `seller_id`,
    json_object('id', `id`, 'title', `title`, 'partCategory', `part_category`, 'condition', `condition`,
    'priceCents', `price_cents`, 'currency', `currency`,
    'vehicleMake', `vehicle_make`, 'vehicleModel', `vehicle_model`, 'vehicleYear', `vehicle_year`,
    'status', `status`, 'createdAt', strftime('%Y-%m-%dT%H:%M:%fZ', `created_at` / 1000.0, 'unixepoch'),
    'primaryPhoto', json(`primary_photo`), 'coverage', json(`coverage_json`), 'fit', NULL,
    'location', CASE WHEN `city` IS NOT NULL AND `country` IS NOT NULL AND `lat` IS NOT NULL AND `lon` IS NOT NULL
      THEN json_object('city', `city`, 'country', `country`, 'lat', `lat`, 'lon', `lon`) END,
    'distanceKm', NULL,
    'pickupAvailable', json(CASE WHEN `pickup_available` THEN 'true' ELSE 'false' END), 'shippingMode', `shipping_mode`,
    'freightOnly', json(CASE WHEN `freight_only` THEN 'true' ELSE 'false' END), 'shippingTo', NULL) AS `body`
  FROM `part_listings`;--> statement-breakpoint
DROP TRIGGER `listing_cards_insert`;--> statement-breakpoint
CREATE TRIGGER `listing_cards_insert` AFTER INSERT ON `part_listings` BEGIN
  INSERT INTO `listing_cards` (`seq`, `seller_id`, `body`) SELECT `seq`, `seller_id`, `body` FROM `listing_card_bodies` WHERE `seq` = NEW.`seq`;
END;--> statement-breakpoint
DROP TRIGGER `listing_cards_update`;--> statement-breakpoint
CREATE TRIGGER `listing_cards_update` AFTER UPDATE OF `id`, `seller_id`, `title`, `part_category`, `condition`, `price_cents`, `currency`, `vehicle_make`, `vehicle_model`, `vehicle_year`, `status`, `created_at`, `primary_photo`, `coverage_json`, `city`, `country`, `lat`, `lon`, `pickup_available`, `shipping_mode`, `freight_only` ON `part_listings` BEGIN
  UPDATE `listing_cards` SET (`seller_id`, `body`) = (SELECT `seller_id`, `body` FROM `listing_card_bodies` WHERE `seq` = NEW.`seq`)
    WHERE `seq` = NEW.`seq`;
END;
