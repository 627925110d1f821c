import { STATUS_CODES } from 'node:http';

/** Where the REST and GraphQL doors live, kept apart from their handlers so that hosts can name them cheaply. */
export const REST_BASE = '/api/v1';
export const GRAPHQL_ENDPOINT = '/api/graphql';

/**
 * A failed REST call as an RFC 9457 problem: the HTTP status, the tRPC code every door shares, a sentence a person
 * can read, and the message of each input field at fault.
 */
export function problemDocument(status: number, code: string, detail: string, fieldErrors: Record<string, string[]> | null = null) {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, code, detail, fieldErrors };
}
