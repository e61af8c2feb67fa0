import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/**
 * Writes a ZIP deterministically with yazl: every entry's modification time is the given instant
 * (the export's as-of), in the Info-ZIP UTC timestamp field and in the DOS fields as UTC wall time,
 * so the same input makes the same bytes on any machine (same zlib) and in any time zone.
 */

export interface ZipEntry {
  name: string;
  /** The whole content, or a source of chunks for big entries (a generator of CSV records). */
  data: string | Buffer | Iterable<string> | AsyncIterable<string>;
}

/** Writes `entries` into a ZIP at `path`, each dated `mtime` (epoch ms). */
export async function writeZip(path: string, entries: readonly ZipEntry[], mtime: number): Promise<void> {
  const zip = new yazl.ZipFile();
  // yazl turns the date into DOS fields with local-time getters; with TZ=UTC for the duration of
  // these synchronous calls the fields carry UTC wall time whatever the machine's zone.
  const savedTz = process.env.TZ;
  process.env.TZ = 'UTC';
  try {
    for (const entry of entries) {
      const options = { mtime: new Date(mtime), mode: 0o100644, compress: true };
      if (typeof entry.data === 'string' || Buffer.isBuffer(entry.data)) {
        zip.addBuffer(
          typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data,
          entry.name,
          options,
        );
      } else {
        zip.addReadStream(Readable.from(entry.data, { objectMode: false }), entry.name, options);
      }
    }
  } finally {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}
