import { fieldErrorsOf, isCurrency, parseMajorUnits } from '@carparts/domain';
import { error, fail, type ActionFailure as KitActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { safeRedirect } from './http.ts';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

/** Turning API refusals into form failures and error pages, and reading typed values from forms. */
export interface ActionFailure {
  message: string;
  fieldErrors: Record<string, string[]>;
  values?: Record<string, unknown>;
}

/** Turns an API refusal into a form failure the page shows in place: the message and the errors per field. */
export function failFrom(err: unknown, values?: Record<string, unknown>) {
  if (!(err instanceof TRPCError)) throw err;
  const status = getHTTPStatusCodeFromError(err);
  const zodLike = err.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined;
  const domainFields = (err.cause as unknown as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
  const fieldErrors = zodLike?.issues ? fieldErrorsOf(zodLike.issues, 'form') : { ...domainFields };
  // API messages name the field for tools ("newPassword: …"); a person reads the message beside the field instead
  const readable = Object.keys(fieldErrors).length ? err.message.replace(/^[\w.]+: /, '') : err.message;
  const message = err.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side; please try again' : zodLike?.issues ? 'Please correct the highlighted fields' : readable;
  return fail(status, { message, fieldErrors, values } satisfies ActionFailure);
}

/** For loads: an API refusal becomes the matching error page (404 for what is missing or not yours). */
export function errorFrom(err: unknown): never {
  if (!(err instanceof TRPCError)) throw err;
  const status = getHTTPStatusCodeFromError(err);
  error(status, err.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side' : err.message);
}

export function formText(data: FormData, key: string): string | undefined {
  const value = data.get(key);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A whole number typed in a field; anything else is NaN, for the API's schema to refuse with its own message. */
export function formInt(data: FormData, key: string): number | undefined {
  const value = formText(data, key)?.trim();
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * A price typed in major units ("45.50", "5000" yen) as integer minor units of the form's currency; anything that is
 * not a price in that currency is passed on as NaN for the API to refuse with its message.
 */
export function formPrice(data: FormData, key: string, currency: unknown): number | undefined {
  const value = formText(data, key);
  if (value === undefined) return undefined;
  return isCurrency(currency) ? (parseMajorUnits(value, currency) ?? Number.NaN) : Number.NaN;
}

/** The values a form sent, as text, to show again beside its errors (files left out). */
export const typedValues = (data: FormData) => Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;

/**
 * Reads a form with the same schema the API will apply: the typed value, or the failure the page shows in place,
 * each field's messages beside it. The API checks again; this only spares a round of wrong types.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  values: Record<string, unknown>,
): { ok: true; value: z.output<S> } | { ok: false; failure: KitActionFailure<ActionFailure> } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, failure: fail(400, { message: 'Please correct the highlighted fields', fieldErrors: fieldErrorsOf(parsed.error.issues, 'form'), values }) };
}

/** What a sign-in form sent: the credentials as typed, and where to go next (only ever a path on this site). */
export function credentialsFrom(data: FormData) {
  return {
    username: String(data.get('username') ?? ''),
    password: String(data.get('password') ?? ''),
    redirectTo: safeRedirect(String(data.get('redirectTo') ?? '/')),
  };
}
