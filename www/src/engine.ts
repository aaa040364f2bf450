// The page's handle on the engine worker: typed calls that resolve with results or reject with
// an EngineError. A worker that crashes or hits an engine bug is replaced on the next call.
import type { Problem, SampleOptions } from "../pkg/kol_attribution.js";
import type { CallRequest, CallResponse, Calls, Failure, Method } from "./protocol";

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
}

export class Engine {
  #worker: Worker | null = null;
  #next = 1;
  #pending = new Map<number, Pending>();
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

  call<M extends Method>(method: M, args: Calls[M]["args"]): Promise<Timed<Calls[M]["result"]>> {
    const worker = this.#ensureWorker();
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as Pending["resolve"], reject });
      if (this.#pending.size === 1) this.#onBusy(true);
      // Bytes (a file being decoded) are moved to the worker, not copied: the page never reuses them.
      const moved = Object.values(args as object).flatMap((value) => (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer ? [value.buffer] : []));
      worker.postMessage({ id, method, args } as CallRequest, moved);
    });
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
    this.#pending.delete(response.id);
    if (this.#pending.size === 0) this.#onBusy(false);
    if (response.ok) {
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
  }
}
