// The page's handle on the engine: a pool of module workers answering typed calls that resolve
// with results or reject with an EngineError. The pool's policy, whole:
// - How many: `poolSize` (every core but the page's own, at most 8, within half the device's
//   memory), or the size forced by the page's `?workers=N` or the element's `workers` attribute.
// - Who does what: a report of several windows is shared among the workers (`shareWindows`): the
//   first worker, the lead, computes its windows and merges the others' reports, which come to it
//   over a port of their own, into exactly the report one worker gives; the page receives and the
//   lead keeps that one report (return on spend and the budget are asked of the lead). A report of
//   one window, and a part of a window's resamples (the intervals, window by window or part by
//   part, `fillIntervals`), go to the least busy worker; putting a window's parts together
//   (`intervalsOf`, a moment's work) to the least busy worker already running; every other call
//   to the lead.
// - Failure: a helper that dies (out of memory, or an engine bug) is ended and replaced on next
//   use, and its windows are computed by the lead instead, once; a call of its own (a window's
//   report, a part of its resamples) is sent to the lead, once. A lead that dies, or an engine bug in the lead, fails every waiting call with what
//   happened, and the whole pool starts afresh on the next call.
// - Cancel ends every worker; nothing of the cancelled run is kept.
import type { Problem, SampleOptions } from "../pkg/kol_attribution.js";
import { inputBytes, poolSize, shareWindows } from "./pool";
import type { CallRequest, CallResponse, Calls, Failure, Kept, Method, ResultPart, SentInputs, TakeOver } from "./protocol";

/** The sample campaign the page and the element open with: the engine's own sample defaults (the CLI's). */
export const SAMPLE: SampleOptions = {};

export class EngineError extends Error {
  readonly problems: Problem[];
  readonly option: string | null;
  readonly internal: boolean;
  /** The user stopped the computation; nothing of it was kept. */
  readonly cancelled: boolean;

  constructor(failure: Failure, cancelled = false) {
    super(failure.message);
    this.name = "EngineError";
    this.problems = failure.problems;
    this.option = failure.option;
    this.internal = failure.internal;
    this.cancelled = cancelled;
  }
}

export interface Timed<T> {
  result: T;
  ms: number;
}

interface Pending {
  resolve: (value: Timed<Calls[Method]["result"]>) => void;
  reject: (error: EngineError) => void;
  /** The call as asked, to send again whole if the worker lost an argument it kept. */
  request: CallRequest;
  /** The worker it was sent to. */
  slot: number;
  /** Whether it was sent to the lead again after its worker died. */
  retried: boolean;
}

/** A helper's part of a shared report: the lead's call, which part, and on which worker. */
interface Helping {
  lead: number;
  part: number;
  slot: number;
}

/** One worker of the pool and how many calls it has in hand. */
interface Slot {
  worker: Worker;
  calls: number;
}

/** The lead: every call but a report's windows goes here, and it keeps results. */
const LEAD = 0;

export class Engine {
  #forced: number | null;
  #slots: (Slot | undefined)[] = [];
  #next = 1;
  #pending = new Map<number, Pending>();
  #helping = new Map<number, Helping>();
  /** Parts of the results on their way (see `ResultPart`), by call id and list. */
  #parts = new Map<number, ResultPart["part"][]>();
  /** Results the lead keeps, by the id of the call that made them (the lead's own: a new lead keeps none). */
  #kept = new WeakMap<object, number>();
  #onBusy: (busy: boolean) => void = () => {};

  /** `workers`: the pool's size, forced (null: from the cores and memory, see `poolSize`). */
  constructor({ workers = null }: { workers?: number | null } = {}) {
    this.#forced = workers;
  }

  /** Forces the pool's size from the next call on (null: from the cores and memory). */
  set workers(workers: number | null) {
    this.#forced = workers;
  }

