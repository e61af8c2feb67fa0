/**
 * The LinkedIn data export (SPEC section 3.1): the ZIP itself, its unpacked folder, or single CSV files.
 * Opening checks everything that can make the whole export unreadable (paths, encoding, headers, archive
 * safety) and hashes the files used; the rows of Invitations.csv and Connections.csv are then streamed
 * lazily, each either a record or a row error with its line. This file opens the export and
 * assembles it; linkedin-export-scan.ts recognises and checks its files, linkedin-export-rows.ts reads
 * their rows.
 */
import { createHash } from 'node:crypto';
import { open as openFile, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { type Instant, InviteKeeperError, isInviteKeeperError } from '../core/index.ts';
import { toSourceError } from './csv-stream.ts';
import {
  connectionMapper,
  type ExportFileReader,
  invitationMapper,
  readerOf,
  readProfile,
} from './linkedin-export-rows.ts';
import {
  type ByteSource,
  badInput,
  bufferSource,
  type ExportFileKind,
  entrySource,
  FILE_NAMES,
  fileSource,
  isZipStart,
  KINDS,
  type ScannedFile,
  scanFile,
} from './linkedin-export-scan.ts';
import type { ExportConnection, ExportInvitation, ExportProfile } from './records.ts';
import { type ArchiveEntry, type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS, openArchive } from './zip.ts';

export type { ExportFileReader } from './linkedin-export-rows.ts';
export type { ExportFileKind } from './linkedin-export-scan.ts';
export { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from './zip.ts';

export interface LinkedInExport {
  path: string;
  kind: 'zip' | 'folder' | 'csv';
  /** Newest ZIP entry modification time (a DOS time read as UTC); null for a folder or a CSV. */
  newestEntryTime: Instant | null;
  /** sha256 (hex) over the bytes of the files used: the same export gives the same hash, run after run. */
  contentHash: string;
  invitations: ExportFileReader<ExportInvitation> | null;
  connections: ExportFileReader<ExportConnection> | null;
  /** Profile.csv is tiny, so it is read at once. */
  profile: ExportProfile | null;
  /** The other files of the export, which are not read. */
  ignoredFiles: string[];
  close(): Promise<void>;
}

export interface OpenExportOptions {
  limits?: Partial<ArchiveLimits>;
}

const MAX_FOLDER_FILES = 20_000;
const MAX_FOLDER_DEPTH = 8;

function contentHashOf(files: ScannedFile[]): string {
  const hash = createHash('sha256');
  for (const kind of KINDS) {
    const f = files.find((s) => s.kind === kind);
    if (f) hash.update(`${kind}:${f.sha256}\n`);
  }
  return hash.digest('hex');
}

async function assemble(
  path: string,
  kind: LinkedInExport['kind'],
  files: ScannedFile[],
  ignoredFiles: string[],
  newestEntryTime: Instant | null,
  close: () => void,
): Promise<LinkedInExport> {
  const byKind = (k: ExportFileKind) => files.find((f) => f.kind === k) ?? null;
  const inv = byKind('invitations');
  const con = byKind('connections');
  const pro = byKind('profile');
  const profile = pro ? await readProfile(pro) : null;
  let closed = false;
  return {
    path,
    kind,
    newestEntryTime,
    contentHash: contentHashOf(files),
    invitations: inv ? readerOf(inv, invitationMapper) : null,
    connections: con ? readerOf(con, connectionMapper) : null,
    profile,
    ignoredFiles,
    async close() {
      if (closed) return;
      closed = true;
      close();
    },
  };
}

function exportKindOfName(name: string): ExportFileKind | null {
  const base = name.split('/').pop()?.toLowerCase();
  for (const kind of KINDS) if (base === FILE_NAMES[kind].toLowerCase()) return kind;
  return null;
}

function noExportFiles(display: string, hint = ''): InviteKeeperError {
  return new InviteKeeperError(
    'BAD_INPUT',
    `${display} contains no Invitations.csv or Connections.csv; is this a LinkedIn data export?${hint}`,
    { file: display },
  );
}

async function openZip(
  path: string,
  source: { path: string } | { buffer: Buffer },
  display: string,
  options: OpenExportOptions,
): Promise<LinkedInExport> {
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  const archive = await openArchive(source, display, limits);
  try {
    const used = new Map<ExportFileKind, ArchiveEntry>();
    const ignoredFiles: string[] = [];
    let newest: Instant | null = null;
    for (const entry of archive.entries) {
      newest = newest === null ? entry.modified : Math.max(newest, entry.modified);
      const kind = exportKindOfName(entry.name);
      if (kind === null) {
        ignoredFiles.push(entry.name);
        continue;
      }
      const previous = used.get(kind);
      if (previous) {
        throw new InviteKeeperError(
          'UNSAFE_ARCHIVE',
          `${display}: it contains ${FILE_NAMES[kind]} twice (${JSON.stringify(previous.name)} and ${JSON.stringify(entry.name)}); an export has one of each, so the archive was not opened`,
          { file: display },
        );
      }
      used.set(kind, entry);
    }
    if (!used.has('invitations') && !used.has('connections')) throw noExportFiles(display);
    const files: ScannedFile[] = [];
    for (const [kind, entry] of used) files.push(await scanFile(entrySource(archive, entry), kind));
    return await assemble(path, 'zip', files, ignoredFiles, newest, () => archive.close());
  } catch (err) {
    archive.close();
    throw err;
  }
}

async function listFolder(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (found.length >= MAX_FOLDER_FILES) {
        throw new InviteKeeperError(
          'TOO_LARGE',
          `${root}: holds more than ${MAX_FOLDER_FILES} files; point to the unpacked export folder itself`,
          { file: root },
        );
      }
      const full = join(dir, e.name);
      // symbolic links to folders are not followed: they could loop
      if (e.isDirectory()) {
        if (depth < MAX_FOLDER_DEPTH) await walk(full, depth + 1);
      } else if (e.isFile() || e.isSymbolicLink()) {
        found.push(relative(root, full).split(sep).join('/'));
      }
    }
  };
  await walk(root, 0);
  return found;
}

