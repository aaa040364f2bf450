// Messages between the page and the engine worker.
import type { CompareOptions, Comparison, Problem } from "../pkg/kol_attribution.js";

/** Every call the worker answers: its arguments and its result. */
export interface Calls {
  comparePaths: { args: { input: string; options: CompareOptions }; result: Comparison };
  creditsCsv: { args: { comparison: Comparison }; result: string };
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
