/**
 * The API's answer types, generated from the contracts' zod schemas (through the OpenAPI document
 * and the report's JSON Schema) into api-types.ts and report-types.ts by `npm run gen:api-types`:
 * the page imports nothing of the server, so the page and the API cannot disagree about a field.
 */
import type * as Api from './api-types.ts';

export type { Report } from './report-types.ts';
export type Status = Api.Status;
export type Plan = Api.Plan;
export type Settings = Api.Settings;
export type Accounts = Api.Accounts;
export type InvitationPage = Api.InvitationPage;
export type InvitationRow = Api.Invitation;
export type AgeHistogram = Api.AgeHistogram;
export type WeeklyAcceptance = Api.WeeklyAcceptance;
export type WithdrawalResult = Api.WithdrawalResult;
export type ImportReport = Api.ImportReport;
export type Target = Api.Target;
export type TargetList = Api.TargetList;
export type TargetChange = Api.TargetChange;
export type TargetImportReport = Api.TargetImportReport;
export type TemplateList = Api.TemplateList;
export type TemplateAdded = Api.TemplateAdded;
export type SendResult = Api.SendResult;
