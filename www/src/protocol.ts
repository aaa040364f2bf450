// Messages between the page and the engine worker.
import type {
  BudgetOptions,
  BudgetReport,
  CampaignInputs,
  CampaignReport,
  CompareOptions,
  Comparison,
  DecodedText,
  MoneyOptions,
  PathWindows,
  MoneyReport,
  Problem,
  ReportOptions,
  RoiRow,
  SampleCampaign,
  SampleOptions,
} from "../pkg/kol_attribution.js";

/** Every call the worker answers: its arguments and its result. */
export interface Calls {
  comparePaths: { args: { input: string; options: CompareOptions }; result: Comparison };
  comparePathWindows: { args: { input: string; options: CompareOptions }; result: PathWindows };
  creditsCsv: { args: { comparison: Comparison }; result: string };
  campaignReport: { args: { inputs: CampaignInputs; options: ReportOptions }; result: CampaignReport };
  reportCsv: { args: { report: CampaignReport }; result: string };
  decodeFile: { args: { bytes: Uint8Array; file: string }; result: DecodedText };
  sampleCampaign: { args: { options: SampleOptions }; result: SampleCampaign };
  moneyReport: { args: { inputs: CampaignInputs; options: MoneyOptions }; result: MoneyReport };
  roiRows: { args: { report: CampaignReport; money: MoneyReport }; result: RoiRow[] };
  ledgerCsv: { args: { report: MoneyReport }; result: string };
  roiCsv: { args: { rows: RoiRow[] }; result: string };
  budgetPlan: { args: { report: CampaignReport; money: MoneyReport; options: BudgetOptions }; result: BudgetReport };
  budgetCsv: { args: { report: BudgetReport }; result: string };
  defaultReportOptions: { args: Record<string, never>; result: ReportOptions };
  defaultMoneyOptions: { args: Record<string, never>; result: MoneyOptions };
  version: { args: Record<string, never>; result: string };
}

export type Method = keyof Calls;

export type CallRequest = { [M in Method]: { id: number; method: M; args: Calls[M]["args"] } }[Method];

/** Why a call failed: input problems, a refused option, or a bug in the engine (`internal`). */
export interface Failure {
  message: string;
  problems: Problem[];
  option: string | null;
  internal: boolean;
}

export type CallResponse =
  | { id: number; ok: true; result: Calls[Method]["result"]; ms: number }
  | { id: number; ok: false; failure: Failure };
