import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Uploads that a reader takes by path (the Sent page, a targets CSV) are written to a private temp
 * folder under their own base name (so reports and row errors name the member's file), read, and
 * removed whatever happens. Every reader's own checks (size, encoding, format) then apply unchanged.
 */
export async function withUploadedFile<R>(
  name: string,
  bytes: Uint8Array | string,
  fn: (file: string) => Promise<R>,
): Promise<R> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'invitekeeper-upload-'));
  try {
    const file = path.join(dir, safeFileName(name));
    await fs.writeFile(file, bytes, { mode: 0o600 });
    return await fn(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A client's file name reduced to a harmless base name (no folders, no control characters). */
export function safeFileName(name: string, fallback = 'upload'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(-120);
  return clean && clean !== '.' && clean !== '..' ? clean : fallback;
}
