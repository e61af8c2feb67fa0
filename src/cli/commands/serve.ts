import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { AppContext } from '../../app/index.ts';
import { type Instant, InviteKeeperError } from '../../core/index.ts';
import {
  createTeamAuth,
  DEFAULT_HOST,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_PORT,
  ensureDashboardBuilt,
  isLoopbackHost,
  loadOrCreateToken,
  type RunningServer,
  startServer,
  tokenFileFor,
} from '../../server/index.ts';
import type { Colors } from '../io.ts';
import type { CommandKit } from '../program.ts';

export interface ServeFlags {
  host: string;
  port: number;
  open?: boolean;
  maxUploadMb: number;
}

/** The options `serve` and `demo --serve` share. */
export function addServeOptions(cmd: Command, forDemo = false): Command {
  const when = forDemo ? ' (with --serve)' : '';
  return cmd
    .addOption(new Option('--host <address>', `address to listen on${when}`).default(DEFAULT_HOST))
    .addOption(
      new Option('--port <number>', `port to listen on, 0 for any free one${when}`)
        .default(DEFAULT_PORT)
        .argParser(parsePort),
    )
    .addOption(new Option('--open', `open the dashboard in the browser${when}`))
    .addOption(
      new Option('--max-upload-mb <n>', `largest upload accepted, in MiB${when}`)
        .default(DEFAULT_MAX_UPLOAD_BYTES / 1024 / 1024)
        .argParser(parseMegabytes),
    );
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535)
    throw new InviteKeeperError('USAGE', `--port ${text}: a port is 0 to 65535`);
  return n;
}

function parseMegabytes(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > 4096) {
    throw new InviteKeeperError('USAGE', `--max-upload-mb ${text}: give a size between 1 and 4096`);
  }
  return n;
}

/**
 * Serves the dashboard and the API on `ctx`, each request at `clock()`, until the process is interrupted. Prints the address with
 * the token, and a loud warning when the address is reachable from other machines.
 */
export async function serveUntilInterrupted(
  kit: CommandKit,
  c: Colors,
  ctx: AppContext,
  clock: () => Instant,
  flags: ServeFlags,
  opts: { token?: string; label?: string } = {},
): Promise<void> {
  const dashboardDir = await ensureDashboardBuilt(kit.io.packageRoot, (reason) =>
    kit.note(c.dim(`Building the dashboard (${reason}); this takes a few seconds…`)),
  );
  // PostgreSQL is team mode: each user signs in with their own token (`invitekeeper users add`).
  const team = ctx.store.dialect === 'postgres';
  const server: RunningServer = await startServer({
    app: ctx,
    host: flags.host,
    port: flags.port,
    ...(team
      ? { auth: createTeamAuth(ctx, clock) }
      : { token: opts.token ?? loadOrCreateToken(tokenFileFor(ctx.config)).token }),
    dashboardDir,
    maxUploadBytes: Math.round(flags.maxUploadMb * 1024 * 1024),
    clock,
    log: (m) => kit.note(m),
  });
  try {
    if (!isLoopbackHost(flags.host)) {
      kit.note(
        c.red(
          c.bold(
            `\n  WARNING: listening on ${flags.host}, not on this machine's loopback address.\n` +
              '  Anyone who can reach this address and learns the token can read and change your data, over\n' +
              '  plain HTTP that others on the network can read. Use the default (127.0.0.1) unless you know why.\n',
          ),
        ),
      );
    }
    const lines = team
      ? [
          `${c.bold(opts.label ?? 'invitekeeper dashboard')} in team mode on PostgreSQL`,
          `  Open ${c.cyan(server.url)}`,
          c.dim(
            '  (each user signs in with the token `invitekeeper users add` gave them; press Ctrl+C to stop)',
          ),
        ]
      : [
          `${c.bold(opts.label ?? 'invitekeeper dashboard')} for ${c.bold(ctx.config.account)} on ${ctx.config.db}`,
          `  Open ${c.cyan(server.url)}`,
          c.dim('  (the link carries the key to your data: do not share it; press Ctrl+C to stop)'),
        ];
    kit.io.stdout.write(`${lines.join('\n')}\n`);
    if (flags.open) openInBrowser(server.url, (m) => kit.note(m));
    await (kit.io.untilInterrupted ?? neverEnding)();
  } finally {
    await server.close();
  }
}

function neverEnding(): Promise<void> {
  return new Promise(() => {});
}

/** Hands the address to the system's browser opener; a failure is only reported. */
function openInBrowser(url: string, note: (m: string) => void): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => note(`Could not open a browser; open the address above yourself.`));
    child.unref();
  } catch {
    note('Could not open a browser; open the address above yourself.');
  }
}

export function registerServe(program: Command, kit: CommandKit): void {
  addServeOptions(
    program
      .command('serve')
      .description('the dashboard and JSON API on this machine (http://127.0.0.1:7755 by default)'),
  ).action(async (flags: ServeFlags, cmd: Command) => {
    await kit.withApp(cmd, (ctx) => serveUntilInterrupted(kit, kit.colors(cmd), ctx, kit.clock(cmd), flags));
  });
}
