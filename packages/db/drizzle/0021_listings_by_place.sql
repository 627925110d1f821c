-- The listings of each place, newest first, with the columns a search by distance filters on: listings stand where
-- their place does, so such a search reads the newest few listings of each place in its circle (nearest places first
-- when it sorts by distance) instead of measuring every listing of a dense area.
CREATE INDEX `listings_place_idx` ON `part_listings` (`status`,`place_id`,`created_at`,`price_cents`,`currency`,`part_category`,`seller_id`) WHERE "part_listings"."place_id" IS NOT NULL;