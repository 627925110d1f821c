import {
  assertAcceptablePassword,
  createSession,
  hashPassword,
  invalidateSession,
  invalidateUserSessions,
  signIn,
  verifyPassword,
  consumeRateLimit,
  countCall,
  resetRateLimit,
} from '@carparts/auth';
import { isUniqueViolation, users } from '@carparts/db';
import { DomainError, changePasswordInput, confirmEmailInput, signInInput, signUpInput, updateProfileInput, vehicleInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { logEvent } from '../log.ts';
import { authedProcedure, publicProcedure } from '../trpc.ts';
import { ownUser } from '../services/accounts.ts';
import { confirmEmail, emailConfirmationOf, queueEmailConfirmation, requestEmailConfirmation } from '../services/email-confirmation.ts';
import { locationColumns, locationOf, resolveLocation } from '../services/places.ts';
import { activeGarageVehicle, setMyVehicle } from '../services/garage.ts';

/** The active garage vehicle in the fields of a fitment check. */
const myVehicleView = (v: Awaited<ReturnType<typeof activeGarageVehicle>>) =>
  v ? { vehicleMake: v.make, vehicleModel: v.model, vehicleYear: v.year, vinLast8: v.vinLast8, name: v.name, garageVehicleId: v.id, location: locationOf(v) } : null;
import type { ApiContext } from '../context.ts';

/** Password changes per account: every call counts, batched or not; a successful change clears the count. */
export const PASSWORD_CHANGE_LIMIT = { limit: 5, windowMs: 15 * 60_000 };

/** Browsers keep the session in an HttpOnly cookie; tools ask for the token in the response and send it as Bearer. */
const sessionIn = { sessionIn: z.enum(['cookie', 'token']).default('cookie') };

async function startSession(ctx: ApiContext, user: typeof users.$inferSelect, deliver: 'cookie' | 'token') {
  if (ctx.session) await invalidateSession(ctx.db, ctx.session.id);
  const { token, session } = await createSession(ctx.db, user, ctx.now());
  if (deliver === 'cookie') ctx.cookies.set(token, session.expiresAt);
  return { user: ownUser(user), expiresAt: session.expiresAt, token: deliver === 'token' ? token : null };
}

export const authRouter = {
  signUp: publicProcedure.input(signUpInput.extend(sessionIn)).mutation(async ({ ctx, input }) => {
    assertAcceptablePassword(input.password);
    const allowed = await consumeRateLimit(ctx.db, `signup:address:${ctx.meta.clientAddress}`, { limit: 20, windowMs: 3_600_000 }, ctx.now());
    if (!allowed) throw new DomainError('TOO_MANY_REQUESTS', 'Too many new accounts from here; try again later');
    const now = ctx.now();
    const passwordHash = await hashPassword(input.password);
    let user: typeof users.$inferSelect;
    try {
      user = await ctx.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(users)
          .values({
            username: input.username,
            email: input.email,
            passwordHash,
            role: input.role,
            displayName: input.displayName,
            phoneNumber: input.phoneNumber ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        // the address gets its confirmation link, and nothing else until it is confirmed
        await queueEmailConfirmation(tx, created!.id, created!.email, now);
        return created!;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users.username')) {
        throw new DomainError('CONFLICT', 'username: That username is taken', { username: ['That username is taken'] });
      }
      if (isUniqueViolation(error, 'users.email')) {
        throw new DomainError('CONFLICT', 'email: This email cannot be used for a new account', { email: ['This email cannot be used for a new account'] });
      }
      throw error;
    }
    return startSession(ctx, user, input.sessionIn);
  }),

  signIn: publicProcedure.input(signInInput.extend(sessionIn)).mutation(async ({ ctx, input }) => {
    // never the typed username: people type their password into it by mistake. The account, when there is one.
    const attempt = { ip: ctx.meta.clientAddress, requestId: ctx.meta.requestId };
    const result = await signIn(ctx.db, { username: input.username, password: input.password, clientAddress: ctx.meta.clientAddress }, ctx.now()).catch(
      async (error: unknown) => {
        const account = await ctx.db.query.users.findFirst({ where: eq(users.username, input.username), columns: { id: true } });
        logEvent('auth.signIn.refused', { ...attempt, userId: account?.id ?? null, code: error instanceof DomainError ? error.code : 'ERROR' });
        throw error;
      },
    );
    logEvent('auth.signIn', { ...attempt, userId: result.user.id });
    if (ctx.session) await invalidateSession(ctx.db, ctx.session.id);
    if (input.sessionIn === 'cookie') ctx.cookies.set(result.token, result.session.expiresAt);
    return { user: ownUser(result.user), expiresAt: result.session.expiresAt, token: input.sessionIn === 'token' ? result.token : null };
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await invalidateSession(ctx.db, ctx.session.id);
    ctx.cookies.clear();
    return { signedOut: true as const };
  }),

  me: authedProcedure.query(async ({ ctx }) => {
    const user = await ctx.db.query.users.findFirst({ where: eq(users.id, ctx.user.id) });
    if (!user) throw new DomainError('UNAUTHORIZED', 'Sign in to do this');
    return { ...ownUser(user), vehicle: myVehicleView(await activeGarageVehicle(ctx.db, user.id)), emailConfirmation: await emailConfirmationOf(ctx.db, user) };
  }),

  /** Sends the link that confirms the account's email address (again); nothing when it is confirmed or on its way. */
  requestEmailConfirmation: authedProcedure.mutation(({ ctx }) => requestEmailConfirmation(ctx.db, ctx.user.id, ctx.now())),

  /** Confirms an email address by the token of the link sent to it; no sign-in needed. */
  confirmEmail: publicProcedure.input(confirmEmailInput).mutation(({ ctx, input }) => confirmEmail(ctx.db, input.token, ctx.now())),

  /** Ends every session of the account (other devices included) and starts a fresh one here. */
  changePassword: authedProcedure.input(changePasswordInput.extend(sessionIn)).mutation(async ({ ctx, input }) => {
    // a stolen session must not become an oracle for the current password, nor a way to make us run argon2 at will
    const attempts = await countCall(ctx.db, `password-change:${ctx.user.id}`, PASSWORD_CHANGE_LIMIT, ctx.now());
    if (attempts > PASSWORD_CHANGE_LIMIT.limit) {
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many password change attempts; wait a while and try again');
    }
    const user = await ctx.db.query.users.findFirst({ where: eq(users.id, ctx.user.id) });
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new DomainError('FORBIDDEN', 'currentPassword: Your current password is not correct', { currentPassword: ['Not correct'] });
    }
    assertAcceptablePassword(input.newPassword, 'newPassword');
    const passwordHash = await hashPassword(input.newPassword);
    await ctx.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, updatedAt: ctx.now() }).where(eq(users.id, user.id));
      await invalidateUserSessions(tx, user.id);
    });
    await resetRateLimit(ctx.db, `password-change:${ctx.user.id}`);
    return startSession({ ...ctx, session: null }, user, input.sessionIn);
  }),

  updateProfile: authedProcedure.input(updateProfileInput).mutation(async ({ ctx, input }) => {
    const location = input.location ? await resolveLocation(input.location) : input.location;
    const [row] = await ctx.db
      .update(users)
      .set({
        ...(input.displayName !== undefined && { displayName: input.displayName }),
        ...(input.phoneNumber !== undefined && { phoneNumber: input.phoneNumber }),
        ...(location !== undefined && locationColumns(location)),
        updatedAt: ctx.now(),
      })
      .where(eq(users.id, ctx.user.id))
      .returning();
    return ownUser(row!);
  }),

  /** Makes a vehicle the active one of the account's garage, adding it when it is not there (null: none active). */
  setVehicle: authedProcedure.input(z.strictObject({ vehicle: vehicleInput.nullable() })).mutation(async ({ ctx, input }) => {
    await setMyVehicle(ctx.db, ctx.user.id, input.vehicle, ctx.now());
    const user = await ctx.db.query.users.findFirst({ where: eq(users.id, ctx.user.id) });
    return { ...ownUser(user!), vehicle: myVehicleView(await activeGarageVehicle(ctx.db, ctx.user.id)) };
  }),
} satisfies TRPCRouterRecord;
