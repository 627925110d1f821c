-- Full-text search over listings (SQLite FTS5, external content keyed by the stable integer seq).
CREATE VIRTUAL TABLE `part_listings_fts` USING fts5(
  title, compatibility_notes, part_category, vehicle_make, vehicle_model,
  content='part_listings', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `part_listings_fts`(`part_listings_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `part_listings_fts_after_insert` AFTER INSERT ON `part_listings` BEGIN
  INSERT INTO `part_listings_fts`(rowid, title, compatibility_notes, part_category, vehicle_make, vehicle_model)
  VALUES (new.seq, new.title, new.compatibility_notes, new.part_category, new.vehicle_make, new.vehicle_model);
END;
--> statement-breakpoint
CREATE TRIGGER `part_listings_fts_after_delete` AFTER DELETE ON `part_listings` BEGIN
  INSERT INTO `part_listings_fts`(`part_listings_fts`, rowid, title, compatibility_notes, part_category, vehicle_make, vehicle_model)
  VALUES ('delete', old.seq, old.title, old.compatibility_notes, old.part_category, old.vehicle_make, old.vehicle_model);
END;
--> statement-breakpoint
CREATE TRIGGER `part_listings_fts_after_update` AFTER UPDATE OF title, compatibility_notes, part_category, vehicle_make, vehicle_model ON `part_listings` BEGIN
  INSERT INTO `part_listings_fts`(`part_listings_fts`, rowid, title, compatibility_notes, part_category, vehicle_make, vehicle_model)
  VALUES ('delete', old.seq, old.title, old.compatibility_notes, old.part_category, old.vehicle_make, old.vehicle_model);
  INSERT INTO `part_listings_fts`(rowid, title, compatibility_notes, part_category, vehicle_make, vehicle_model)
  VALUES (new.seq, new.title, new.compatibility_notes, new.part_category, new.vehicle_make, new.vehicle_model);
END;
--> statement-breakpoint
-- The audit log is append-only: history cannot be rewritten, not even by a bug in the API.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- A rating's score is 1 to 5 whatever code writes it.
CREATE TRIGGER `seller_ratings_score_range` BEFORE INSERT ON `seller_ratings` WHEN new.rating NOT BETWEEN 1 AND 5 BEGIN
  SELECT RAISE(ABORT, 'rating must be between 1 and 5');
END;
