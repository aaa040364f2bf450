// The page's handle on the engine worker: typed calls that resolve with results or reject with
// an EngineError. A worker that crashes or hits an engine bug is replaced on the next call.
import type { Problem, SampleOptions } from "../pkg/kol_attribution.js";
import type { CallRequest, CallResponse, Calls, Failure, Kept, Method } from "./protocol";

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
}

export class Engine {
  #worker: Worker | null = null;
  #next = 1;
  #pending = new Map<number, Pending>();
  /** Parts of the results on their way (see `ResultPart`), by call id and list. */
  #parts = new Map<number, Map<string, unknown[][]>>();
  /** Results the worker keeps, by the id of the call that made them (the worker's own: a new worker keeps none). */
  #kept = new WeakMap<object, number>();
  #onBusy: (busy: boolean) => void = () => {};

  /** Told when the engine starts working and when it has nothing left to do. */
  set onBusy(listener: (busy: boolean) => void) {
    this.#onBusy = listener;
  }

  /** Whether a call is waiting for its answer. */
  get busy(): boolean {
    return this.#pending.size > 0;
  }

  /**
   * Stops whatever is running: wasm cannot be interrupted, so the worker is ended and every
   * waiting call fails as cancelled; the next call starts a fresh worker.
   */
  cancel(): void {
    this.#replaceWorker();
    this.#failAll(new EngineError({ message: "cancelled", problems: [], option: null, internal: false }, true));
  }

  /**
   * Asks the worker for `method`. `keep`: the worker keeps the result, and a later call given that
   * same object gets the worker's copy instead of a new one (see `Kept`).
   */
  call<M extends Method>(method: M, args: Calls[M]["args"], { keep = false } = {}): Promise<Timed<Calls[M]["result"]>> {
    this.#ensureWorker();
    const id = this.#next++;
    const request = { id, method, args, keep } as CallRequest;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as Pending["resolve"], reject, request });
      if (this.#pending.size === 1) this.#onBusy(true);
      this.#send(request, true);
    });
  }

  /** Posts `request`, its arguments the worker keeps by reference when `byReference`. */
  #send(request: CallRequest, byReference: boolean): void {
    const args: Record<string, unknown> = { ...request.args };
    if (byReference) {
      for (const [name, value] of Object.entries(args)) {
        const kept = typeof value === "object" && value !== null ? this.#kept.get(value) : undefined;
        if (kept !== undefined) args[name] = { kept } satisfies Kept;
      }
    }
    // Bytes (a file being decoded) are moved to the worker, not copied: the page never reuses them.
    const moved = Object.values(args).flatMap((value) => (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer ? [value.buffer] : []));
    this.#ensureWorker().postMessage({ ...request, args }, moved);
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "kol-attribution-engine" });
    worker.addEventListener("message", (event: MessageEvent<CallResponse>) => this.#settle(event.data));
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.#crash(`the engine stopped (${event.message || "the worker crashed, perhaps out of memory"})`);
    });
    this.#worker = worker;
    return worker;
  }

  #settle(response: CallResponse): void {
    const pending = this.#pending.get(response.id);
    if (!pending) return;
    if ("part" in response) {
      const lists = this.#parts.get(response.id) ?? new Map<string, unknown[][]>();
      this.#parts.set(response.id, lists);
      const list = lists.get(response.part.field) ?? [];
      list.push(response.part.items);
      lists.set(response.part.field, list);
      return;
    }
    const parts = this.#parts.get(response.id);
    this.#parts.delete(response.id);
    if (!response.ok && "missing" in response) {
      this.#send(pending.request, false);
      return;
    }
    this.#pending.delete(response.id);
    if (this.#pending.size === 0) this.#onBusy(false);
    if (response.ok) {
      for (const [field, lists] of parts ?? []) (response.result as unknown as Record<string, unknown>)[field] = lists.flat();
      if (pending.request.keep && typeof response.result === "object" && response.result !== null) this.#kept.set(response.result, response.id);
      pending.resolve({ result: response.result, ms: response.ms });
      return;
    }
    pending.reject(new EngineError(response.failure));
    // After a trap the instance cannot be trusted: fail whatever else it holds and start afresh.
    if (response.failure.internal) this.#crash(response.failure.message);
  }

  #crash(message: string): void {
    this.#replaceWorker();
    this.#failAll(new EngineError({ message, problems: [], option: null, internal: true }));
  }

  #failAll(error: EngineError): void {
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    if (waiting.length) this.#onBusy(false);
    for (const pending of waiting) pending.reject(error);
  }

  #replaceWorker(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#kept = new WeakMap();
    this.#parts.clear();
  }
}
