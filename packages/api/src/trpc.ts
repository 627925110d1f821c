import { DomainError, describeFieldErrors, fieldErrorsOf, type Role } from '@carparts/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { wireTransformer } from './wire.ts';

const INTERNAL_MESSAGE = 'Something went wrong on our side; please try again';

export interface ErrorDescription {
  message: string;
  /** The messages per input field (`title`, `coverage.0.yearTo`), or null when the error is not about one field. */
  fieldErrors: Record<string, string[]> | null;
}

/**
 * What every door (tRPC, REST, GraphQL) tells a client about a failed call: validation failures name each field,
 * domain rules keep their own words, and an internal error says nothing about its cause.
 */
export function describeError(error: TRPCError): ErrorDescription {
  const { cause } = error;
  if (error.code === 'INTERNAL_SERVER_ERROR') return { message: INTERNAL_MESSAGE, fieldErrors: null };
  if (cause instanceof z.ZodError) {
    const fieldErrors = fieldErrorsOf(cause.issues);
    return { message: describeFieldErrors(fieldErrors), fieldErrors };
  }
  return { message: error.message, fieldErrors: cause instanceof DomainError ? (cause.fieldErrors ?? null) : null };
}

const t = initTRPC.context<ApiContext>().create({
  transformer: wireTransformer,
  isDev: false,
  // live streams: a ping keeps proxies from closing a quiet stream, and a stream ends after a while so that the
  // client reconnects (resuming after its last event) through a fresh check of its session
  sse: { ping: { enabled: true, intervalMs: 15_000 }, maxDurationMs: 15 * 60_000, client: { reconnectAfterInactivityMs: 25_000 } },
  errorFormatter({ shape, error }) {
    const { message, fieldErrors } = describeError(error);
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message, data: { ...data, fieldErrors } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Browsers send cookies with cross-site requests, so a cookie-authenticated mutation must come from one of our own
 * origins (SvelteKit's CSRF check skips JSON bodies). Bearer tokens are never sent by a browser on its own, and
 * in-process callers are our own server code.
 */
function refuseCrossOriginMutation(ctx: ApiContext, type: string): void {
  if (type !== 'mutation' || ctx.meta.transport !== 'http' || ctx.meta.authVia === 'bearer') return;
  const allowed = ctx.config.allowedOrigins.length ? ctx.config.allowedOrigins : [ctx.meta.requestOrigin];
  const { origin } = ctx.meta;
  if (origin ? !allowed.includes(origin) : ctx.meta.authVia === 'cookie') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Cross-origin request refused' });
  }
}

/**
 * What every procedure passes through: the cross-origin check, then the call, whose DomainError (domain rules throw
 * it; in tRPC 11 `next()` resolves with the failure) becomes the TRPCError of its code. One middleware, not two: each
 * level of tRPC's chain copies the call's options twice, on every call.
 */
const doorRules = t.middleware(async ({ ctx, type, next }) => {
  refuseCrossOriginMutation(ctx, type);
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(doorRules);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to do this' });
  return next({ ctx: { user: ctx.user, session: ctx.session } });
});

const ROLE_NAMES: Record<Role, string> = { buyer: 'buyers', seller: 'sellers', operator: 'operators' };
const requireRole = (role: Role) =>
  authedProcedure.use(({ ctx, next }) => {
    if (ctx.user.role !== role) throw new TRPCError({ code: 'FORBIDDEN', message: `Only ${ROLE_NAMES[role]} can do this` });
    return next();
  });

export const buyerProcedure = requireRole('buyer');
export const sellerProcedure = requireRole('seller');
export const operatorProcedure = requireRole('operator');
