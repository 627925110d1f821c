import { createServer, type RequestListener } from 'node:http';

/**
 * Serves a built adapter-node handler on localhost (127.0.0.1 and ::1, or `HOST`). This server speaks plain http,
 * and says so to adapter-node on every request (overwriting whatever a client sent), so SvelteKit's origin check
 * compares like with like; behind a TLS proxy set ORIGIN instead.
 */
const PROTOCOL_HEADER = 'x-carparts-protocol';

export function prepareAdapterEnv() {
  if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
}

export async function serveOnLocalhost(app: RequestListener, port: number): Promise<void> {
  const handler: RequestListener = (req, res) => {
    if (!process.env.ORIGIN) req.headers[PROTOCOL_HEADER] = 'http';
    app(req, res);
  };
  const hosts = process.env.HOST ? [process.env.HOST] : ['127.0.0.1', '::1'];
  const listening = await Promise.all(
    hosts.map(
      (host) =>
        new Promise<boolean>((done, fail) => {
          const server = createServer(handler);
          server.once('error', (error: NodeJS.ErrnoException) => {
            if (hosts.length > 1 && (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT')) done(false);
            else fail(error);
          });
          server.listen(port, host, () => done(true));
          for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
        }),
    ),
  );
  if (!listening.includes(true)) throw new Error(`Could not listen on port ${port}`);
}
