/**
 * Reading a ZIP archive safely with yauzl: the central directory is read entry by entry (lazily), every
 * entry is checked against the limits before any byte of it is inflated, and the bytes actually inflated
 * are counted again, so a header that lies about sizes is caught. Nothing is ever written to disk.
 */

import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import type { Instant } from '../core/index.ts';
import { InviteKeeperError, isInviteKeeperError } from '../core/index.ts';
import { formatBytes } from './text.ts';

/** Limits on what a ZIP may hold before it is refused. */
export interface ArchiveLimits {
  /** Largest uncompressed size of one entry (declared or actually inflated). */
  maxEntryBytes: number;
  /** Largest uncompressed size of all entries together. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of an entry larger than `ratioCheckAboveBytes`. */
  maxCompressionRatio: number;
  /** Entries up to this size are never refused for their ratio (a tiny file of spaces compresses well). */
  ratioCheckAboveBytes: number;
  /** Most entries an archive may list. */
  maxEntries: number;
}

/** The limits used unless the caller narrows them. */
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxEntryBytes: 2 * 1024 ** 3,
  maxTotalBytes: 4 * 1024 ** 3,
  maxCompressionRatio: 200,
  ratioCheckAboveBytes: 1024 ** 2,
  maxEntries: 10_000,
});

/** A file entry of the archive (directories are left out). */
export interface ArchiveEntry {
  /** The path inside the archive, with forward slashes. */
  name: string;
  /** Declared uncompressed size. */
  size: number;
  compressedSize: number;
  /** Last modification time; a DOS time (which has no zone) is read as UTC. */
  modified: Instant;
  readonly raw: yauzl.Entry;
}

export interface Archive {
  /** The archive's display name, e.g. `export.zip`. */
  display: string;
  entries: ArchiveEntry[];
  /** The entry's bytes, inflated, with the limits enforced while they stream. */
  openEntry(entry: ArchiveEntry): Promise<Readable>;
  close(): void;
}

export type ArchiveSource = { path: string } | { buffer: Buffer };

const YAUZL_OPTIONS = {
  lazyEntries: true,
  autoClose: false,
  // names are decoded and validated here, so that an unsafe one is refused with our code and message
  decodeStrings: false,
  validateEntrySizes: true,
  // tolerate the backslashes of .NET-made archives: they become slashes and are then validated
  strictFileNames: false,
} as const;

function unsafe(display: string, problem: string): InviteKeeperError {
  return new InviteKeeperError('UNSAFE_ARCHIVE', `${display}: ${problem}; the archive was not opened`, {
    file: display,
  });
}

function tooLarge(display: string, problem: string): InviteKeeperError {
  return new InviteKeeperError('TOO_LARGE', `${display}: ${problem}`, { file: display });
}

/** Maps yauzl's own errors to our codes: unsafe structure vs a damaged or foreign file. */
function mapYauzlError(err: unknown, display: string, entryName?: string): InviteKeeperError {
  if (isInviteKeeperError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  const subject = entryName ? `entry ${JSON.stringify(entryName)}` : 'an entry';
  if (/too many bytes in the stream/.test(message)) {
    return unsafe(
      display,
      `${subject} inflates to more bytes than its header declares (${message}): a zip bomb or a forged archive`,
    );
  }
  if (/size mismatch for stored file/.test(message)) {
    return unsafe(display, `${subject} declares sizes that do not match (${message}): a forged archive`);
  }
  if (/strong encryption/.test(message)) {
    return unsafe(display, `${subject} is encrypted; LinkedIn exports are not encrypted`);
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM') {
    return new InviteKeeperError('FILE_NOT_FOUND', `${display}: cannot be read (${String(code)})`, {
      file: display,
    });
  }
  if (entryName) {
    return new InviteKeeperError(
      'BAD_INPUT',
      `${display}: entry ${JSON.stringify(entryName)} is damaged (${message})`,
      {
        file: display,
      },
    );
  }
  return new InviteKeeperError('BAD_INPUT', `${display}: is not a readable ZIP archive (${message})`, {
    file: display,
  });
}

function decodeName(entry: yauzl.Entry): string {
  const raw = entry.fileNameRaw ?? (entry.fileName as unknown as Buffer);
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
}

function openYauzl(source: ArchiveSource): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) => (err || !zip ? reject(err) : resolve(zip));
    if ('path' in source) yauzl.open(source.path, YAUZL_OPTIONS, done);
    else yauzl.fromBuffer(source.buffer, YAUZL_OPTIONS, done);
  });
}

/**
 * Opens a ZIP and reads its whole central directory, refusing it (UNSAFE_ARCHIVE or TOO_LARGE) when any
 * entry is unsafe: a path that escapes (`../`, absolute), encryption, a size or ratio over the limits.
 * Entries are inflated only later, through `openEntry`.
 */
