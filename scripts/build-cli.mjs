// Bundles the CLI into dist/cli.mjs with esbuild, so `invitekeeper` starts without compiling
// TypeScript at every run (tsx's loader hooks make each of Kysely's ~280 ES modules slow to load).
// Run by `npm ci` (the `prepare` script) and by `npm run build`; bin/invitekeeper.js falls back to
// tsx when dist/ is missing or older than src/.
//
// Start-up is what a member feels on every command, so:
// - the pure-JavaScript packages are bundled in (Node resolving and linking Kysely's ~280 files
//   and zod's ~100 took longer than the whole `status` query); only packages with native code or
//   optional native parts stay external (better-sqlite3, pg), and Node loads those itself;
// - the output is split: src/cli/program.ts imports each command's module when that command runs,
//   and esbuild puts what only some commands use (the server, the importers, the report, the
//   simulator) in chunks beside cli.mjs that `status` never reads;
// - the files of src/ are declared free of side effects at import, so that importing one function
//   from a folder's index.ts does not pull in every module the index re-exports.
// dist/import-worker.mjs is a second entry point: the server runs imports in a worker thread that
// loads it from beside the module that starts it (src/app/imports/job.ts), hence the chunks sit in
// dist/ too, not in a subfolder.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'src') + path.sep;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
/** Native code (better-sqlite3) and pg (its optional pg-native) are loaded by Node from node_modules. */
const NOT_BUNDLED = ['better-sqlite3', 'pg'];
// Development tools some paths import on demand (vite, for a dashboard built on the fly) stay
// outside: only the runtime dependencies are bundled.
const external = [...NOT_BUNDLED, 'pg-native', ...Object.keys(pkg.devDependencies ?? {})];

/** src/ modules only declare things; the entry points (which run) are kept whatever this says. */
const sourcesWithoutSideEffects = {
  name: 'sources-without-side-effects',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData?.ours || !args.importer.startsWith(src)) return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { ours: true },
      });
      if (resolved.errors.length > 0 || !resolved.path.startsWith(src)) return undefined;
      return { path: resolved.path, sideEffects: false };
    });
  },
};

// chunk names change with their content: old ones would pile up
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', 'import-worker': 'src/app/imports/worker.ts' },
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  plugins: [sourcesWithoutSideEffects],
  sourcemap: 'linked',
  logLevel: 'warning',
  // IK_METAFILE=<file> writes esbuild's metafile there: which sources and packages each chunk holds
  metafile: Boolean(process.env.IK_METAFILE),
  // bundled CommonJS packages (commander, cli-table3, yauzl...) require Node's built-in modules
  banner: {
    js: [
      '// Built from src/ by scripts/build-cli.mjs; edit the TypeScript, not this file.',
      "import { createRequire as __ikCreateRequire } from 'node:module';",
      'const require = __ikCreateRequire(import.meta.url);',
    ].join('\n'),
  },
});
if (process.env.IK_METAFILE) writeFileSync(process.env.IK_METAFILE, JSON.stringify(result.metafile));
