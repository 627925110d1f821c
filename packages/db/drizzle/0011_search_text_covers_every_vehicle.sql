ALTER TABLE `part_listings` ADD `vehicles_text` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `part_listings` SET `vehicles_text` = coalesce((SELECT group_concat(c.`make` || ' ' || c.`model` || coalesce(' ' || c.`engine`, ''), ' ; ')
  FROM (SELECT * FROM `listing_coverage` WHERE `listing_seq` = `part_listings`.`seq` ORDER BY `position`) c), '');--> statement-breakpoint
DROP TRIGGER `part_listings_fts_after_insert`;--> statement-breakpoint
DROP TRIGGER `part_listings_fts_after_delete`;--> statement-breakpoint
DROP TRIGGER `part_listings_fts_after_update`;--> statement-breakpoint
DROP TABLE `part_listings_fts`;--> statement-breakpoint
-- the same index, with every covered vehicle where it had the primary one
CREATE VIRTUAL TABLE `part_listings_fts` USING fts5(
  title, compatibility_notes, part_category, vehicles_text,
  content='part_listings', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);--> statement-breakpoint
INSERT INTO `part_listings_fts`(`part_listings_fts`) VALUES ('rebuild');--> statement-breakpoint
CREATE TRIGGER `part_listings_fts_after_insert` AFTER INSERT ON `part_listings` BEGIN
  INSERT INTO `part_listings_fts`(rowid, title, compatibility_notes, part_category, vehicles_text)
  VALUES (new.seq, new.title, new.compatibility_notes, new.part_category, new.vehicles_text);
END;--> statement-breakpoint
CREATE TRIGGER `part_listings_fts_after_delete` AFTER DELETE ON `part_listings` BEGIN
  INSERT INTO `part_listings_fts`(`part_listings_fts`, rowid, title, compatibility_notes, part_category, vehicles_text)
  VALUES ('delete', old.seq, old.title, old.compatibility_notes, old.part_category, old.vehicles_text);
END;--> statement-breakpoint
CREATE TRIGGER `part_listings_fts_after_update` AFTER UPDATE OF title, compatibility_notes, part_category, vehicles_text ON `part_listings` BEGIN
  INSERT INTO `part_listings_fts`(`part_listings_fts`, rowid, title, compatibility_notes, part_category, vehicles_text)
  VALUES ('delete', old.seq, old.title, old.compatibility_notes, old.part_category, old.vehicles_text);
  INSERT INTO `part_listings_fts`(rowid, title, compatibility_notes, part_category, vehicles_text)
  VALUES (new.seq, new.title, new.compatibility_notes, new.part_category, new.vehicles_text);
END;--> statement-breakpoint
-- a listing's rows are written whole (deleted, then inserted): each insert recomputes the text from the rows there are
-- then, and a delete alone needs nothing, as it only happens when the listing itself is deleted
CREATE TRIGGER `coverage_vehicles_text_insert` AFTER INSERT ON `listing_coverage` BEGIN
  UPDATE `part_listings` SET `vehicles_text` = coalesce((SELECT group_concat(c.`make` || ' ' || c.`model` || coalesce(' ' || c.`engine`, ''), ' ; ')
    FROM (SELECT * FROM `listing_coverage` WHERE `listing_seq` = new.`listing_seq` ORDER BY `position`) c), '')
    WHERE `seq` = new.`listing_seq`;
END;
