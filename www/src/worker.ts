// The engine's home: all WebAssembly runs here, so the page never freezes.
import init, {
  budgetCsv,
  budgetPlan,
  catalogue,
  comparePathWindows,
  comparePaths,
  creditsCsv,
  decodeFile,
  defaultReportOptions,
  intervalsOf,
  ledgerCsv,
  readCampaign,
  reportCsv,
  roiCsv,
  roiRows,
  sampleCampaign,
  takePanicMessage,
} from "../pkg/kol_attribution.js";
import wasmUrl from "../pkg/kol_attribution_bg.wasm?url";
import type { CampaignInputs, CampaignOptions, CampaignReport, DecodedText, Problem, ReadCampaign, ReportOptions } from "../pkg/kol_attribution.js";
import { countLines, firstLines } from "./format";
import { mergeReports } from "./pool";
import type { CallRequest, CallResponse, Calls, Failure, HeldFile, HeldText, InputText, Kept, Method, PartAnswer, ResultPart, SentInputs, Share, TakeOver } from "./protocol";

interface WorkerScope {
  postMessage(message: CallResponse): void;
  addEventListener(type: "message", listener: (event: MessageEvent<CallRequest | TakeOver>) => void): void;
}
const scope = self as unknown as WorkerScope;

// The engine is built with WebAssembly's 128-bit SIMD (.cargo/config.toml): a browser without it
// cannot compile the module, and the user is told which browsers can, not the compiler's words.
const ready = init({ module_or_path: wasmUrl }).catch((error: unknown) => {
  throw error instanceof WebAssembly.CompileError
    ? new Error("This browser cannot run the engine: it needs WebAssembly with SIMD, in Chrome and Edge 91, Firefox 89, Safari 16.4 or later")
    : error;
});

/** The campaign last read, kept so that a new model or money setting does not read the files again. */
let last: { inputs: CampaignInputs; input: string; campaign: ReadCampaign } | null = null;

/** Results the page asked to be kept, by the id of the call that made them; the oldest go first. */
const kept = new Map<number, unknown>();
/** The page keeps the report and money report on screen; a few more cover results that are being replaced. */
const KEPT_RESULTS = 4;

/** `request` with each kept argument put back; null if one is no longer kept. */
function withKept(request: CallRequest): CallRequest | null {
  const args: Record<string, unknown> = { ...request.args };
  for (const [name, value] of Object.entries(args)) {
    if (typeof value !== "object" || value === null || !("kept" in value)) continue;
    const id = (value as Kept).kept;
    if (!kept.has(id)) return null;
    args[name] = kept.get(id);
  }
  return { ...request, args } as CallRequest;
}

function keep(id: number, result: unknown): void {
  kept.set(id, result);
  for (const old of kept.keys()) if (kept.size > KEPT_RESULTS) kept.delete(old);
}

/** Held files' texts by id: decoded once, kept while they are an input's current file. */
const heldTexts = new Map<number, { file: string; text: string }>();

/** Decodes `held` and keeps its text; a newer file for the same input replaces the older one. */
async function decodeHeld(held: HeldFile): Promise<DecodedText> {
  const decoded = decodeFile(new Uint8Array(await held.blob.arrayBuffer()), held.file);
  for (const [id, other] of heldTexts) if (other.file === held.file) heldTexts.delete(id);
  heldTexts.set(held.id, { file: held.file, text: decoded.text });
  return decoded;
}

/** `held`'s text, decoding it the first time (or again in a worker started after a crash). */
async function heldText(held: HeldFile): Promise<string> {
  return heldTexts.get(held.id)?.text ?? (await decodeHeld(held)).text;
}

async function textOf(input: InputText): Promise<string> {
  return typeof input === "string" ? input : heldText(input);
}

async function inputsOf(sent: SentInputs): Promise<CampaignInputs> {
  // The notes and spend files are optional: absent, they read as not given.
  const optional = (input: InputText | undefined): Promise<string> => (input === undefined ? Promise.resolve("") : textOf(input));
  const [creators, touchpoints, orders, notes, spend] = await Promise.all([
    textOf(sent.creators), textOf(sent.touchpoints), textOf(sent.orders), optional(sent.notes), optional(sent.spend),
  ]);
  return { creators, touchpoints, orders, notes, spend };
}

/** The campaign of `inputs` read with `input`, from the last call when neither changed. */
function campaignOf(inputs: CampaignInputs, input: CampaignOptions | undefined): ReadCampaign {
  // `now` moves with every call and only flags dates in the future: not a reason to read again.
  const key = JSON.stringify({ ...input, now: undefined });
  const same = last !== null && last.input === key && (["creators", "touchpoints", "orders", "notes", "spend"] as const).every((f) => last?.inputs[f] === inputs[f]);
  if (last !== null && same) return last.campaign;
  last?.campaign.free();
  last = null;
  const campaign = readCampaign(inputs, input);
  last = { inputs, input: key, campaign };
  return campaign;
}