  /** How many workers the pool runs for a campaign of `inputs`. */
  workersFor(inputs: SentInputs): number {
    return poolSize(this.#forced, inputBytes(inputs));
  }

  /** Told when the engine starts working and when it has nothing left to do. */
  set onBusy(listener: (busy: boolean) => void) {
    this.#onBusy = listener;
  }

  /** Whether a call is waiting for its answer. */
  get busy(): boolean {
    return this.#pending.size > 0;
  }

  /**
   * Stops whatever is running: wasm cannot be interrupted, so every worker is ended and every
   * waiting call fails as cancelled; the next call starts a fresh pool.
   */
  cancel(): void {
    this.#replaceAll();
    this.#failAll(new EngineError({ message: "cancelled", problems: [], option: null, internal: false }, true));
  }

  /**
   * Asks the engine for `method`. `keep`: the lead keeps the result, and a later call given that
   * same object gets the lead's copy instead of a new one (see `Kept`).
   */
  call<M extends Method>(method: M, args: Calls[M]["args"], { keep = false } = {}): Promise<Timed<Calls[M]["result"]>> {
    const id = this.#next++;
    const request = { id, method, args, keep } as CallRequest;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as Pending["resolve"], reject, request, slot: LEAD, retried: false });
      if (this.#pending.size === 1) this.#onBusy(true);
      this.#route(request);
    });
  }

  /** Sends `request` where the policy above says. */
  #route(request: CallRequest): void {
    if (request.method === "resampledShares") {
      const size = this.workersFor(request.args.inputs);
      this.#send(size > 1 ? this.#idlest(size) : LEAD, request, false);
      return;
    }
    if (request.method === "intervalsOf") {
      this.#send(this.#idlest(this.#slots.length, true), request, false);
      return;
    }
    if (request.method === "campaignReport") {
      const size = this.workersFor(request.args.inputs);
      // The window by category is computed with the fixed windows on one worker, not shared out.
      const shares = size > 1 && !request.args.options.categoryWindows?.enabled ? shareWindows(request.args.options.windows, size) : null;
      if (shares) {
        this.#share(request, shares);
        return;
      }
      if (size > 1 && !request.keep) {
        this.#send(this.#idlest(size), request, false);
        return;
      }
    }
    this.#send(LEAD, request, true);
  }

  /**
   * The worker with the fewest calls in hand among the first `size` (the first of equals); only
   * among those running when `running` (so that a moment's work does not start a worker).
   */
  #idlest(size: number, running = false): number {
    let best = LEAD;
    for (let slot = 1; slot < size; slot++) {
      if (running && !this.#slots[slot]) continue;
      if ((this.#slots[slot]?.calls ?? 0) < (this.#slots[best]?.calls ?? 0)) best = slot;
    }
    return best;
  }

  /** A report whose windows are `shares`: the first share the lead's, each other a helper's. */
  #share(request: CallRequest & { method: "campaignReport" }, shares: number[][]): void {
    const [own = [], ...others] = shares;
    const helpers = others.map((windows, part) => {
      const channel = new MessageChannel();
      const id = this.#next++;
      const slot = part + 1;
      this.#helping.set(id, { lead: request.id, part, slot });
      const options = { ...request.args.options, windows };
      const helper: CallRequest = { id, method: "campaignReport", args: { ...request.args, options }, keep: false, reply: channel.port2 };
      const target = this.#ensure(slot);
      target.calls += 1;
      target.worker.postMessage(helper, [channel.port2]);
      return { windows, port: channel.port1 };
    });
    const lead = { ...request, share: { own, helpers } };
    const target = this.#ensure(LEAD);
    target.calls += 1;
    target.worker.postMessage(lead, helpers.map((helper) => helper.port));
  }

  /** Posts `request` to worker `slot`, its arguments the lead keeps by reference when `byReference`. */
  #send(slot: number, request: CallRequest, byReference: boolean): void {
    const pending = this.#pending.get(request.id);
    if (pending) pending.slot = slot;
    const args: Record<string, unknown> = { ...request.args };
    if (byReference && slot === LEAD) {
      for (const [name, value] of Object.entries(args)) {
        const kept = typeof value === "object" && value !== null ? this.#kept.get(value) : undefined;
        if (kept !== undefined) args[name] = { kept } satisfies Kept;
      }
    }
    // Bytes (a file being decoded) are moved to the worker, not copied: the page never reuses them.
    const moved = Object.values(args).flatMap((value) => (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer ? [value.buffer] : []));
    const target = this.#ensure(slot);
    target.calls += 1;
    target.worker.postMessage({ ...request, args }, moved);
  }

  #ensure(slot: number): Slot {
    const existing = this.#slots[slot];
    if (existing) return existing;
    const name = slot === LEAD ? "kol-attribution-engine" : `kol-attribution-engine-${slot + 1}`;
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name });
    const made: Slot = { worker, calls: 0 };
    worker.addEventListener("message", (event: MessageEvent<CallResponse>) => {
      if (this.#slots[slot] === made) this.#settle(event.data, slot);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      if (this.#slots[slot] === made) this.#died(slot, `the engine stopped (${event.message || "the worker crashed, perhaps out of memory"})`);
    });
    this.#slots[slot] = made;
    return made;
  }

  #done(slot: number): void {
    const target = this.#slots[slot];
    if (target) target.calls = Math.max(0, target.calls - 1);
  }

  #settle(response: CallResponse, slot: number): void {
    if ("helped" in response) {
      this.#helping.delete(response.id);
      this.#done(slot);
      // An engine bug in a helper: the lead has the failure; this instance cannot be trusted.
      if (response.failure?.internal) this.#died(slot, response.failure.message);
      return;
    }
    const pending = this.#pending.get(response.id);
    if (!pending || pending.slot !== slot) return;
    if ("part" in response) {
      const parts = this.#parts.get(response.id) ?? [];
      this.#parts.set(response.id, parts);
      parts.push(response.part);
      return;
    }
    const parts = this.#parts.get(response.id);
    this.#parts.delete(response.id);
    this.#done(slot);
    if (!response.ok && "missing" in response) {
      this.#send(slot, pending.request, false);
      return;
    }
    this.#pending.delete(response.id);
    if (this.#pending.size === 0) this.#onBusy(false);
    if (response.ok) {
      for (const { path, items } of parts ?? []) {
        const list = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], response.result) as unknown[];
        for (const item of items) list.push(item);
      }
      if (pending.request.keep && typeof response.result === "object" && response.result !== null) this.#kept.set(response.result, response.id);
      pending.resolve({ result: response.result, ms: response.ms });
      return;
    }
    pending.reject(new EngineError(response.failure));
    // After a trap the instance cannot be trusted: fail whatever else it holds and start afresh.
    if (response.failure.internal) this.#died(slot, response.failure.message);
  }

  /**
   * Worker `slot` stopped, or cannot be trusted: the lead takes the whole pool with it; a helper
   * is ended, the lead computes its windows of shared reports, and its own calls go to the lead
   * (once: a call that a second worker dies of fails).
   */
  #died(slot: number, message: string): void {
    if (slot === LEAD) {
      this.#replaceAll();
      this.#failAll(new EngineError({ message, problems: [], option: null, internal: true }));
      return;
    }
    this.#slots[slot]?.worker.terminate();
    this.#slots[slot] = undefined;
    for (const [id, helping] of this.#helping) {
      if (helping.slot !== slot) continue;
      this.#helping.delete(id);
      const takeOver: TakeOver = { takeOver: { id: helping.lead, part: helping.part } };
      this.#slots[LEAD]?.worker.postMessage(takeOver);
    }
    for (const [id, pending] of this.#pending) {
      if (pending.slot !== slot) continue;
      this.#parts.delete(id);
      if (pending.retried) {
        this.#pending.delete(id);
        pending.reject(new EngineError({ message, problems: [], option: null, internal: true }));
      } else {
        pending.retried = true;
        this.#send(LEAD, pending.request, true);
      }
    }
    if (this.#pending.size === 0) this.#onBusy(false);
  }

  #failAll(error: EngineError): void {
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    if (waiting.length) this.#onBusy(false);
    for (const pending of waiting) pending.reject(error);
  }

  #replaceAll(): void {
    for (const slot of this.#slots) slot?.worker.terminate();
    this.#slots = [];
    this.#kept = new WeakMap();
    this.#parts.clear();
    this.#helping.clear();
  }
}
