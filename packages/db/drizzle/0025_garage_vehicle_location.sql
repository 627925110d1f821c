ALTER TABLE `garage_vehicles` ADD `place_id` integer;--> statement-breakpoint
ALTER TABLE `garage_vehicles` ADD `city` text;--> statement-breakpoint
ALTER TABLE `garage_vehicles` ADD `country` text;--> statement-breakpoint
ALTER TABLE `garage_vehicles` ADD `postal_code` text;--> statement-breakpoint
ALTER TABLE `garage_vehicles` ADD `lat` real;--> statement-breakpoint
ALTER TABLE `garage_vehicles` ADD `lon` real;