import { Command, CommanderError, Option } from 'commander';
import { type AppContext, type Config, loadConfig, openApp } from '../app/index.ts';
import { formatLocation, InviteKeeperError, isInviteKeeperError } from '../core/index.ts';
import { registerAccepted } from './commands/accepted.ts';
import { registerAccounts } from './commands/accounts.ts';
import { registerConfig } from './commands/config.ts';
import { registerDemo } from './commands/demo.ts';
import { registerImport } from './commands/import.ts';
import { registerPlan } from './commands/plan.ts';
import { registerReport } from './commands/report.ts';
import { registerReported } from './commands/reported.ts';
import { registerSent } from './commands/sent.ts';
import { registerServe } from './commands/serve.ts';
import { registerSimulate } from './commands/simulate.ts';
import { registerStatus } from './commands/status.ts';
import { registerTargets } from './commands/targets.ts';
import { registerTemplates } from './commands/templates.ts';
import { registerUsers } from './commands/users.ts';
import { registerWithdrawn } from './commands/withdrawn.ts';
import { registerWorkspaces } from './commands/workspaces.ts';
import { exitCodeFor } from './exit-codes.ts';
import { type CliIo, type Colors, colorsFor, inertText, jsonText } from './io.ts';

/** The options every command takes (SPEC section 6). */
export interface GlobalOptions {
  db?: string;
  account?: string;
  workspace?: string;
  now?: string;
  json?: boolean;
  color?: boolean;
  config?: string;
}

/** What a command needs to run: its I/O, its options, and the app opened on the right database. */
export interface CommandKit {
  io: CliIo;
  globals(cmd: Command): GlobalOptions;
  colors(cmd: Command): Colors;
  config(cmd: Command): Config;
  /** Opens the app, runs `fn`, closes the database whatever happens. */
  withApp<R>(cmd: Command, fn: (ctx: AppContext) => Promise<R>, configOverride?: Config): Promise<R>;
  /** Prints `value` as JSON with --json, else the human rendering. */
  print(cmd: Command, value: unknown, human: (c: Colors) => string): void;
  /** A line on stderr for the member (never mixed into --json output). */
  note(text: string): void;
  /**
   * Ends the command with this exit code once its output is printed (a lint that found errors:
   * the findings are the output, and scripts still see a failure).
   */
  exitWith(code: 1 | 2): void;
}

/** What a run of the program ends with when no error was thrown. */
export interface RunOutcome {
  exitCode: number;
}

/** Builds the `invitekeeper` command line. */
export function createProgram(io: CliIo, outcome: RunOutcome = { exitCode: 0 }): Command {
  const program = new Command('invitekeeper')
    .description(
      'Keeps your LinkedIn connection requests healthy: what to withdraw today, how many you may still send, to whom, and how healthy your account is.\nIt reads your own data export and Sent page; it never logs in to LinkedIn.',
    )
    .version('0.1.0', '-V, --version')
    .addOption(
      new Option('--db <file|url>', 'database: a SQLite file or postgres://... (env INVITEKEEPER_DB)'),
    )
    .addOption(new Option('--account <name>', 'the LinkedIn account to work on (default "default")'))
    .addOption(
      new Option('--workspace <name>', 'team mode: the workspace to work in (env INVITEKEEPER_WORKSPACE)'),
    )
    .addOption(new Option('--now <time>', 'act as if it were this ISO 8601 time (default: the clock)'))
    .addOption(new Option('--json', 'print JSON (the documented contract) instead of tables'))
    .addOption(new Option('--no-color', 'no colour even on a terminal'))
    .addOption(new Option('--config <file>', 'config file (default ~/.config/invitekeeper/config.json)'))
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();

  const kit: CommandKit = {
    io,
    globals: (cmd) => cmd.optsWithGlobals() as GlobalOptions,
    colors: (cmd) => colorsFor(io, (cmd.optsWithGlobals() as GlobalOptions).color !== false),
    config: (cmd) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      return loadConfig(
        { db: g.db, account: g.account, workspace: g.workspace, now: g.now, config: g.config },
        io.env,
        io.clock,
      );
    },
    async withApp(cmd, fn, configOverride) {
      const ctx = await openApp(configOverride ?? kit.config(cmd));
      try {
        return await fn(ctx);
      } finally {
        await ctx.store.close();
      }
    },
    print(cmd, value, human) {
      if ((cmd.optsWithGlobals() as GlobalOptions).json) io.stdout.write(`${jsonText(value)}\n`);
      else {
        // Without colour nothing may pass; with it, only colour sequences (see inertText).
        const c = kit.colors(cmd);
        io.stdout.write(`${inertText(human(c), c.isColorSupported)}\n`);
      }
    },
    note: (text) => io.stderr.write(`${inertText(text)}\n`),
    exitWith: (code) => {
      outcome.exitCode = code;
    },
  };

  registerImport(program, kit);
  registerStatus(program, kit);
  registerPlan(program, kit);
  registerWithdrawn(program, kit);
  registerSent(program, kit);
  registerAccepted(program, kit);
  registerReported(program, kit);
  registerTargets(program, kit);
  registerTemplates(program, kit);
  registerConfig(program, kit);
  registerReport(program, kit);
  registerServe(program, kit);
  registerDemo(program, kit);
  registerAccounts(program, kit);
  registerUsers(program, kit);
  registerWorkspaces(program, kit);
  registerSimulate(program, kit);
  for (const cmd of allCommands(program)) {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    cmd.showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const outcome: RunOutcome = { exitCode: 0 };
  const program = createProgram(io, outcome);
  const wantsJson = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; every other commander complaint is bad usage.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        return 0;
      if (error.code === 'commander.help') return 0;
      return 2;
    }
    const known = isInviteKeeperError(error)
      ? error
      : new InviteKeeperError(
          'INTERNAL',
          `unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
        );
    const where = formatLocation(known.file, known.line);
    // A message that already names its file ("Invitations.csv line 2: ...") is not prefixed again.
    const named =
      where !== '' && (known.message.includes(where) || known.message.startsWith(known.file ?? '\u0000'));
    const message = where && !named ? `${where}: ${known.message}` : known.message;
    io.stderr.write(`invitekeeper: ${inertText(message)}\n`);
    if (known.code === 'INTERNAL' && error instanceof Error && io.env.INVITEKEEPER_DEBUG) {
      io.stderr.write(`${error.stack}\n`);
    } else if (known.code === 'INTERNAL') {
      io.stderr.write('This is a bug; run again with INVITEKEEPER_DEBUG=1 for details and report it.\n');
    }
    if (wantsJson) {
      io.stdout.write(
        `${jsonText({
          error: {
            code: known.code,
            message: known.message,
            ...(known.file ? { file: known.file } : {}),
            ...(known.line ? { line: known.line } : {}),
            ...(known.problems.length ? { problems: known.problems } : {}),
            ...(known.data ? { data: known.data } : {}),
          },
        })}\n`,
      );
    }
    return exitCodeFor(known.code);
  }
}
