ALTER TABLE `users` ADD `rating_average` real GENERATED ALWAYS AS (CASE WHEN "rating_count" = 0 THEN NULL ELSE round(1.0 * "rating_star_total" / "rating_count", 2) END) VIRTUAL;--> statement-breakpoint
-- the copies a listing card reads from the listing's row are kept in the card's own shape (objects with the API's field
-- names), so that SQLite writes a page of cards as the API answers it
UPDATE `part_listings` SET `coverage_json` = (SELECT json_group_array(json_object('make', c.`make`, 'model', c.`model`, 'yearFrom', c.`year_from`, 'yearTo', c.`year_to`, 'engine', c.`engine`) ORDER BY c.`position`)
  FROM `listing_coverage` c WHERE c.`listing_seq` = `part_listings`.`seq`);--> statement-breakpoint
UPDATE `part_listings` SET `primary_photo` = json_object('imageUrl', `primary_photo` ->> 0, 'thumbnailUrl', `primary_photo` ->> 1, 'caption', `primary_photo` ->> 2)
  WHERE `primary_photo` IS NOT NULL;--> statement-breakpoint
DROP TRIGGER `coverage_vehicles_text_insert`;--> statement-breakpoint
CREATE TRIGGER `coverage_vehicles_text_insert` AFTER INSERT ON `listing_coverage` BEGIN
  UPDATE `part_listings` SET
    `vehicles_text` = coalesce((SELECT group_concat(c.`make` || ' ' || c.`model` || coalesce(' ' || c.`engine`, ''), ' ; ')
      FROM (SELECT * FROM `listing_coverage` WHERE `listing_seq` = new.`listing_seq` ORDER BY `position`) c), ''),
    `coverage_json` = (SELECT json_group_array(json_object('make', c.`make`, 'model', c.`model`, 'yearFrom', c.`year_from`, 'yearTo', c.`year_to`, 'engine', c.`engine`) ORDER BY c.`position`)
      FROM `listing_coverage` c WHERE c.`listing_seq` = new.`listing_seq`)
    WHERE `seq` = new.`listing_seq`;
END;--> statement-breakpoint
DROP TRIGGER `photos_primary_copy_insert`;--> statement-breakpoint
CREATE TRIGGER `photos_primary_copy_insert` AFTER INSERT ON `inventory_photos` BEGIN
  UPDATE `part_listings` SET `primary_photo` = (SELECT json_object('imageUrl', p.`image_url`, 'thumbnailUrl', p.`thumbnail_url`, 'caption', p.`caption`) FROM `inventory_photos` p
    WHERE p.`part_listing_id` = NEW.`part_listing_id` AND p.`is_primary` = 1)
    WHERE `id` = NEW.`part_listing_id`;
END;--> statement-breakpoint
DROP TRIGGER `photos_primary_copy_update`;--> statement-breakpoint
CREATE TRIGGER `photos_primary_copy_update` AFTER UPDATE OF `is_primary`, `caption`, `image_url`, `thumbnail_url`, `part_listing_id` ON `inventory_photos` BEGIN
  UPDATE `part_listings` SET `primary_photo` = (SELECT json_object('imageUrl', p.`image_url`, 'thumbnailUrl', p.`thumbnail_url`, 'caption', p.`caption`) FROM `inventory_photos` p
    WHERE p.`part_listing_id` = `part_listings`.`id` AND p.`is_primary` = 1)
    WHERE `id` IN (NEW.`part_listing_id`, OLD.`part_listing_id`);
END;--> statement-breakpoint
DROP TRIGGER `photos_primary_copy_delete`;--> statement-breakpoint
CREATE TRIGGER `photos_primary_copy_delete` AFTER DELETE ON `inventory_photos` BEGIN
  UPDATE `part_listings` SET `primary_photo` = (SELECT json_object('imageUrl', p.`image_url`, 'thumbnailUrl', p.`thumbnail_url`, 'caption', p.`caption`) FROM `inventory_photos` p
    WHERE p.`part_listing_id` = OLD.`part_listing_id` AND p.`is_primary` = 1)
    WHERE `id` = OLD.`part_listing_id`;
END;
