// The engine's home: all WebAssembly runs here, so the page never freezes.
import init, {
  budgetCsv,
  budgetPlan,
  comparePathWindows,
  comparePaths,
  creditsCsv,
  decodeFile,
  defaultMoneyOptions,
  defaultReportOptions,
  ledgerCsv,
  readCampaign,
  reportCsv,
  roiCsv,
  roiRows,
  sampleCampaign,
  takePanicMessage,
  version,
} from "../pkg/kol_attribution.js";
import wasmUrl from "../pkg/kol_attribution_bg.wasm?url";
import type { CampaignInputs, CampaignOptions, Problem, ReadCampaign } from "../pkg/kol_attribution.js";
import type { CallRequest, CallResponse, Calls, Failure, Method } from "./protocol";

interface WorkerScope {
  postMessage(message: CallResponse): void;
  addEventListener(type: "message", listener: (event: MessageEvent<CallRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

const ready = init({ module_or_path: wasmUrl });

/** The campaign last read, kept so that a new model or money setting does not read the files again. */
let last: { inputs: CampaignInputs; input: string; campaign: ReadCampaign } | null = null;

/** The campaign of `inputs` read with `input`, from the last call when neither changed. */
function campaignOf(inputs: CampaignInputs, input: CampaignOptions | undefined): ReadCampaign {
  // `now` moves with every call and only flags dates in the future: not a reason to read again.
  const key = JSON.stringify({ ...input, now: undefined });
  const same = last !== null && last.input === key && (["creators", "touchpoints", "orders"] as const).every((f) => last?.inputs[f] === inputs[f]);
  if (last !== null && same) return last.campaign;
  last?.campaign.free();
  last = null;
  const campaign = readCampaign(inputs, input);
  last = { inputs, input: key, campaign };
  return campaign;
}

function dispatch(request: CallRequest): Calls[Method]["result"] {
  switch (request.method) {
    case "comparePaths":
      return comparePaths(request.args.input, request.args.options);
    case "comparePathWindows":
      return comparePathWindows(request.args.input, request.args.options);
    case "creditsCsv":
      return creditsCsv(request.args.comparison);
    case "campaignReport":
      return campaignOf(request.args.inputs, request.args.options.input).report(request.args.options);
    case "reportCsv":
      return reportCsv(request.args.report);
    case "decodeFile":
      return decodeFile(request.args.bytes, request.args.file);
    case "sampleCampaign":
      return sampleCampaign(request.args.options);
    case "moneyReport":
      return campaignOf(request.args.inputs, request.args.options.input).money(request.args.options);
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
    case "defaultReportOptions":
      return defaultReportOptions();
    case "defaultMoneyOptions":
      return defaultMoneyOptions();
    case "version":
      return version();
  }
}

function failure(error: unknown): Failure {
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

scope.addEventListener("message", (event) => {
  const request = event.data;
  ready
    .then(() => {
      const started = performance.now();
      const result = dispatch(request);
      scope.postMessage({ id: request.id, ok: true, result, ms: performance.now() - started });
    })
    .catch((error: unknown) => scope.postMessage({ id: request.id, ok: false, failure: failure(error) }));
});
