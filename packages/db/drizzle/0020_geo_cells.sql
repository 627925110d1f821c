-- A grid cell of a tenth of a degree by a tenth of a degree for every listing with a location, and an index that holds, per cell,
-- what a search by distance sorts and filters on most: such a search reads the cells that touch its circle in
-- index order, one sequential run per cell, without reading each candidate listing. (Shifted to be positive, the
-- coordinates are truncated to their floor by the cast.)
ALTER TABLE `part_listings` ADD `geo_cell` integer GENERATED ALWAYS AS (CASE WHEN `lat` IS NULL OR `lon` IS NULL THEN NULL ELSE CAST((`lat` + 90) * 10 AS INTEGER) * 3600 + min(CAST((`lon` + 180) * 10 AS INTEGER), 3599) END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `listings_geo_cell_idx` ON `part_listings` (`status`, `geo_cell`, `created_at`, `lat`, `lon`, `price_cents`, `currency`, `part_category`, `seller_id`) WHERE `geo_cell` IS NOT NULL;
