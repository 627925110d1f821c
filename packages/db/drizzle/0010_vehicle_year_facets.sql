CREATE TABLE `model_years` (
	`year` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `vehicle_year_facets` (
	`make_key` text NOT NULL,
	`model_key` text NOT NULL,
	`year` integer NOT NULL,
	`currency` text NOT NULL,
	`part_category` text NOT NULL,
	`active_listings` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`make_key`, `model_key`, `year`, `currency`, `part_category`)
);
--> statement-breakpoint
INSERT INTO `model_years` (`year`) VALUES (0);--> statement-breakpoint
INSERT INTO `model_years` (`year`) WITH RECURSIVE `ys`(`y`) AS (SELECT 1900 UNION ALL SELECT `y` + 1 FROM `ys` WHERE `y` < 2100) SELECT `y` FROM `ys`;--> statement-breakpoint
INSERT INTO `vehicle_year_facets` (`make_key`, `model_key`, `year`, `currency`, `part_category`, `active_listings`)
  SELECT c.`make_key`, c.`model_key`, y.`year`, l.`currency`, l.`part_category`, count(DISTINCT c.`listing_seq`)
  FROM `listing_coverage` c
  JOIN `part_listings` l ON l.`seq` = c.`listing_seq` AND l.`status` = 'active'
  JOIN `model_years` y ON y.`year` BETWEEN coalesce(c.`year_from`, 0) AND coalesce(c.`year_to`, 0)
  GROUP BY c.`make_key`, c.`model_key`, y.`year`, l.`currency`, l.`part_category`;--> statement-breakpoint
CREATE TRIGGER `coverage_year_facets_insert` AFTER INSERT ON `listing_coverage` BEGIN
  INSERT INTO `vehicle_year_facets` (`make_key`, `model_key`, `year`, `currency`, `part_category`, `active_listings`)
    SELECT new.`make_key`, new.`model_key`, y.`year`, l.`currency`, l.`part_category`, 1
    FROM `model_years` y JOIN `part_listings` l ON l.`seq` = new.`listing_seq` AND l.`status` = 'active'
    WHERE y.`year` BETWEEN coalesce(new.`year_from`, 0) AND coalesce(new.`year_to`, 0)
      AND NOT EXISTS (SELECT 1 FROM `listing_coverage` o WHERE o.`listing_seq` = new.`listing_seq` AND o.`seq` <> new.`seq`
        AND o.`make_key` = new.`make_key` AND o.`model_key` = new.`model_key` AND y.`year` BETWEEN coalesce(o.`year_from`, 0) AND coalesce(o.`year_to`, 0))
    ON CONFLICT (`make_key`, `model_key`, `year`, `currency`, `part_category`) DO UPDATE SET `active_listings` = `active_listings` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `coverage_year_facets_delete` AFTER DELETE ON `listing_coverage` BEGIN
  UPDATE `vehicle_year_facets` SET `active_listings` = `active_listings` - 1
    WHERE `make_key` = old.`make_key` AND `model_key` = old.`model_key`
      AND `year` BETWEEN coalesce(old.`year_from`, 0) AND coalesce(old.`year_to`, 0)
      AND (`currency`, `part_category`) IN (SELECT `currency`, `part_category` FROM `part_listings` WHERE `seq` = old.`listing_seq` AND `status` = 'active')
      AND NOT EXISTS (SELECT 1 FROM `listing_coverage` o WHERE o.`listing_seq` = old.`listing_seq` AND o.`make_key` = old.`make_key` AND o.`model_key` = old.`model_key`
        AND `vehicle_year_facets`.`year` BETWEEN coalesce(o.`year_from`, 0) AND coalesce(o.`year_to`, 0));
END;--> statement-breakpoint
CREATE TRIGGER `listings_year_facets` AFTER UPDATE OF `status`, `currency`, `part_category` ON `part_listings`
  WHEN old.`status` = 'active' OR new.`status` = 'active' BEGIN
  UPDATE `vehicle_year_facets` SET `active_listings` = `active_listings` - 1
    WHERE old.`status` = 'active' AND `currency` = old.`currency` AND `part_category` = old.`part_category`
      AND (`make_key`, `model_key`, `year`) IN (SELECT c.`make_key`, c.`model_key`, y.`year` FROM `listing_coverage` c
        JOIN `model_years` y ON y.`year` BETWEEN coalesce(c.`year_from`, 0) AND coalesce(c.`year_to`, 0) WHERE c.`listing_seq` = new.`seq`);
  INSERT INTO `vehicle_year_facets` (`make_key`, `model_key`, `year`, `currency`, `part_category`, `active_listings`)
    SELECT DISTINCT c.`make_key`, c.`model_key`, y.`year`, new.`currency`, new.`part_category`, 1
    FROM `listing_coverage` c JOIN `model_years` y ON y.`year` BETWEEN coalesce(c.`year_from`, 0) AND coalesce(c.`year_to`, 0)
    WHERE new.`status` = 'active' AND c.`listing_seq` = new.`seq`
    ON CONFLICT (`make_key`, `model_key`, `year`, `currency`, `part_category`) DO UPDATE SET `active_listings` = `active_listings` + 1;
END;
