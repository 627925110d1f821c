/**
 * The error a domain rule raises. The API layer turns it into a TRPCError with the same code, so rules stay free
 * of tRPC and the message stays safe to show a person.
 */
export type DomainErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** The one translation of validation issues into errors per field ("title" → its messages), for tools and forms alike. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[], whole = 'input'): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[issue.path.map(String).join('.') || whole] ??= []).push(issue.message);
  return fieldErrors;
}

/** "title: Must be at least 3 characters; price: Required": the first message of each field, named. */
export const describeFieldErrors = (fieldErrors: Record<string, string[]>) =>
  Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages[0]}`)
    .join('; ');

/** A validation failure as the domain's error: BAD_REQUEST naming each field. */
export const invalidInput = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
  const fieldErrors = fieldErrorsOf(issues);
  return new DomainError('BAD_REQUEST', describeFieldErrors(fieldErrors), fieldErrors);
};
