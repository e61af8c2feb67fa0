import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, REPORT_TYPES_FILE, renderApiTypes, renderReportTypes } from './gen-api-types.ts';

describe("the dashboard's API types are generated from the schemas", () => {
  it('web/src/api-types.ts is up to date (run `npm run gen:api-types` after changing a schema)', async () => {
    expect(fs.readFileSync(API_TYPES_FILE, 'utf8')).toBe(await renderApiTypes());
  });

  it('web/src/report-types.ts is up to date (run `npm run gen:api-types` after changing a schema)', async () => {
    expect(fs.readFileSync(REPORT_TYPES_FILE, 'utf8')).toBe(await renderReportTypes());
  });
});