async function openFolder(path: string): Promise<LinkedInExport> {
  let names: string[];
  try {
    names = await listFolder(path);
  } catch (err) {
    throw toSourceError(err, path);
  }
  const used = new Map<ExportFileKind, string>();
  const ignoredFiles: string[] = [];
  for (const name of names) {
    const kind = exportKindOfName(name);
    if (kind === null) {
      ignoredFiles.push(name);
      continue;
    }
    const previous = used.get(kind);
    if (previous) {
      throw new InviteKeeperError(
        'BAD_INPUT',
        `${path}: it contains ${FILE_NAMES[kind]} twice (${previous} and ${name}); point to one export folder`,
        { file: path },
      );
    }
    used.set(kind, name);
  }
  if (!used.has('invitations') && !used.has('connections')) {
    const zip = ignoredFiles.find((n) => /\.zip$/i.test(n));
    throw noExportFiles(path, zip ? ` (it holds ${zip}: open that ZIP instead)` : '');
  }
  const files: ScannedFile[] = [];
  for (const [kind, name] of used) {
    const full = join(path, ...name.split('/'));
    const info = await stat(full).catch((err: unknown) => {
      throw toSourceError(err, name);
    });
    if (!info.isFile()) throw badInput(name, 'is not a regular file');
    files.push(await scanFile(fileSource(name, full), kind));
  }
  return assemble(path, 'folder', files, ignoredFiles, null, () => {});
}

async function openCsv(path: string, source: ByteSource): Promise<LinkedInExport> {
  const scanned = await scanFile(source, null);
  return assemble(path, 'csv', [scanned], [], null, () => {});
}

async function readStart(path: string, length: number): Promise<Buffer> {
  const handle = await openFile(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function wrapUnexpected(err: unknown, file: string): never {
  if (isInviteKeeperError(err)) throw err;
  throw toSourceError(err, file);
}

/**
 * Opens a LinkedIn data export: a ZIP (recognised by its signature, whatever its name), an unpacked
 * folder (the CSVs may sit in a subfolder), or one CSV recognised by its header. Throws FILE_NOT_FOUND,
 * BAD_INPUT, UNSAFE_ARCHIVE or TOO_LARGE with a message naming the file and the problem.
 */
export async function openLinkedInExport(
  path: string,
  options: OpenExportOptions = {},
): Promise<LinkedInExport> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new InviteKeeperError(
      'FILE_NOT_FOUND',
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `${path}: no such file or folder`
        : `${path}: cannot be read (${String(code ?? err)})`,
      { file: path },
    );
  }
  const display = basename(path) || path;
  try {
    if (info.isDirectory()) return await openFolder(path);
    if (!info.isFile()) throw badInput(display, 'is not a regular file or folder');
    const start = await readStart(path, 4);
    if (isZipStart(start)) return await openZip(path, { path }, display, options);
    if (/\.zip$/i.test(path))
      throw badInput(display, 'is not a ZIP archive (it does not start with the ZIP signature)');
    return await openCsv(path, fileSource(display, path));
  } catch (err) {
    return wrapUnexpected(err, display);
  }
}

/**
 * The same as openLinkedInExport for bytes already in memory (an upload): a ZIP or one CSV. `name` is
 * used in messages and row errors.
 */
export async function openLinkedInExportFromBytes(
  bytes: Uint8Array,
  name: string,
  options: OpenExportOptions = {},
): Promise<LinkedInExport> {
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (isZipStart(buffer)) return await openZip(name, { buffer }, name, options);
    if (/\.zip$/i.test(name))
      throw badInput(name, 'is not a ZIP archive (it does not start with the ZIP signature)');
    return await openCsv(name, bufferSource(name, buffer));
  } catch (err) {
    return wrapUnexpected(err, name);
  }
}