export async function openArchive(
  source: ArchiveSource,
  display: string,
  limits: ArchiveLimits,
): Promise<Archive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openYauzl(source);
  } catch (err) {
    throw mapYauzlError(err, display);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw tooLarge(display, `lists ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`);
    }
    const entries: ArchiveEntry[] = [];
    let declaredTotal = 0;
    for await (const raw of zip.eachEntry()) {
      const name = decodeName(raw);
      const nameProblem = yauzl.validateFileName(name);
      if (nameProblem !== null || name.includes('\0')) {
        throw unsafe(
          display,
          `entry ${JSON.stringify(name)} has an unsafe path (${nameProblem ?? 'NUL character'}): it would be written outside the folder it is unpacked to`,
        );
      }
      if (raw.isEncrypted()) {
        throw unsafe(
          display,
          `entry ${JSON.stringify(name)} is encrypted (password-protected); LinkedIn exports are not encrypted, download the export again`,
        );
      }
      if (name.endsWith('/')) continue;
      if (/\.zip$/i.test(name)) {
        throw unsafe(
          display,
          `it contains another ZIP (${JSON.stringify(name)}); unpack the inner ZIP first and open that one`,
        );
      }
      if (raw.uncompressedSize > limits.maxEntryBytes) {
        throw tooLarge(
          display,
          `entry ${JSON.stringify(name)} declares ${formatBytes(raw.uncompressedSize)} uncompressed, over the ${formatBytes(limits.maxEntryBytes)} limit per file`,
        );
      }
      declaredTotal += raw.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) {
        throw tooLarge(
          display,
          `its entries declare more than ${formatBytes(limits.maxTotalBytes)} uncompressed in total, over the limit`,
        );
      }
      if (
        raw.uncompressedSize > limits.ratioCheckAboveBytes &&
        raw.uncompressedSize / Math.max(1, raw.compressedSize) > limits.maxCompressionRatio
      ) {
        throw unsafe(
          display,
          `entry ${JSON.stringify(name)} would inflate ${formatBytes(raw.compressedSize)} to ${formatBytes(raw.uncompressedSize)} (more than ${limits.maxCompressionRatio}:1): a zip bomb`,
        );
      }
      entries.push({
        name,
        size: raw.uncompressedSize,
        compressedSize: raw.compressedSize,
        modified: raw.getLastModDate({ timezone: 'UTC' }).getTime(),
        raw,
      });
    }
    return createArchive(zip, display, entries, limits);
  } catch (err) {
    zip.close();
    throw mapYauzlError(err, display);
  }
}

function createArchive(
  zip: yauzl.ZipFile,
  display: string,
  entries: ArchiveEntry[],
  limits: ArchiveLimits,
): Archive {
  const counted = new Set<ArchiveEntry>();
  let inflatedTotal = 0;
  return {
    display,
    entries,
    async openEntry(entry) {
      if (!zip.isOpen) throw new InviteKeeperError('INTERNAL', `${display}: the archive is already closed`);
      if (!entry.raw.canDecodeFileData()) {
        throw new InviteKeeperError(
          'BAD_INPUT',
          `${display}: entry ${JSON.stringify(entry.name)} uses compression method ${entry.raw.compressionMethod}, which cannot be read; unpack the ZIP and open the folder instead`,
          { file: display },
        );
      }
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry.raw);
      } catch (err) {
        throw mapYauzlError(err, display, entry.name);
      }
      // the archive-wide total counts each entry once, however often it is re-read
      const countTotal = !counted.has(entry);
      counted.add(entry);
      const limiter = new EntryLimiter(display, entry, limits, (n) => {
        if (!countTotal) return null;
        inflatedTotal += n;
        return inflatedTotal > limits.maxTotalBytes
          ? tooLarge(
              display,
              `inflates to more than ${formatBytes(limits.maxTotalBytes)} in total, over the limit`,
            )
          : null;
      });
      stream.on('error', (err) => limiter.destroy(mapYauzlError(err, display, entry.name)));
      limiter.on('close', () => {
        stream.unpipe(limiter);
        stream.destroy();
      });
      return stream.pipe(limiter);
    },
    close() {
      zip.close();
    },
  };
}

/** Counts the bytes an entry actually inflates to and stops it at the first limit it crosses. */
class EntryLimiter extends Transform {
  private bytes = 0;

  constructor(
    private readonly display: string,
    private readonly entry: ArchiveEntry,
    private readonly limits: ArchiveLimits,
    private readonly addToTotal: (n: number) => InviteKeeperError | null,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    const error = this.check(chunk.length);
    if (error) callback(error);
    else callback(null, chunk);
  }

  private check(added: number): InviteKeeperError | null {
    const name = JSON.stringify(this.entry.name);
    if (this.bytes > this.limits.maxEntryBytes) {
      return tooLarge(
        this.display,
        `entry ${name} inflates to more than ${formatBytes(this.limits.maxEntryBytes)}, over the limit per file`,
      );
    }
    if (this.bytes > this.entry.size) {
      return unsafe(
        this.display,
        `entry ${name} inflates to more than the ${this.entry.size} bytes its header declares: a zip bomb or a forged archive`,
      );
    }
    if (
      this.bytes > this.limits.ratioCheckAboveBytes &&
      this.bytes / Math.max(1, this.entry.compressedSize) > this.limits.maxCompressionRatio
    ) {
      return unsafe(
        this.display,
        `entry ${name} inflates more than ${this.limits.maxCompressionRatio}:1: a zip bomb`,
      );
    }
    return this.addToTotal(added);
  }
}
