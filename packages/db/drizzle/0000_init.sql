CREATE TABLE `part_listings` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`seller_id` text NOT NULL,
	`title` text NOT NULL,
	`part_category` text NOT NULL,
	`condition` text NOT NULL,
	`price_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`vehicle_make` text NOT NULL,
	`vehicle_model` text NOT NULL,
	`vehicle_year` integer,
	`make_key` text NOT NULL,
	`model_key` text NOT NULL,
	`compatibility_notes` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`moderation_reason` text,
	`moderated_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`seller_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `listings_id_unique` ON `part_listings` (`id`);--> statement-breakpoint
CREATE INDEX `listings_vehicle_price_idx` ON `part_listings` (`status`,`make_key`,`model_key`,`vehicle_year`,`price_cents`);--> statement-breakpoint
CREATE INDEX `listings_vehicle_newest_idx` ON `part_listings` (`status`,`make_key`,`model_key`,`created_at`,`price_cents`);--> statement-breakpoint
CREATE INDEX `listings_category_newest_idx` ON `part_listings` (`status`,`part_category`,`created_at`,`price_cents`);--> statement-breakpoint
CREATE INDEX `listings_category_price_idx` ON `part_listings` (`status`,`part_category`,`price_cents`);--> statement-breakpoint
CREATE INDEX `listings_newest_idx` ON `part_listings` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `listings_price_idx` ON `part_listings` (`status`,`price_cents`);--> statement-breakpoint
CREATE INDEX `listings_seller_idx` ON `part_listings` (`seller_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`reason` text,
	`before` text,
	`after` text,
	`request_id` text,
	`ip` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_target_idx` ON `audit_log` (`target_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`,`created_at`);--> statement-breakpoint
CREATE TABLE `compatibility_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`buyer_id` text NOT NULL,
	`part_listing_id` text NOT NULL,
	`vin_last8` text,
	`vehicle_make` text NOT NULL,
	`vehicle_model` text NOT NULL,
	`vehicle_year` integer NOT NULL,
	`fitment_status` text NOT NULL,
	`notes` text,
	`reviewed_at` integer,
	`reviewed_by` text,
	`review_note` text,
	FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_listing_id`) REFERENCES `part_listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fitment_buyer_idx` ON `compatibility_logs` (`buyer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `fitment_listing_idx` ON `compatibility_logs` (`part_listing_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `fitment_status_idx` ON `compatibility_logs` (`fitment_status`,`reviewed_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `fitment_created_idx` ON `compatibility_logs` (`created_at`);--> statement-breakpoint
CREATE TABLE `inquiries` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`buyer_id` text NOT NULL,
	`seller_id` text NOT NULL,
	`part_listing_id` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`first_replied_at` integer,
	`closed_at` integer,
	`closed_by` text,
	`close_reason` text,
	FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_listing_id`) REFERENCES `part_listings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inquiries_buyer_idx` ON `inquiries` (`buyer_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `inquiries_seller_idx` ON `inquiries` (`seller_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `inquiries_listing_idx` ON `inquiries` (`part_listing_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_status_idx` ON `inquiries` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_created_idx` ON `inquiries` (`created_at`);--> statement-breakpoint
CREATE TABLE `inquiry_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`inquiry_id` text NOT NULL,
	`author_id` text NOT NULL,
	`message` text NOT NULL,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inquiry_replies_thread_idx` ON `inquiry_replies` (`inquiry_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `inventory_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`part_listing_id` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`storage_key` text NOT NULL,
	`image_url` text NOT NULL,
	`thumbnail_url` text NOT NULL,
	`caption` text,
	`angle` text,
	`is_primary` integer DEFAULT false NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	FOREIGN KEY (`part_listing_id`) REFERENCES `part_listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `photos_listing_idx` ON `inventory_photos` (`part_listing_id`,`is_primary`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `photos_storage_key_unique` ON `inventory_photos` (`storage_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `photos_one_primary_per_listing` ON `inventory_photos` (`part_listing_id`) WHERE "inventory_photos"."is_primary" = 1;--> statement-breakpoint
CREATE TABLE `purchases` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`part_listing_id` text NOT NULL,
	`buyer_id` text NOT NULL,
	`seller_id` text NOT NULL,
	`price_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text DEFAULT 'reserved' NOT NULL,
	`expires_at` integer NOT NULL,
	`completed_at` integer,
	`cancelled_at` integer,
	`cancelled_by` text,
	`cancel_reason` text,
	FOREIGN KEY (`part_listing_id`) REFERENCES `part_listings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchases_one_live_reservation_per_listing` ON `purchases` (`part_listing_id`) WHERE "purchases"."status" = 'reserved';--> statement-breakpoint
CREATE INDEX `purchases_buyer_idx` ON `purchases` (`buyer_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `purchases_seller_idx` ON `purchases` (`seller_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `purchases_listing_idx` ON `purchases` (`part_listing_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `purchases_expiry_idx` ON `purchases` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `purchases_created_idx` ON `purchases` (`created_at`);--> statement-breakpoint
CREATE TABLE `seller_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`seller_id` text NOT NULL,
	`buyer_id` text NOT NULL,
	`part_listing_id` text NOT NULL,
	`purchase_id` text,
	`rating` integer NOT NULL,
	`review_text` text,
	`is_verified_purchase` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`seller_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_listing_id`) REFERENCES `part_listings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`purchase_id`) REFERENCES `purchases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_one_per_purchase` ON `seller_ratings` (`purchase_id`);--> statement-breakpoint
CREATE INDEX `ratings_seller_idx` ON `seller_ratings` (`seller_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ratings_buyer_idx` ON `seller_ratings` (`buyer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_started_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limits_window_idx` ON `rate_limits` (`window_started_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`secret_hash` blob NOT NULL,
	`created_at` integer NOT NULL,
	`last_verified_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`username` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`display_name` text NOT NULL,
	`phone_number` text,
	`status` text DEFAULT 'active' NOT NULL,
	`suspended_at` integer,
	`suspended_reason` text,
	`vehicle_make` text,
	`vehicle_model` text,
	`vehicle_year` integer,
	`vehicle_vin_last8` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_role_created_idx` ON `users` (`role`,`created_at`);--> statement-breakpoint
CREATE INDEX `users_display_name_idx` ON `users` (`display_name`);