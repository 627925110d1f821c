/**
 * Structured one-line logs. Values are JSON-encoded, so newlines and control characters in user input cannot forge
 * log lines; callers never pass tokens, passwords, typed usernames or VIN fragments.
 */
export function logEvent(event: string, fields: Record<string, unknown> = {}): void {
  if (process.env.CARPARTS_QUIET_LOGS === '1') return;
  console.log(JSON.stringify({ at: new Date().toISOString(), event, ...fields }));
}

/**
 * Drizzle reports a failed statement as "Failed query: <sql>\nparams: <values>", and the values are whatever was being
 * written: password hashes, emails, phone numbers, VIN fragments. The SQL is worth logging; the values never are.
 */
const QUERY_PARAMS = /\nparams:[\s\S]*$/;
const redact = (message: string) => message.replace(QUERY_PARAMS, '\nparams: [redacted]');

interface LoggedError {
  name: string;
  message: string;
  code?: string;
}

/** An error and its causes, outermost first, with every statement's parameters left out. */
export function describeError(error: unknown): { chain: LoggedError[]; stack?: string } {
  const chain: LoggedError[] = [];
  let stack: string | undefined;
  for (let e: unknown = error, depth = 0; depth < 8 && e !== undefined && e !== null; e = (e as { cause?: unknown }).cause, depth++) {
    if (!(e instanceof Error)) {
      chain.push({ name: typeof e, message: redact(String(e)) });
      break;
    }
    const code = (e as { code?: unknown }).code;
    chain.push({ name: e.name, message: redact(e.message), ...(typeof code === 'string' && { code }) });
    // the stack's first lines repeat the message, parameters included: keep only the frames
    const frames = e.stack?.split('\n').filter((line) => /^\s+at /.test(line));
    if (frames?.length) stack = frames.join('\n');
  }
  return { chain, ...(stack && { stack }) };
}

export function logError(event: string, error: unknown, fields: Record<string, unknown> = {}): void {
  console.error(JSON.stringify({ at: new Date().toISOString(), event, ...fields, error: describeError(error) }));
}
