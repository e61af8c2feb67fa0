/**
 * Builds the Sent-page companion (extension/) into dist/extension/, ready to load unpacked, and
 * packs it into dist/invitekeeper-companion-<version>.zip (manifest at the root, as both Chrome's
 * web store and Firefox's add-on site want). Each script is one self-contained bundle: a content
 * script cannot import modules, and an extension loads no remote code. `npm run build:extension`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import yazl from 'yazl';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'extension');
/** Copied as they are, beside the bundles. */
const STATIC_FILES = ['options.html', 'options.css'];

export interface BuiltExtension {
  dir: string;
  zip: string | null;
  files: string[];
}

/** Builds into `outDir` (emptied first) and, unless `zip` is null, packs it there. */
export async function buildExtension(
  outDir = path.join(ROOT, 'dist', 'extension'),
  zip: string | null = path.join(path.dirname(outDir), `invitekeeper-companion-${packageVersion()}.zip`),
): Promise<BuiltExtension> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: {
      content: 'extension/src/content.ts',
      background: 'extension/src/background.ts',
      options: 'extension/src/options.ts',
    },
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120', 'firefox121'],
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(SOURCE, 'manifest.json'), 'utf8'));
  manifest.version = packageVersion();
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const f of STATIC_FILES) fs.copyFileSync(path.join(SOURCE, f), path.join(outDir, f));
  const files = fs.readdirSync(outDir).sort();
  if (zip) await writeZip(outDir, files, zip);
  return { dir: outDir, zip, files };
}

function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
}

async function writeZip(dir: string, files: readonly string[], file: string): Promise<void> {
  const archive = new yazl.ZipFile();
  // A fixed date: the same sources give the same ZIP.
  const mtime = new Date('2026-01-01T00:00:00Z');
  for (const f of files) archive.addFile(path.join(dir, f), f, { mtime, mode: 0o644 });
  archive.end();
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file);
    archive.outputStream.pipe(out).on('close', resolve).on('error', reject);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildExtension();
  console.log(`built ${path.relative(ROOT, built.dir)}/ (${built.files.join(', ')})`);
  if (built.zip) console.log(`packed ${path.relative(ROOT, built.zip)}`);
}
