CREATE TABLE `email_confirmations` (
	`user_id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`state` text NOT NULL,
	`due_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`token_hash` text,
	`expires_at` integer,
	`requested_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_confirmations_token_hash_unique` ON `email_confirmations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `email_confirmations_due_idx` ON `email_confirmations` (`due_at`) WHERE "email_confirmations"."state" IN ('pending', 'sending');--> statement-breakpoint
ALTER TABLE `users` ADD `email_confirmed_at` integer;