/** Holds `held` and says what the page shows of it: its encoding, line count and first lines. */
async function hold(held: HeldFile, previewLines: number): Promise<HeldText> {
  const { text, encoding } = await decodeHeld(held);
  return { encoding, lines: countLines(text), preview: firstLines(text, previewLines) };
}

/** Line `line` (1-based) of `text`, without its break; null past the end. */
function lineText(text: string, line: number): string | null {
  let start = 0;
  for (let at = 1; at < line; at++) {
    const next = text.indexOf("\n", start);
    if (next === -1) return null;
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/u, "");
}

/** A failure that already happened elsewhere (a helper's), passed on as it was. */
class PassedFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/** Settles each helper part of the shared reports being merged here, by call id (see `TakeOver`). */
const awaited = new Map<number, ((answer: PartAnswer | "take over") => void)[]>();

/** A call's outcome as a helper would send it. */
function attempt(work: () => CampaignReport): PartAnswer {
  try {
    return { ok: true, result: work() };
  } catch (error) {
    return { ok: false, failure: failure(error) };
  }
}

/**
 * The lead's side of a shared report: its own windows, then each helper's report as it arrives
 * (or the helper's windows computed here, when the page says that helper stopped), merged in
 * window order. A refusal in any part (a bad window, bad input) is found again by computing the
 * whole request here, so the page gets exactly one worker's message; an engine bug in a part is
 * passed on as it was.
 */
async function sharedReport(id: number, campaign: ReadCampaign, options: ReportOptions, share: Share): Promise<CampaignReport> {
  const settles: ((answer: PartAnswer | "take over") => void)[] = [];
  const answers = share.helpers.map(
    ({ port }, part) =>
      new Promise<PartAnswer | "take over">((resolve) => {
        let settled = false;
        settles[part] = (answer) => {
          if (settled) return;
          settled = true;
          port.close();
          resolve(answer);
        };
        port.onmessage = (event: MessageEvent<PartAnswer>) => settles[part]?.(event.data);
      }),
  );
  awaited.set(id, settles);
  try {
    const parts = [attempt(() => campaign.report({ ...options, windows: share.own }))];
    for (const [part, answer] of answers.entries()) {
      const got = await answer;
      const windows = share.helpers[part]?.windows ?? [];
      parts.push(got === "take over" ? attempt(() => campaign.report({ ...options, windows })) : got);
    }
    const internal = parts.find((part): part is { ok: false; failure: Failure } => !part.ok && part.failure.internal);
    if (internal) throw new PassedFailure(internal.failure);
    if (parts.some((part) => !part.ok)) return campaign.report(options);
    return mergeReports(parts.map((part) => (part as { ok: true; result: CampaignReport }).result));
  } finally {
    awaited.delete(id);
    for (const settle of settles) settle({ ok: false, failure: { message: "not needed", problems: [], option: null, internal: false } });
  }
}

async function dispatch(request: CallRequest): Promise<Calls[Method]["result"]> {
  switch (request.method) {
    case "comparePaths":
      return comparePaths(request.args.input, request.args.options);
    case "comparePathWindows":
      return comparePathWindows(await textOf(request.args.input), request.args.options);
    case "creditsCsv":
      return creditsCsv(request.args.comparison);
    case "campaignReport": {
      const campaign = campaignOf(await inputsOf(request.args.inputs), request.args.options.input);
      const share = request.share;
      return share ? sharedReport(request.id, campaign, request.args.options, share) : campaign.report(request.args.options);
    }
    case "resampledShares":
      return campaignOf(await inputsOf(request.args.inputs), request.args.options.input).resampledShares(request.args.options, request.args.range);
    case "intervalsOf":
      return intervalsOf(request.args.parts);
    case "reportCsv":
      return reportCsv(request.args.report);
    case "decodeFile":
      return decodeFile(request.args.bytes, request.args.file);
    case "holdFile":
      return hold(request.args.held, request.args.previewLines);
    case "lineText":
      return lineText(await textOf(request.args.input), request.args.line);
    case "sampleCampaign":
      return sampleCampaign(request.args.options);
    case "moneyReport":
      return campaignOf(await inputsOf(request.args.inputs), request.args.options.input).money(request.args.options);
    case "modelCheck":
      return campaignOf(await inputsOf(request.args.inputs), request.args.options.input).modelCheck(request.args.options);
    case "timeLag":
      return campaignOf(await inputsOf(request.args.inputs), request.args.options.input).timeLag(request.args.options);
    case "roiRows":
      return roiRows(request.args.report, request.args.money);
    case "roiCsv":
      return roiCsv(request.args.rows);
    case "ledgerCsv":
      return ledgerCsv(request.args.report);
    case "budgetPlan":
      return budgetPlan(request.args.report, request.args.money, request.args.options);
    case "budgetCsv":
      return budgetCsv(request.args.report);
    case "catalogue":
      return catalogue();
    case "defaultReportOptions":
      return defaultReportOptions();
  }
}

