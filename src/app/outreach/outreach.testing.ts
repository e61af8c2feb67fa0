/** What the outreach tests share: the morning they run at, and a targets list with its quirks. */
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../testing/fixtures.ts';

/** Thursday 26 November 2026, before the 09:00 window opens in Europe. */
export const NOW = '2026-11-26T07:00:00Z';
export const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

export function csv(text: string, name = 'targets.csv'): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

export const TARGETS = `name,profileUrl,relation,mutualConnections,connectionCount,timezone,tags,company,headline,event
Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,colleague,12,500,Europe/London,math;engines,Babbage & Co,Programmer,PyCon
Grace Hopper,linkedin.com/in/grace-hopper/,industry-peer,3,,America/New_York,navy,US Navy,Rear Admiral,
Alan Turing,,alumni,0,,,,,,Bletchley reunion
`;
