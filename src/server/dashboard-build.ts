import fs from 'node:fs';
import path from 'node:path';
import { InviteKeeperError } from '../core/index.ts';

/**
 * The dashboard is built by Vite into web/dist. `serve` builds it when it is missing or older than
 * its sources, so a fresh clone needs only `npm ci` (no install-time build step that every CLI user
 * would pay for), and a `git pull` never serves a stale page.
 */

export function dashboardSourceDir(packageRoot: string): string {
  return path.join(packageRoot, 'web');
}

export function dashboardDistDir(packageRoot: string): string {
  return path.join(packageRoot, 'web', 'dist');
}

/** Newest modification time among the files the bundle is made from (the page and the core it imports). */
function newestSourceTime(packageRoot: string): number {
  let newest = 0;
  const visit = (p: string) => {
    let info: fs.Stats;
    try {
      info = fs.statSync(p);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const entry of fs.readdirSync(p)) {
        if (entry === 'dist' || entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
        visit(path.join(p, entry));
      }
    } else newest = Math.max(newest, info.mtimeMs);
  };
  visit(dashboardSourceDir(packageRoot));
  visit(path.join(packageRoot, 'src', 'core'));
  return newest;
}

/** Whether web/dist is missing or older than a source file. */
export function dashboardNeedsBuild(packageRoot: string): boolean {
  const index = path.join(dashboardDistDir(packageRoot), 'index.html');
  let built: number;
  try {
    built = fs.statSync(index).mtimeMs;
  } catch {
    return true;
  }
  return newestSourceTime(packageRoot) > built;
}

/** Builds the dashboard with Vite into `outDir` (default web/dist). */
export async function buildDashboard(
  packageRoot: string,
  outDir = dashboardDistDir(packageRoot),
): Promise<string> {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new InviteKeeperError(
      'INTERNAL',
      'the dashboard is not built and Vite is not installed to build it: run `npm ci` then `npm run build` in the invitekeeper folder',
    );
  }
  await vite.build({
    configFile: path.join(dashboardSourceDir(packageRoot), 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/**
 * The folder to serve the dashboard from, building it first when needed; `onBuild` is told before a
 * build starts (it takes a few seconds).
 */
export async function ensureDashboardBuilt(
  packageRoot: string,
  onBuild?: (reason: string) => void,
): Promise<string> {
  const dist = dashboardDistDir(packageRoot);
  if (!dashboardNeedsBuild(packageRoot)) return dist;
  const sourcesThere = fs.existsSync(path.join(dashboardSourceDir(packageRoot), 'index.html'));
  if (!sourcesThere) {
    throw new InviteKeeperError(
      'INTERNAL',
      `the dashboard's sources are missing from ${dashboardSourceDir(packageRoot)}`,
    );
  }
  const built = fs.existsSync(path.join(dist, 'index.html'));
  onBuild?.(built ? 'its sources changed' : 'it is not built yet');
  try {
    return await buildDashboard(packageRoot, dist);
  } catch (error) {
    // An install without Vite (production dependencies only) still serves the page it shipped with.
    if (built) return dist;
    throw error;
  }
}
