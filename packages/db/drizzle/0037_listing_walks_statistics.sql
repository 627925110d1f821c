-- the four indexes rebuilt by the previous migration lost their planner statistics with the old ones; each is read
-- again (one index each, not the table's every index) so that the planner keeps seeing what it saw before
ANALYZE `listings_category_newest_idx`;--> statement-breakpoint
ANALYZE `listings_category_price_idx`;--> statement-breakpoint
ANALYZE `listings_newest_idx`;--> statement-breakpoint
ANALYZE `listings_price_idx`;
