CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`listing_id` text,
	`buyer_id` text,
	`seller_id` text,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_at_idx` ON `events` (`at`);--> statement-breakpoint
-- Every change someone may care about writes its event in the same statement as the change.
CREATE TRIGGER `events_listing_created` AFTER INSERT ON `part_listings` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `seller_id`, `data`)
  VALUES ('listing.created', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`id`, NEW.`seller_id`, json_object('listingId', NEW.`id`));
END;--> statement-breakpoint
CREATE TRIGGER `events_listing_status` AFTER UPDATE OF `status` ON `part_listings` WHEN OLD.`status` <> NEW.`status` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `seller_id`, `data`)
  VALUES ('listing.status_changed', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`id`, NEW.`seller_id`, json_object('listingId', NEW.`id`, 'from', OLD.`status`, 'to', NEW.`status`));
END;--> statement-breakpoint
CREATE TRIGGER `events_listing_updated` AFTER UPDATE ON `part_listings`
WHEN OLD.`price_cents` IS NOT NEW.`price_cents` OR OLD.`currency` IS NOT NEW.`currency` OR OLD.`title` IS NOT NEW.`title`
  OR OLD.`condition` IS NOT NEW.`condition` OR OLD.`compatibility_notes` IS NOT NEW.`compatibility_notes` OR OLD.`part_category` IS NOT NEW.`part_category` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `seller_id`, `data`)
  VALUES ('listing.updated', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`id`, NEW.`seller_id`, json_object('listingId', NEW.`id`, 'priceCents', NEW.`price_cents`, 'currency', NEW.`currency`));
END;--> statement-breakpoint
CREATE TRIGGER `events_photo_added` AFTER INSERT ON `inventory_photos` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `seller_id`, `data`)
  SELECT 'listing.photos_changed', CAST(unixepoch('subsec') * 1000 AS INTEGER), l.`id`, l.`seller_id`, json_object('listingId', l.`id`, 'photoId', NEW.`id`)
  FROM `part_listings` l WHERE l.`id` = NEW.`part_listing_id`;
END;--> statement-breakpoint
CREATE TRIGGER `events_photo_removed` AFTER DELETE ON `inventory_photos` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `seller_id`, `data`)
  SELECT 'listing.photos_changed', CAST(unixepoch('subsec') * 1000 AS INTEGER), l.`id`, l.`seller_id`, json_object('listingId', l.`id`, 'photoId', OLD.`id`)
  FROM `part_listings` l WHERE l.`id` = OLD.`part_listing_id`;
END;--> statement-breakpoint
CREATE TRIGGER `events_photo_primary` AFTER UPDATE OF `is_primary` ON `inventory_photos` WHEN NEW.`is_primary` = 1 AND OLD.`is_primary` = 0 BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `seller_id`, `data`)
  SELECT 'listing.photos_changed', CAST(unixepoch('subsec') * 1000 AS INTEGER), l.`id`, l.`seller_id`, json_object('listingId', l.`id`, 'photoId', NEW.`id`)
  FROM `part_listings` l WHERE l.`id` = NEW.`part_listing_id`;
END;--> statement-breakpoint
CREATE TRIGGER `events_inquiry_created` AFTER INSERT ON `inquiries` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `seller_id`, `data`)
  VALUES ('inquiry.created', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, NEW.`seller_id`, json_object('inquiryId', NEW.`id`, 'listingId', NEW.`part_listing_id`));
END;--> statement-breakpoint
CREATE TRIGGER `events_inquiry_replied` AFTER INSERT ON `inquiry_replies` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `seller_id`, `data`)
  SELECT 'inquiry.replied', CAST(unixepoch('subsec') * 1000 AS INTEGER), i.`part_listing_id`, i.`buyer_id`, i.`seller_id`,
    json_object('inquiryId', i.`id`, 'listingId', i.`part_listing_id`, 'replyId', NEW.`id`, 'authorId', NEW.`author_id`)
  FROM `inquiries` i WHERE i.`id` = NEW.`inquiry_id`;
END;--> statement-breakpoint
CREATE TRIGGER `events_inquiry_closed` AFTER UPDATE OF `status` ON `inquiries` WHEN NEW.`status` = 'closed' AND OLD.`status` <> 'closed' BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `seller_id`, `data`)
  VALUES ('inquiry.closed', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, NEW.`seller_id`, json_object('inquiryId', NEW.`id`, 'listingId', NEW.`part_listing_id`));
END;--> statement-breakpoint
CREATE TRIGGER `events_purchase_reserved` AFTER INSERT ON `purchases` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `seller_id`, `data`)
  VALUES ('purchase.' || NEW.`status`, CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, NEW.`seller_id`, json_object('purchaseId', NEW.`id`, 'listingId', NEW.`part_listing_id`));
END;--> statement-breakpoint
CREATE TRIGGER `events_purchase_status` AFTER UPDATE OF `status` ON `purchases` WHEN OLD.`status` <> NEW.`status` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `seller_id`, `data`)
  VALUES ('purchase.' || NEW.`status`, CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, NEW.`seller_id`, json_object('purchaseId', NEW.`id`, 'listingId', NEW.`part_listing_id`));
END;--> statement-breakpoint
CREATE TRIGGER `events_rating_created` AFTER INSERT ON `seller_ratings` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `seller_id`, `data`)
  VALUES ('rating.created', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, NEW.`seller_id`, json_object('ratingId', NEW.`id`, 'listingId', NEW.`part_listing_id`, 'purchaseId', NEW.`purchase_id`));
END;--> statement-breakpoint
CREATE TRIGGER `events_fitment_reported` AFTER INSERT ON `fitment_reports` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `seller_id`, `data`)
  VALUES ('fitment.reported', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, NEW.`seller_id`, json_object('reportId', NEW.`id`, 'listingId', NEW.`part_listing_id`, 'fit', json(CASE WHEN NEW.`fit` THEN 'true' ELSE 'false' END)));
END;--> statement-breakpoint
CREATE TRIGGER `events_fitment_resolved` AFTER UPDATE OF `resolved_at` ON `fitment_reports` WHEN OLD.`resolved_at` IS NULL AND NEW.`resolved_at` IS NOT NULL BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `seller_id`, `data`)
  VALUES ('fitment.resolved', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, NEW.`seller_id`, json_object('reportId', NEW.`id`, 'listingId', NEW.`part_listing_id`));
END;--> statement-breakpoint
CREATE TRIGGER `events_fitment_needs_review` AFTER INSERT ON `compatibility_logs` WHEN NEW.`fitment_status` = 'needs_review' BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `data`)
  VALUES ('fitment.needs_review', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, json_object('logId', NEW.`id`, 'listingId', NEW.`part_listing_id`));
END;--> statement-breakpoint
CREATE TRIGGER `events_fitment_reviewed` AFTER UPDATE OF `reviewed_at` ON `compatibility_logs` WHEN OLD.`reviewed_at` IS NULL AND NEW.`reviewed_at` IS NOT NULL BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `data`)
  VALUES ('fitment.reviewed', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, json_object('logId', NEW.`id`, 'listingId', NEW.`part_listing_id`));
END;
