#!/usr/bin/env node
// Runs the bundled CLI (dist/cli.mjs, built by `npm ci` / `npm run build:cli`) when it is at least
// as new as every source file; otherwise the TypeScript source through tsx, so an edit never runs
// stale code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

let useBundle = false;
try {
  useBundle = fs.statSync(bundle).mtimeMs >= newestSource(path.join(root, 'src'));
} catch {
  useBundle = false;
}

if (useBundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
