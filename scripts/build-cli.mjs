// Bundles the CLI into dist/cli.mjs with esbuild, so `invitekeeper` starts without compiling
// TypeScript at every run (tsx's loader hooks make each of Kysely's ~280 ES modules slow to load).
// Packages stay external: Node loads them itself. Run by `npm ci` (the `prepare` script) and by
// `npm run build`; bin/invitekeeper.js falls back to tsx when dist/ is missing or older than src/.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  banner: { js: '// Built from src/ by scripts/build-cli.mjs; edit the TypeScript, not this file.' },
};
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.mjs' }),
  // the server's imports run in a worker thread that loads this file (src/app/import-job.ts)
  build({ ...common, entryPoints: ['src/app/import-worker.ts'], outfile: 'dist/import-worker.mjs' }),
]);
