CREATE TABLE `notification_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`channels` text NOT NULL,
	`unsubscribe_token` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_settings_unsubscribe_token_unique` ON `notification_settings` (`unsubscribe_token`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`event_id` integer NOT NULL,
	`kind` text NOT NULL,
	`event_type` text NOT NULL,
	`listing_id` text,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	`email_state` text DEFAULT 'none' NOT NULL,
	`email_due_at` integer,
	`email_attempts` integer DEFAULT 0 NOT NULL,
	`email_error` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_once_per_event` ON `notifications` (`user_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`) WHERE "notifications"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX `notifications_email_due_idx` ON `notifications` (`email_due_at`) WHERE "notifications"."email_state" IN ('pending', 'sending');--> statement-breakpoint
CREATE TABLE `outbox_cursors` (
	`name` text PRIMARY KEY NOT NULL,
	`event_id` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `purchases` ADD `expiry_warned_at` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `recipient_id` text;--> statement-breakpoint
-- A notification reaches its person's open screens through the outbox like every other change.
CREATE TRIGGER `events_notification_created` AFTER INSERT ON `notifications` BEGIN
  INSERT INTO `events` (`type`, `at`, `recipient_id`, `data`)
  VALUES ('notification.created', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`user_id`, json_object('notificationId', NEW.`id`, 'kind', NEW.`kind`));
END;--> statement-breakpoint
CREATE TRIGGER `events_purchase_expiring` AFTER UPDATE OF `expiry_warned_at` ON `purchases`
WHEN OLD.`expiry_warned_at` IS NULL AND NEW.`expiry_warned_at` IS NOT NULL AND NEW.`status` = 'reserved' BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `seller_id`, `data`)
  VALUES ('purchase.expiring', CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, NEW.`seller_id`,
    json_object('purchaseId', NEW.`id`, 'listingId', NEW.`part_listing_id`, 'expiresAt', NEW.`expires_at`));
END;--> statement-breakpoint
-- A cancellation says which side cancelled (the buyer, the seller, or an operator), so the other side is the one told.
DROP TRIGGER `events_purchase_status`;--> statement-breakpoint
CREATE TRIGGER `events_purchase_status` AFTER UPDATE OF `status` ON `purchases` WHEN OLD.`status` <> NEW.`status` BEGIN
  INSERT INTO `events` (`type`, `at`, `listing_id`, `buyer_id`, `seller_id`, `data`)
  VALUES ('purchase.' || NEW.`status`, CAST(unixepoch('subsec') * 1000 AS INTEGER), NEW.`part_listing_id`, NEW.`buyer_id`, NEW.`seller_id`,
    CASE WHEN NEW.`status` = 'cancelled'
      THEN json_object('purchaseId', NEW.`id`, 'listingId', NEW.`part_listing_id`, 'cancelledBy',
        CASE NEW.`cancelled_by` WHEN NEW.`buyer_id` THEN 'buyer' WHEN NEW.`seller_id` THEN 'seller' ELSE 'operator' END)
      ELSE json_object('purchaseId', NEW.`id`, 'listingId', NEW.`part_listing_id`) END);
END;
--> statement-breakpoint
-- The notifier starts from the outbox as it is now: what happened before notifications existed is not announced.
INSERT INTO `outbox_cursors` (`name`, `event_id`) SELECT 'notifier', coalesce(max(`id`), 0) FROM `events`;
