-- Every place that has ever had a listing, kept by triggers in the same statement as the change: a search within a
-- distance reads only these of the gazetteer's towns in its circle. Never pruned (a town listed here may have no
-- listing left), so a town with a listing is never missing.
CREATE TABLE `listing_places` (
	`place_id` integer PRIMARY KEY NOT NULL
);--> statement-breakpoint
INSERT OR IGNORE INTO `listing_places` (`place_id`) SELECT DISTINCT `place_id` FROM `part_listings` WHERE `place_id` IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER `listings_place_insert` AFTER INSERT ON `part_listings` WHEN new.`place_id` IS NOT NULL BEGIN
  INSERT OR IGNORE INTO `listing_places` (`place_id`) VALUES (new.`place_id`);
END;--> statement-breakpoint
CREATE TRIGGER `listings_place_update` AFTER UPDATE OF `place_id` ON `part_listings` WHEN new.`place_id` IS NOT NULL BEGIN
  INSERT OR IGNORE INTO `listing_places` (`place_id`) VALUES (new.`place_id`);
END;
