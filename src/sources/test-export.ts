import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { InviteKeeperError } from '../core/index.ts';
import type { ExportFileReader } from './linkedin-export.ts';
import type { Parsed } from './records.ts';

/** Helpers the LinkedIn export reader's tests share: fixtures, a temporary folder, rows and refusals. */

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
export const fixture = (name: string) => join(FIXTURES, name);

/** The calling test file's temporary folder, set before its tests run (see tempDirForTests). */
export let dir = '';

/** Makes the temporary folder `dir` before the calling file's tests and removes it after them. */
export function tempDirForTests(prefix = 'ik-export-'): void {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
}

/** Writes a file (its folders too) under `dir` and returns its path. */
export async function writeTemp(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return path;
}

export async function all<T>(reader: ExportFileReader<T> | null): Promise<Array<Parsed<T>>> {
  const out: Array<Parsed<T>> = [];
  if (!reader) return out;
  for await (const row of reader.rows()) out.push(row);
  return out;
}

export function values<T>(rows: Array<Parsed<T>>): T[] {
  return rows.flatMap((r) => (r.ok ? [r.value] : []));
}

export function errors<T>(rows: Array<Parsed<T>>) {
  return rows.flatMap((r) => (r.ok ? [] : [r.error]));
}

export async function rejection(promise: Promise<unknown>): Promise<InviteKeeperError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(InviteKeeperError);
    return err as InviteKeeperError;
  }
  throw new Error('expected a rejection');
}
