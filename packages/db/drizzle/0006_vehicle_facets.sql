CREATE TABLE `vehicle_facets` (
	`make_key` text NOT NULL,
	`model_key` text NOT NULL,
	`make` text NOT NULL,
	`model` text NOT NULL,
	`active_listings` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`make_key`, `model_key`)
);
--> statement-breakpoint
INSERT INTO `vehicle_facets` (`make_key`, `model_key`, `make`, `model`, `active_listings`)
  SELECT `make_key`, `model_key`, min(`vehicle_make`), min(`vehicle_model`), sum(`status` = 'active')
  FROM `part_listings` GROUP BY `make_key`, `model_key`;--> statement-breakpoint
CREATE TRIGGER `listings_vehicle_facets_insert` AFTER INSERT ON `part_listings` BEGIN
  INSERT INTO `vehicle_facets` (`make_key`, `model_key`, `make`, `model`, `active_listings`)
    VALUES (new.`make_key`, new.`model_key`, new.`vehicle_make`, new.`vehicle_model`, new.`status` = 'active')
    ON CONFLICT (`make_key`, `model_key`) DO UPDATE SET
      `active_listings` = `active_listings` + excluded.`active_listings`,
      `make` = min(`make`, excluded.`make`),
      `model` = min(`model`, excluded.`model`);
END;--> statement-breakpoint
CREATE TRIGGER `listings_vehicle_facets_delete` AFTER DELETE ON `part_listings` WHEN old.`status` = 'active' BEGIN
  UPDATE `vehicle_facets` SET `active_listings` = `active_listings` - 1
    WHERE `make_key` = old.`make_key` AND `model_key` = old.`model_key`;
END;--> statement-breakpoint
CREATE TRIGGER `listings_vehicle_facets_update` AFTER UPDATE OF `status`, `make_key`, `model_key`, `vehicle_make`, `vehicle_model` ON `part_listings` BEGIN
  UPDATE `vehicle_facets` SET `active_listings` = `active_listings` - 1
    WHERE old.`status` = 'active' AND `make_key` = old.`make_key` AND `model_key` = old.`model_key`;
  INSERT INTO `vehicle_facets` (`make_key`, `model_key`, `make`, `model`, `active_listings`)
    VALUES (new.`make_key`, new.`model_key`, new.`vehicle_make`, new.`vehicle_model`, new.`status` = 'active')
    ON CONFLICT (`make_key`, `model_key`) DO UPDATE SET
      `active_listings` = `active_listings` + excluded.`active_listings`,
      `make` = min(`make`, excluded.`make`),
      `model` = min(`model`, excluded.`model`);
END;
