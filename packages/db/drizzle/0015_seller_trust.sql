ALTER TABLE `users` ADD `completed_sales_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `response_median_ms` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `verified_business_at` integer;--> statement-breakpoint
-- The median wait for a first answer over the seller's last 100 answered questions (the lower middle one of an even count).
CREATE TRIGGER `users_response_median` AFTER UPDATE OF `first_replied_at` ON `inquiries`
WHEN OLD.`first_replied_at` IS NULL AND NEW.`first_replied_at` IS NOT NULL BEGIN
  UPDATE `users` SET `response_median_ms` = (
    SELECT `wait` FROM (
      SELECT `first_replied_at` - `created_at` AS `wait` FROM `inquiries`
      WHERE `seller_id` = NEW.`seller_id` AND `first_replied_at` IS NOT NULL ORDER BY `created_at` DESC LIMIT 100
    ) ORDER BY `wait` LIMIT 1 OFFSET (
      SELECT (count(*) - 1) / 2 FROM (
        SELECT 1 FROM `inquiries` WHERE `seller_id` = NEW.`seller_id` AND `first_replied_at` IS NOT NULL ORDER BY `created_at` DESC LIMIT 100
      )
    )
  ) WHERE `id` = NEW.`seller_id`;
END;--> statement-breakpoint
-- (a question recorded as already answered, as imports and the demo write them)
CREATE TRIGGER `users_response_median_on_insert` AFTER INSERT ON `inquiries`
WHEN NEW.`first_replied_at` IS NOT NULL BEGIN
  UPDATE `users` SET `response_median_ms` = (
    SELECT `wait` FROM (
      SELECT `first_replied_at` - `created_at` AS `wait` FROM `inquiries`
      WHERE `seller_id` = NEW.`seller_id` AND `first_replied_at` IS NOT NULL ORDER BY `created_at` DESC LIMIT 100
    ) ORDER BY `wait` LIMIT 1 OFFSET (
      SELECT (count(*) - 1) / 2 FROM (
        SELECT 1 FROM `inquiries` WHERE `seller_id` = NEW.`seller_id` AND `first_replied_at` IS NOT NULL ORDER BY `created_at` DESC LIMIT 100
      )
    )
  ) WHERE `id` = NEW.`seller_id`;
END;--> statement-breakpoint
CREATE TRIGGER `users_completed_sales_on_insert` AFTER INSERT ON `purchases` WHEN NEW.`status` = 'completed' BEGIN
  UPDATE `users` SET `completed_sales_count` = `completed_sales_count` + 1 WHERE `id` = NEW.`seller_id`;
END;--> statement-breakpoint
CREATE TRIGGER `users_completed_sales_on_update` AFTER UPDATE OF `status` ON `purchases` WHEN NEW.`status` IS NOT OLD.`status` BEGIN
  UPDATE `users` SET `completed_sales_count` = `completed_sales_count` + (NEW.`status` = 'completed') - (OLD.`status` = 'completed') WHERE `id` = NEW.`seller_id`;
END;--> statement-breakpoint
UPDATE `users` SET `completed_sales_count` = (SELECT count(*) FROM `purchases` WHERE `purchases`.`seller_id` = `users`.`id` AND `purchases`.`status` = 'completed');--> statement-breakpoint
WITH `recent` AS (
  SELECT `seller_id`, `first_replied_at` - `created_at` AS `wait`, row_number() OVER (PARTITION BY `seller_id` ORDER BY `created_at` DESC) AS `age`
  FROM `inquiries` WHERE `first_replied_at` IS NOT NULL
), `ranked` AS (
  SELECT `seller_id`, `wait`, row_number() OVER (PARTITION BY `seller_id` ORDER BY `wait`) AS `k`, count(*) OVER (PARTITION BY `seller_id`) AS `n`
  FROM `recent` WHERE `age` <= 100
)
UPDATE `users` SET `response_median_ms` = (SELECT `wait` FROM `ranked` WHERE `ranked`.`seller_id` = `users`.`id` AND `k` = (`n` - 1) / 2 + 1)
WHERE `role` = 'seller';
