-- Text search lists newest first, and FTS5 reads a word's list of rows in ascending rowid order only: to go the other
-- way it loads the word's whole list before it returns a first row. The index now keys each listing by its row number
-- negated (rowid = -seq), so that newest first is the index's own order and a page stops after its rows: a common
-- word's first page reads 21 entries instead of thousands. An index keyed apart from its table cannot be an
-- external-content one (FTS5 would look rows up by -seq), so it keeps no content of its own (content='') and drops
-- rows by rowid (contentless_delete=1); nothing reads its columns, only MATCH and rowid.
DROP TRIGGER `part_listings_fts_after_insert`;--> statement-breakpoint
DROP TRIGGER `part_listings_fts_after_delete`;--> statement-breakpoint
DROP TRIGGER `part_listings_fts_after_update`;--> statement-breakpoint
DROP TABLE `part_listings_fts`;--> statement-breakpoint
CREATE VIRTUAL TABLE `part_listings_fts` USING fts5(
  title, compatibility_notes, part_category, vehicles_text,
  content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6 7 8 9 10'
);--> statement-breakpoint
INSERT INTO `part_listings_fts`(rowid, title, compatibility_notes, part_category, vehicles_text)
  SELECT -seq, title, compatibility_notes, part_category, vehicles_text FROM `part_listings` ORDER BY seq DESC;--> statement-breakpoint
CREATE TRIGGER `part_listings_fts_after_insert` AFTER INSERT ON `part_listings` BEGIN
  INSERT INTO `part_listings_fts`(rowid, title, compatibility_notes, part_category, vehicles_text)
  VALUES (-new.seq, new.title, new.compatibility_notes, new.part_category, new.vehicles_text);
END;--> statement-breakpoint
CREATE TRIGGER `part_listings_fts_after_delete` AFTER DELETE ON `part_listings` BEGIN
  DELETE FROM `part_listings_fts` WHERE rowid = -old.seq;
END;--> statement-breakpoint
CREATE TRIGGER `part_listings_fts_after_update` AFTER UPDATE OF title, compatibility_notes, part_category, vehicles_text ON `part_listings` BEGIN
  DELETE FROM `part_listings_fts` WHERE rowid = -old.seq;
  INSERT INTO `part_listings_fts`(rowid, title, compatibility_notes, part_category, vehicles_text)
  VALUES (-new.seq, new.title, new.compatibility_notes, new.part_category, new.vehicles_text);
END;
