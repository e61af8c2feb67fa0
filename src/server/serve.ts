import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { AppContext } from '../app/index.ts';
import { type Instant, InviteKeeperError } from '../core/index.ts';
import { createApp } from './app.ts';
import { type Authenticator, allowedHostsFor, createLocalTokenAuth, isLoopbackHost } from './security.ts';

/** The port `invitekeeper serve` listens on unless told otherwise. */
export const DEFAULT_PORT = 7755;
export const DEFAULT_HOST = '127.0.0.1';

export interface StartServerOptions {
  app: AppContext;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The local token (single-member mode); one of `token` and `auth` is needed. */
  token?: string;
  /** How tokens are checked otherwise (team mode: users' tokens). */
  auth?: Authenticator;
  dashboardDir: string | null;
  maxUploadBytes?: number;
  clock: () => Instant;
  /** Host names the server should also answer to (a LAN name when bound to a LAN address). */
  extraHosts?: readonly string[];
  log?: (message: string) => void;
  /** Imports in a worker thread (default true): see ServerDeps.importsAside. */
  importsAside?: boolean;
}

export interface RunningServer {
  host: string;
  port: number;
  /** The address to open, without the token. */
  origin: string;
  /** The address with the token in its fragment: the page keeps it, the server never sees it in a URL. */
  url: string;
  loopback: boolean;
  close(): Promise<void>;
}

/** Opens the socket (the only place that does) and serves the app on it. */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const host = opts.host ?? DEFAULT_HOST;
  const auth = opts.auth ?? (opts.token ? createLocalTokenAuth(opts.token) : null);
  if (!auth) throw new InviteKeeperError('INTERNAL', 'startServer needs a token or an authenticator');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new InviteKeeperError(
              'USAGE',
              `port ${opts.port} on ${host} is in use: choose another with --port (0 picks a free one)`,
            )
          : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
            ? new InviteKeeperError('USAGE', `cannot listen on ${host}: not an address of this machine`)
            : new InviteKeeperError('INTERNAL', `cannot listen on ${host}:${opts.port}: ${error.message}`),
      );
    });
    server.listen(opts.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const app = createApp({
    app: opts.app,
    auth,
    allowedHosts: allowedHostsFor(host, port, opts.extraHosts ?? []),
    dashboardDir: opts.dashboardDir,
    ...(opts.maxUploadBytes === undefined ? {} : { maxUploadBytes: opts.maxUploadBytes }),
    clock: opts.clock,
    ...(opts.log ? { log: opts.log } : {}),
    importsAside: opts.importsAside ?? true,
  });
  server.on('request', getRequestListener(app.fetch));
  const shown = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shown}:${port}`;
  return {
    host,
    port,
    origin,
    url: opts.auth || !opts.token ? `${origin}/` : `${origin}/#token=${opts.token}`,
    loopback: isLoopbackHost(host),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
