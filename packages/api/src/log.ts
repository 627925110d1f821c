/**
 * Structured one-line logs. Values are JSON-encoded, so newlines and control characters in user input cannot forge
 * log lines; callers never pass tokens, passwords or VIN fragments.
 */
export function logEvent(event: string, fields: Record<string, unknown> = {}): void {
  if (process.env.CARPARTS_QUIET_LOGS === '1') return;
  console.log(JSON.stringify({ at: new Date().toISOString(), event, ...fields }));
}

export function logError(event: string, error: unknown, fields: Record<string, unknown> = {}): void {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  console.error(
    JSON.stringify({
      at: new Date().toISOString(),
      event,
      ...fields,
      error: cause instanceof Error ? { name: cause.name, message: cause.message, stack: cause.stack } : String(cause),
    }),
  );
}
