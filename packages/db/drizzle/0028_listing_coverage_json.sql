ALTER TABLE `part_listings` ADD `coverage_json` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
UPDATE `part_listings` SET `coverage_json` = (SELECT json_group_array(json_array(c.`make`, c.`model`, c.`year_from`, c.`year_to`, c.`engine`) ORDER BY c.`position`)
  FROM `listing_coverage` c WHERE c.`listing_seq` = `part_listings`.`seq`);--> statement-breakpoint
DROP TRIGGER `coverage_vehicles_text_insert`;--> statement-breakpoint
-- a listing's rows are written whole (deleted, then inserted): each insert recomputes the text and the JSON from the
-- rows there are then, and a delete alone needs nothing, as it only happens when the listing itself is deleted
CREATE TRIGGER `coverage_vehicles_text_insert` AFTER INSERT ON `listing_coverage` BEGIN
  UPDATE `part_listings` SET
    `vehicles_text` = coalesce((SELECT group_concat(c.`make` || ' ' || c.`model` || coalesce(' ' || c.`engine`, ''), ' ; ')
      FROM (SELECT * FROM `listing_coverage` WHERE `listing_seq` = new.`listing_seq` ORDER BY `position`) c), ''),
    `coverage_json` = (SELECT json_group_array(json_array(c.`make`, c.`model`, c.`year_from`, c.`year_to`, c.`engine`) ORDER BY c.`position`)
      FROM `listing_coverage` c WHERE c.`listing_seq` = new.`listing_seq`)
    WHERE `seq` = new.`listing_seq`;
END;
