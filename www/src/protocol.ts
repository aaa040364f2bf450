// Messages between the page and the engine worker.
import type {
  BudgetOptions,
  BudgetReport,
  CampaignInputs,
  CampaignReport,
  Catalogue,
  CheckOptions,
  LagOptions,
  CompareOptions,
  Comparison,
  DecodedText,
  ModelCheck,
  MoneyOptions,
  PathWindows,
  MoneyReport,
  Problem,
  ReportOptions,
  ResampleRange,
  ResampledShares,
  RoiRow,
  SampleCampaign,
  SampleOptions,
  TimeLag,
  WindowIntervals,
} from "../pkg/kol_attribution.js";

/**
 * A file too large to copy around: the page keeps the `File` (a reference; posting it copies
 * nothing) and the worker decodes it once and keeps the text under `id`. A million journeys are
 * 136 MB of text, and copying them between the page and the worker held the page's main thread
 * for most of a second each time.
 */
export interface HeldFile {
  id: number;
  blob: Blob;
  /** Which input it is (for decoding problems): creators, touchpoints, orders or paths. */
  file: string;
}

/** An input as the worker gets it: its text, or a held file. */
export type InputText = string | HeldFile;

/** The campaign's three files, each as text or held. */
export interface SentInputs {
  creators: InputText;
  touchpoints: InputText;
  orders: InputText;
  /** The optional notes and spend files, when given. */
  notes?: InputText;
  spend?: InputText;
}

/** What the worker tells the page of a file it now holds. */
export interface HeldText {
  encoding: string;
  lines: number;
  /** The first lines, for the page to show. */
  preview: string;
}

/** Every call the worker answers: its arguments and its result. */
export interface Calls {
  comparePaths: { args: { input: string; options: CompareOptions }; result: Comparison };
  comparePathWindows: { args: { input: InputText; options: CompareOptions }; result: PathWindows };
  creditsCsv: { args: { comparison: Comparison }; result: string };
  campaignReport: { args: { inputs: SentInputs; options: ReportOptions }; result: CampaignReport };
  /** Part of one window's resamples (`options` name that one window), for its tier intervals. */
  resampledShares: { args: { inputs: SentInputs; options: ReportOptions; range: ResampleRange }; result: ResampledShares };
  /** A window's tier intervals from every part of its resamples: exactly what one report gives. */
  intervalsOf: { args: { parts: ResampledShares[] }; result: WindowIntervals };
  reportCsv: { args: { report: CampaignReport }; result: string };
  decodeFile: { args: { bytes: Uint8Array; file: string }; result: DecodedText };
  holdFile: { args: { held: HeldFile; previewLines: number }; result: HeldText };
  /** Line `line` (1-based) of an input, for a problem that points past a held file's preview; null past its end. */
  lineText: { args: { input: InputText; line: number }; result: string | null };
  sampleCampaign: { args: { options: SampleOptions }; result: SampleCampaign };
  moneyReport: { args: { inputs: SentInputs; options: MoneyOptions }; result: MoneyReport };
  /** The models that give a probability, scored on held-out journeys (the campaign read once, as for the report). */
  modelCheck: { args: { inputs: SentInputs; options: CheckOptions }; result: ModelCheck };
  /** Days from touches to orders and touches per journey (the campaign read once, as for the report). */
  timeLag: { args: { inputs: SentInputs; options: LagOptions }; result: TimeLag };
  roiRows: { args: { report: CampaignReport; money: MoneyReport }; result: RoiRow[] };
  ledgerCsv: { args: { report: MoneyReport }; result: string };
  roiCsv: { args: { rows: RoiRow[] }; result: string };
  budgetPlan: { args: { report: CampaignReport; money: MoneyReport; options: BudgetOptions }; result: BudgetReport };
  budgetCsv: { args: { report: BudgetReport }; result: string };
  /** Every model and setting the engine knows, with labels, help, bounds and defaults: the page reads it once. */
  catalogue: { args: Record<string, never>; result: Catalogue };
  /** The report's defaults, for what the catalogue leaves to the data (the default tiers). */
  defaultReportOptions: { args: Record<string, never>; result: ReportOptions };
}

export type Method = keyof Calls;

/**
 * An argument the worker already holds: a result it kept (`keep` on the call that made it), sent
 * back by its call's id instead of copied. A report and money report of a million journeys take
 * the page's main thread a few hundred ms to copy, and the return on spend and the budget each
 * need both.
 */
export interface Kept {
  kept: number;
}

export type CallRequest = { [M in Method]: { id: number; method: M; args: Calls[M]["args"]; keep: boolean } }[Method] & {
  /** A report whose windows the pool shares: this worker (the lead) computes `own` and merges. */
  share?: Share;
  /** A helper's part of a shared report: answered on this port, to the lead, not to the page. */
  reply?: MessagePort;
};

/**
 * A report's windows shared among the pool's workers: the lead computes its own and waits for
 * each helper's report on that helper's port, then merges them (`mergeReports`) and answers the
 * page, which so receives (and the lead keeps, for return on spend and budget) one whole report.
 */
export interface Share {
  own: number[];
  helpers: { windows: number[]; port: MessagePort }[];
}

/** A helper's answer to the lead, on its port. */
export type PartAnswer = { ok: true; result: CampaignReport } | { ok: false; failure: Failure };

/** To the lead, from the page: helper `part` of call `id` stopped; compute its windows yourself. */
export interface TakeOver {
  takeOver: { id: number; part: number };
}

/** Why a call failed: input problems, a refused option, or a bug in the engine (`internal`). */
export interface Failure {
  message: string;
  problems: Problem[];
  option: string | null;
  internal: boolean;
}

/**
 * Part of a large result's list (a money report's ledger, a report's windows), sent ahead of the
 * result, which comes with that list empty: the page takes each part in a task of its own
 * instead of the whole result in one (a million journeys' money report is 8 MB, its ledger most of it).
 */
export interface ResultPart {
  id: number;
  /** Items to append to the list at `path` in the result (field names and list positions; empty: the result itself). */
  part: { path: (string | number)[]; items: unknown[] };
}

export type CallResponse =
  | ResultPart
  | { id: number; ok: true; result: Calls[Method]["result"]; ms: number }
  | { id: number; ok: false; failure: Failure }
  /** A kept argument the worker no longer holds (it keeps a few, or was started afresh): the page sends it whole. */
  | { id: number; ok: false; missing: true }
  /** A helper answered the lead (`failure` if it could not): the page counts it free again. */
  | { id: number; helped: true; failure: Failure | null };
