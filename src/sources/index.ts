/**
 * Sources: the readers of outside formats. The LinkedIn data export (ZIP, folder or single CSV), the Sent
 * page (pasted text or saved HTML) and the member's target list become plain records plus row errors with
 * their lines; a file that cannot be read at all is refused with an InviteKeeperError. Readers know
 * nothing of the database: the app layer decides what the records mean.
 */
export {
  type ArchiveLimits,
  DEFAULT_ARCHIVE_LIMITS,
  type ExportFileKind,
  type ExportFileReader,
  type LinkedInExport,
  type OpenExportOptions,
  openLinkedInExport,
  openLinkedInExportFromBytes,
} from './linkedin-export.ts';
export type * from './records.ts';
export { isUnidentified } from './records.ts';
export {
  MAX_SENT_PAGE_BYTES,
  parseSentPageHtml,
  parseSentPageText,
  readSentPage,
  type SentPage,
  sentAgeRange,
} from './sent-page.ts';
export { parseTargetsCsv, readTargetsCsv } from './targets-csv.ts';
