/** The messages of an error and its causes: Drizzle wraps driver errors as "Failed query: …" with the cause inside. */
export function errorChainMessages(error: unknown): string[] {
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    messages.push(e.message);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') messages.push(code);
  }
  return messages;
}

export function isUniqueViolation(error: unknown, indexOrColumn?: string): boolean {
  return errorChainMessages(error).some(
    (m) => /UNIQUE constraint failed/.test(m) && (indexOrColumn === undefined || m.includes(indexOrColumn)),
  );
}
