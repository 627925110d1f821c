ALTER TABLE `part_listings` ADD `primary_photo` text;--> statement-breakpoint
UPDATE `part_listings` SET `primary_photo` = (SELECT json_array(p.`image_url`, p.`thumbnail_url`, p.`caption`) FROM `inventory_photos` p
  WHERE p.`part_listing_id` = `part_listings`.`id` AND p.`is_primary` = 1)
  WHERE `id` IN (SELECT `part_listing_id` FROM `inventory_photos` WHERE `is_primary` = 1);--> statement-breakpoint
-- a page of cards reads the primary photo from the listing's row: whatever changes a listing's photos (an upload, a new
-- primary, a caption, a removal and the promotion after it) writes the listing's copy again from the photos there are
CREATE TRIGGER `photos_primary_copy_insert` AFTER INSERT ON `inventory_photos` BEGIN
  UPDATE `part_listings` SET `primary_photo` = (SELECT json_array(p.`image_url`, p.`thumbnail_url`, p.`caption`) FROM `inventory_photos` p
    WHERE p.`part_listing_id` = NEW.`part_listing_id` AND p.`is_primary` = 1)
    WHERE `id` = NEW.`part_listing_id`;
END;--> statement-breakpoint
CREATE TRIGGER `photos_primary_copy_update` AFTER UPDATE OF `is_primary`, `caption`, `image_url`, `thumbnail_url`, `part_listing_id` ON `inventory_photos` BEGIN
  UPDATE `part_listings` SET `primary_photo` = (SELECT json_array(p.`image_url`, p.`thumbnail_url`, p.`caption`) FROM `inventory_photos` p
    WHERE p.`part_listing_id` = `part_listings`.`id` AND p.`is_primary` = 1)
    WHERE `id` IN (NEW.`part_listing_id`, OLD.`part_listing_id`);
END;--> statement-breakpoint
CREATE TRIGGER `photos_primary_copy_delete` AFTER DELETE ON `inventory_photos` BEGIN
  UPDATE `part_listings` SET `primary_photo` = (SELECT json_array(p.`image_url`, p.`thumbnail_url`, p.`caption`) FROM `inventory_photos` p
    WHERE p.`part_listing_id` = OLD.`part_listing_id` AND p.`is_primary` = 1)
    WHERE `id` = OLD.`part_listing_id`;
END;
