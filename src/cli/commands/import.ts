import type { Command } from 'commander';
import { type ImportReport, importExport, importSentPageFile } from '../../app/index.ts';
import { InviteKeeperError, parseInstant } from '../../core/index.ts';
import { type Colors, plural } from '../io.ts';
import type { CommandKit } from '../program.ts';
import { createProgress } from '../progress.ts';

interface ImportFlags {
  asOf?: string;
  sentPage?: string;
  skipBadRows?: boolean;
  allowEmpty?: boolean;
}

export function registerImport(program: Command, kit: CommandKit): void {
  program
    .command('import')
    .description('import your LinkedIn data export (ZIP, unpacked folder or CSV) or your Sent page')
    .argument('[paths...]', 'export ZIP files, folders or CSV files, imported in the order given')
    .option('--as-of <time>', 'when the export was taken (default: newest time in the ZIP, else now)')
    .option(
      '--sent-page <file>',
      'the Sent page of "Manage invitations", pasted into a .txt or saved as .html',
    )
    .option('--skip-bad-rows', 'import the good rows of a file that has bad ones (default: refuse the file)')
    .option('--allow-empty', 'accept an export or a Sent page that lists no outgoing invitation')
    .addHelpText(
      'after',
      `
Examples:
  invitekeeper import ~/Downloads/Basic_LinkedInDataExport_11-26-2026.zip
  invitekeeper import Invitations.csv Connections.csv --as-of 2026-11-26T08:00Z
  invitekeeper import --sent-page sent.txt`,
    )
    .action(async (paths: string[], flags: ImportFlags, cmd: Command) => {
      if (paths.length === 0 && !flags.sentPage) {
        throw new InviteKeeperError(
          'USAGE',
          'name an export (ZIP, folder or CSV) to import, or --sent-page <file>',
        );
      }
      const asOf = flags.asOf ? parseInstant(flags.asOf, '--as-of') : undefined;
      const reports = await kit.withApp(cmd, async (ctx) => {
        const out: ImportReport[] = [];
        const progress = createProgress(kit.io, 'importing');
        try {
          for (const path of paths) {
            out.push(
              await importExport(ctx, path, {
                asOf,
                skipBadRows: flags.skipBadRows,
                allowEmpty: flags.allowEmpty,
                onProgress: (p) => progress.update(p.rows, p.file),
              }).catch((error: unknown) => {
                throw withCommandHint(error, path);
              }),
            );
            progress.stop();
          }
          if (flags.sentPage) {
            out.push(
              await importSentPageFile(ctx, flags.sentPage, {
                asOf,
                skipBadRows: flags.skipBadRows,
                allowEmpty: flags.allowEmpty,
              }),
            );
          }
        } finally {
          progress.stop();
        }
        return out;
      });
      for (const r of reports)
        for (const e of r.rowErrors) kit.note(`skipped ${e.file}:${e.line}: ${e.message}`);
      kit.print(cmd, reports.length === 1 ? reports[0] : reports, (c) =>
        reports.map((r) => renderImportReport(c, r)).join('\n\n'),
      );
    });
}

/** A file that is not an export but another input says the command that imports it. */
function withCommandHint(error: unknown, path: string): unknown {
  if (!(error instanceof InviteKeeperError)) return error;
  const as = error.data?.importAs;
  const command =
    as === 'targets'
      ? `invitekeeper targets import ${path}`
      : as === 'sent-page'
        ? `invitekeeper import --sent-page ${path}`
        : null;
  if (!command) return error;
  return new InviteKeeperError(error.code, `${error.message}: ${command}`, {
    ...(error.file === undefined ? {} : { file: error.file }),
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.data === undefined ? {} : { data: error.data }),
  });
}

/** Closed invitations listed one per line; --json has them all. */
const MAX_LISTED_CLOSED = 50;

/** One import's outcome as a member reads it. */
export function renderImportReport(c: Colors, r: ImportReport): string {
  const lines = [
    c.bold(`Imported ${r.file}`) +
      c.dim(` (as of ${r.asOf.slice(0, 16).replace('T', ' ')} UTC, account ${r.account})`),
  ];
  if (r.alreadyImported) {
    lines.push(
      c.dim(`  Already imported before: nothing changed (${plural(r.unchanged, 'row')} unchanged).`),
    );
    return lines.join('\n');
  }
  const i = r.invitations;
  const aside = [
    i.incomingIgnored ? `${plural(i.incomingIgnored, 'incoming invitation')} left aside` : '',
    i.unidentified
      ? `${plural(i.unidentified, 'invitation')} to members with no name or link, counted only`
      : '',
  ].filter(Boolean);
  lines.push(
    `  Invitations: ${c.green(`${i.new} new`)}, ${i.refined} updated, ${i.unchanged} unchanged` +
      (aside.length ? c.dim(` (${aside.join('; ')})`) : ''),
  );
  const t = r.transitions;
  if (t.accepted + t.closed + t.expired > 0) {
    // An export is a history: on a first import its accepted invitations are accepted at once.
    lines.push(
      `  Settled by this import: ${t.accepted} accepted (the invitee is a connection), ${t.closed} withdrawn or declined (closed), ${t.expired} expired`,
    );
  }
  if (r.closedInvitations.length) {
    // A closing starts a cooldown: the member sees whom, and can tell a wrong file at once.
    lines.push(`  Closed (no longer listed: withdrawn or declined):`);
    for (const x of r.closedInvitations.slice(0, MAX_LISTED_CLOSED)) {
      lines.push(
        `    ${x.name || c.dim('(no name)')}  ${c.dim(`sent ${x.sentAt.slice(0, 10)}`)}  ${x.profileUrl ?? ''}`,
      );
    }
    if (r.closedInvitations.length > MAX_LISTED_CLOSED)
      lines.push(
        c.dim(`    and ${r.closedInvitations.length - MAX_LISTED_CLOSED} more (--json lists them all)`),
      );
  }
  if (r.kind === 'export') {
    const cn = r.connections;
    lines.push(
      `  Connections: ${cn.new} new, ${cn.updated} updated, ${cn.unchanged} unchanged` +
        (cn.nameless
          ? c.dim(
              `; ${plural(cn.nameless, 'connection')} without a name: members who left or hide their profile`,
            )
          : ''),
    );
  }
  if (r.rowErrors.length)
    lines.push(c.yellow(`  ${plural(r.rowErrors.length, 'bad row')} skipped (listed above)`));
  for (const n of r.notes) lines.push(c.dim(`  Note: ${n}`));
  return lines.join('\n');
}
