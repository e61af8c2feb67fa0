/**
 * The API's response types, inferred from the server's schemas (type-only: nothing of the server is
 * bundled), so the page and the API cannot disagree about a field.
 */
import type { z } from 'zod';
import type { AnalyticsReport } from '../../src/core/analytics/report.ts';
import type {
  AccountsSchema,
  AgeHistogramSchema,
  ImportReportSchema,
  InvitationPageSchema,
  InvitationRowSchema,
  PlanSchema,
  SendResultSchema,
  SettingsSchema,
  StatusSchema,
  TargetChangeSchema,
  TargetImportReportSchema,
  TargetListSchema,
  TargetSchema,
  TemplateAddedSchema,
  TemplateListSchema,
  WeeklyAcceptanceSchema,
  WithdrawalResultSchema,
} from '../../src/server/schemas.ts';

export type Status = z.output<typeof StatusSchema>;
export type Plan = z.output<typeof PlanSchema>;
export type Settings = z.output<typeof SettingsSchema>;
export type Accounts = z.output<typeof AccountsSchema>;
export type InvitationPage = z.output<typeof InvitationPageSchema>;
export type InvitationRow = z.output<typeof InvitationRowSchema>;
export type AgeHistogram = z.output<typeof AgeHistogramSchema>;
export type WeeklyAcceptance = z.output<typeof WeeklyAcceptanceSchema>;
export type WithdrawalResult = z.output<typeof WithdrawalResultSchema>;
export type ImportReport = z.output<typeof ImportReportSchema>;
export type Target = z.output<typeof TargetSchema>;
export type TargetList = z.output<typeof TargetListSchema>;
export type TargetChange = z.output<typeof TargetChangeSchema>;
export type TargetImportReport = z.output<typeof TargetImportReportSchema>;
export type TemplateList = z.output<typeof TemplateListSchema>;
export type TemplateAdded = z.output<typeof TemplateAddedSchema>;
export type SendResult = z.output<typeof SendResultSchema>;
export type Report = AnalyticsReport;