function failure(error: unknown): Failure {
  if (error instanceof PassedFailure) return error.failure;
  // A trap means a bug in the engine: report the panic message, and the page replaces this worker.
  let panic: string | undefined;
  try {
    panic = takePanicMessage();
  } catch {
    panic = undefined;
  }
  if (panic !== undefined || error instanceof WebAssembly.RuntimeError) {
    const detail = panic ?? (error instanceof Error ? error.message : String(error));
    return { message: `internal error in the engine: ${detail}`, problems: [], option: null, internal: true };
  }
  if (error instanceof Error) {
    const extra = error as Error & { problems?: Problem[]; option?: string };
    return { message: error.message, problems: extra.problems ?? [], option: extra.option ?? null, internal: false };
  }
  return { message: String(error), problems: [], option: null, internal: false };
}

/** About what the page takes in one task without holding its main thread for long (bytes of JSON). */
const PART_BYTES = 128 * 1024;

type Part = ResultPart["part"];

/**
 * `value` with its large lists emptied, and in `parts` what fills them again, in the order the
 * page applies them: a list's items in runs of about PART_BYTES (their size judged by the first
 * item's JSON), and an item too large for a run of its own (a report's window) sent with its own
 * large lists emptied, each followed by theirs.
 */
function split(value: unknown, path: Part["path"], parts: Part[]): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (!Array.isArray(value)) {
    // Only plain objects are taken apart (a Map or typed array goes whole).
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    const copy: Record<string, unknown> = { ...value };
    for (const [field, inner] of Object.entries(copy)) copy[field] = split(inner, [...path, field], parts);
    return copy;
  }
  if (value.length === 0) return value;
  const itemBytes = Math.max(1, JSON.stringify(value[0])?.length ?? 1);
  if (itemBytes * value.length <= PART_BYTES) return value;
  if (itemBytes > PART_BYTES / 2) {
    value.forEach((item, at) => {
      const own: Part[] = [];
      parts.push({ path, items: [split(item, [...path, at], own)] }, ...own);
    });
  } else {
    const per = Math.max(1, Math.floor(PART_BYTES / itemBytes));
    for (let start = 0; start < value.length; start += per) parts.push({ path, items: value.slice(start, start + per) });
  }
  return [];
}

/**
 * Posts `result`'s large lists in parts (see `split`), then the result with those lists empty;
 * the page puts them back together. Each part waits for the worker's next task, so the parts
 * reach the page one by one rather than as one batch.
 */
async function postResult(id: number, result: unknown, ms: number): Promise<void> {
  const parts: Part[] = [];
  const rest = split(result, [], parts);
  for (const part of parts) {
    scope.postMessage({ id, part });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  scope.postMessage({ id, ok: true, result: rest as Calls[Method]["result"], ms });
}

/** Answers one call; never rejects, so that the queue below keeps going. */
async function answer(sent: CallRequest): Promise<void> {
  const request = withKept(sent);
  if (!request) {
    scope.postMessage({ id: sent.id, ok: false, missing: true });
    return;
  }
  const reply = request.reply;
  try {
    await ready;
    const started = performance.now();
    const result = await dispatch(request);
    if (request.keep) keep(request.id, result);
    if (reply) {
      reply.postMessage({ ok: true, result } as PartAnswer);
      scope.postMessage({ id: request.id, helped: true, failure: null });
    } else await postResult(request.id, result, performance.now() - started);
  } catch (error) {
    const failed = failure(error);
    if (reply) {
      reply.postMessage({ ok: false, failure: failed } satisfies PartAnswer);
      scope.postMessage({ id: request.id, helped: true, failure: failed });
    } else scope.postMessage({ id: request.id, ok: false, failure: failed });
  }
}

// One call at a time, in the order they came: a call that waits for a file to be read must not
// let a later one read the same file again, or see another campaign.
let queue = Promise.resolve();
scope.addEventListener("message", (event) => {
  const message = event.data;
  // Not queued: the lead is waiting on the helper this is about, inside the queue.
  if ("takeOver" in message) awaited.get(message.takeOver.id)?.[message.takeOver.part]?.("take over");
  else queue = queue.then(() => answer(message));
});
