import fs from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { AppContext, Config } from '../app/index.ts';
import { formatLocation, type Instant, InviteKeeperError, isInviteKeeperError } from '../core/index.ts';
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
  /** The clock the command acts by: fixed by --now or INVITEKEEPER_NOW, else the machine's. */
  clock(cmd: Command): () => Instant;
  /** The moment --now or INVITEKEEPER_NOW gives, null when neither does. */
  givenNow(cmd: Command): Instant | null;
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

/** Adds one command (its options, help and action) to the program. */
type Register = (program: Command, kit: CommandKit) => void;

/**
 * Every command, in the order help lists them, each loaded only when needed: a command's module
 * pulls in what it uses (the importers, the server, the report, the simulator), and the start of
 * `status` should not pay for `serve`. The bundle (scripts/build-cli.mjs) keeps each in a chunk.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  import: async () => (await import('./commands/import.ts')).registerImport,
  status: async () => (await import('./commands/status.ts')).registerStatus,
  plan: async () => (await import('./commands/plan.ts')).registerPlan,
  withdrawn: async () => (await import('./commands/withdrawn.ts')).registerWithdrawn,
  sent: async () => (await import('./commands/sent.ts')).registerSent,
  accepted: async () => (await import('./commands/accepted.ts')).registerAccepted,
  reported: async () => (await import('./commands/reported.ts')).registerReported,
  undo: async () => (await import('./commands/undo.ts')).registerUndo,
  targets: async () => (await import('./commands/targets.ts')).registerTargets,
  templates: async () => (await import('./commands/templates.ts')).registerTemplates,
  config: async () => (await import('./commands/config.ts')).registerConfig,
  report: async () => (await import('./commands/report.ts')).registerReport,
  serve: async () => (await import('./commands/serve.ts')).registerServe,
  demo: async () => (await import('./commands/demo.ts')).registerDemo,
  accounts: async () => (await import('./commands/accounts.ts')).registerAccounts,
  users: async () => (await import('./commands/users.ts')).registerUsers,
  workspaces: async () => (await import('./commands/workspaces.ts')).registerWorkspaces,
  simulate: async () => (await import('./commands/simulate.ts')).registerSimulate,
};

/** The global options that take a value (the next argument, unless written `--db=...`). */
const GLOBALS_WITH_VALUE = new Set(['--db', '--account', '--workspace', '--now', '--config']);

/**
 * The commands to load for `argv`: the one it names (its first operand after the global options);
 * none when it only asks for the version; otherwise (no command, help, a typo that commander
 * answers with a suggestion) all of them.
 */
export function commandsFor(argv: readonly string[]): string[] {
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (GLOBALS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg === '-h' || arg === '--help') return Object.keys(COMMANDS);
    if (arg === '-V' || arg === '--version') version = true;
    if (arg.startsWith('-')) continue;
    return Object.hasOwn(COMMANDS, arg) ? [arg] : Object.keys(COMMANDS);
  }
  return version ? [] : Object.keys(COMMANDS);
}

/** What a run of the program ends with when no error was thrown. */
export interface RunOutcome {
  exitCode: number;
}

/** Builds the `invitekeeper` command line with the commands named (by default all of them). */
export async function createProgram(
  io: CliIo,
  outcome: RunOutcome = { exitCode: 0 },
  names: readonly string[] = Object.keys(COMMANDS),
): Promise<Command> {
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
    // each command's --help lists the options every command takes too (--db, --json, --now, ...)
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();

  // The app (config, store, database driver) is loaded only when a command may run: not for --version.
  const { clockOf, givenNow, loadConfig, openApp } =
    names.length > 0 ? await import('./app-access.ts') : notLoaded;
  const kit: CommandKit = {
    io,
    globals: (cmd) => cmd.optsWithGlobals() as GlobalOptions,
    colors: (cmd) => colorsFor(io, (cmd.optsWithGlobals() as GlobalOptions).color !== false),
    config: (cmd) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      return loadConfig({ db: g.db, account: g.account, workspace: g.workspace, config: g.config }, io.env);
    },
    clock: (cmd) => clockOf({ now: kit.globals(cmd).now }, io.env, io.clock),
    givenNow: (cmd) => givenNow({ now: kit.globals(cmd).now }, io.env),
    async withApp(cmd, fn, configOverride) {
      const config = configOverride ?? kit.config(cmd);
      // A command refused on a database it created leaves no empty database behind.
      const created = isNewSqliteFile(config.db);
      const ctx = await openApp(config, kit.clock(cmd)());
      let ok = false;
      try {
        const result = await fn(ctx);
        ok = true;
        return result;
      } finally {
        const empty = created && !ok && (await holdsNothing(ctx));
        await ctx.store.close();
        if (empty) removeSqliteFiles(config.db);
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

  const registers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program, kit);
  for (const cmd of allCommands(program)) {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    cmd.showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

const noCommand = (): never => {
  throw new InviteKeeperError('INTERNAL', 'no command was loaded');
};
const notLoaded = { clockOf: noCommand, givenNow: noCommand, loadConfig: noCommand, openApp: noCommand };

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const outcome: RunOutcome = { exitCode: 0 };
  const wantsJson = argv.includes('--json');
  try {
    const program = await createProgram(io, outcome, commandsFor(argv));
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

/** Whether `db` names a SQLite file that does not exist yet (the command will create it). */
function isNewSqliteFile(db: string): boolean {
  return db !== ':memory:' && !/^postgres(ql)?:\/\//i.test(db) && !fs.existsSync(db);
}

/** Whether no account of the database holds a row (a schema and empty accounts only). */
async function holdsNothing(ctx: AppContext): Promise<boolean> {
  try {
    for (const a of await ctx.store.listAccounts()) {
      const rows = await ctx.store.countAccountRows(a.id);
      if (Object.values(rows).some((n) => n > 0)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Removes a SQLite database and its WAL and shared-memory files. */
function removeSqliteFiles(db: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${db}${suffix}`, { force: true });
}
