import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIMITS, megabytes } from '@carparts/domain';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { MAX_REQUEST_BODY_BYTES } from './http.ts';

/**
 * How much of an over-size body is read and thrown away before the 413 is sent. A client (fetch, curl) that is still
 * sending when the server answers and closes sees a broken pipe instead of the answer; reading what it sends, up to
 * this bound, lets it read the 413. Past the bound the connection is cut.
 */
const DISCARD_LIMIT_BYTES = 4 * MAX_REQUEST_BODY_BYTES;

/** Reads and drops the rest of a request body, up to `limit` bytes; false when the client sent more than that. */
function discardBody(req: IncomingMessage, limit: number): Promise<boolean> {
  if (req.readableEnded) return Promise.resolve(true);
  return new Promise((done) => {
    let size = 0;
    const finish = (complete: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      done(complete);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.resume();
  });
}

export const declaresOversizeBody = (req: IncomingMessage) => Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BODY_BYTES;

/**
 * Answers 413 with a body a client can read: the envelope of the API's other errors (superjson's `json` wrapper and
 * tRPC's error shape), so the typed client raises it as a PAYLOAD_TOO_LARGE error like any other refusal.
 */
export async function answerPayloadTooLarge(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const drained = await discardBody(req, DISCARD_LIMIT_BYTES);
  const message = `The request is larger than ${Math.floor(MAX_REQUEST_BODY_BYTES / 1024 / 1024)} MB; a photo may be at most ${megabytes(LIMITS.photoBytes)}`;
  const error = { message, code: TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, fieldErrors: null } };
  res.writeHead(413, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', connection: 'close' });
  res.end(JSON.stringify({ error: { json: error } }));
  if (!drained) req.socket.destroy();
}
