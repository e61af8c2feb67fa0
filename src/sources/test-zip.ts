/**
 * A tiny ZIP writer for tests: honest archives for the fixtures, and hostile ones (lying sizes, unsafe
 * names, the encryption bit) that no real zip tool would write. Test-only; nothing in the app uses it.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  name: string | Buffer;
  data?: Buffer | string;
  /** 0 = stored, 8 = deflated (default). */
  method?: 0 | 8;
  /** General purpose flags; bit 0 = encrypted, bit 11 (0x800) = UTF-8 name (set by default). */
  flags?: number;
  /** Overrides the uncompressed size written in the headers (to lie). */
  declaredSize?: number;
  /** Overrides the compressed size written in the headers. */
  declaredCompressedSize?: number;
  /** Already-compressed bytes to store as the entry's data (with method 8). */
  rawCompressed?: Buffer;
  modified?: Date;
}

function dosDateTime(d: Date): { date: number; time: number } {
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  return { date, time };
}

/** Builds a ZIP archive in memory from the entries, in order. */
export function makeZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : (e.data ?? Buffer.alloc(0));
    const method = e.method ?? 8;
    const body = e.rawCompressed ?? (method === 8 ? deflateRawSync(data) : data);
    const flags = e.flags ?? 0x800;
    const crc = crc32(data);
    const size = e.declaredSize ?? data.length;
    const csize = e.declaredCompressedSize ?? body.length;
    const { date, time } = dosDateTime(e.modified ?? new Date(Date.UTC(2026, 2, 5, 10, 20, 30)));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(csize >>> 0, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(csize >>> 0, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
