import { router } from '../../trpc.ts';
import { consoleAuditRouter } from './audit.ts';
import { consoleFitmentRouter } from './fitment.ts';
import { consoleInquiriesRouter } from './inquiries.ts';
import { consoleListingsRouter } from './listings.ts';
import { consoleUsersRouter } from './users.ts';

/** Every operator procedure, in one place: all of them are built on operatorProcedure. */
export const consoleRouter = router({
  ...consoleListingsRouter,
  ...consoleInquiriesRouter,
  ...consoleFitmentRouter,
  ...consoleUsersRouter,
  ...consoleAuditRouter,
});
