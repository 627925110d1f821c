import { markNotificationsReadInput, notificationsInput, setNotificationPreferencesInput, unsubscribeInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listNotifications, markNotificationsRead, notificationPreferences, setNotificationPreferences, unreadNotificationCount, unsubscribe } from '../services/notifications.ts';
import { authedProcedure, publicProcedure } from '../trpc.ts';

/** The notification centre: what concerns the caller, and how each kind reaches them. */
export const notificationsRouter = {
  list: authedProcedure.input(notificationsInput).query(({ ctx, input }) => listNotifications(ctx.db, ctx.user, input)),
  unreadCount: authedProcedure.input(z.strictObject({}).optional()).query(async ({ ctx }) => ({ unreadCount: await unreadNotificationCount(ctx.db, ctx.user) })),
  markRead: authedProcedure.input(markNotificationsReadInput).mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.user, input, ctx.now())),
  preferences: authedProcedure.input(z.strictObject({}).optional()).query(({ ctx }) => notificationPreferences(ctx.db, ctx.user)),
  setPreferences: authedProcedure.input(setNotificationPreferencesInput).mutation(({ ctx, input }) => setNotificationPreferences(ctx.db, ctx.user, input, ctx.now())),
  /** An email's unsubscribe link: the token in it is the authority, so no sign-in is needed. */
  unsubscribe: publicProcedure.input(unsubscribeInput).mutation(({ ctx, input }) => unsubscribe(ctx.db, input, ctx.now())),
} satisfies TRPCRouterRecord;
