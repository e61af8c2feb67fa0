/**
 * The command line's entry point, and the only module that touches process.argv, process.env and
 * process.exit: everything else gets them passed in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './program.ts';

/** The folder of package.json (examples/, web/dist/): two up from src/cli, one up from dist/. */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}
const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

// A closed pipe (`invitekeeper plan | head`) is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  packageRoot,
  untilInterrupted: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
});
process.exitCode = code;
