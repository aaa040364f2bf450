// The page's engine, a pool of workers (the embedded element starts its own). Whether it is
// working is kept in the store, where the spinner and Cancel read it.
import { Engine, EngineError } from "./engine";
import { type Failure, working } from "./store";

/** `?workers=N` in the page's address forces the pool's size (1: one worker, as before the pool). */
function forcedWorkers(): number | null {
  const asked = new URLSearchParams(location.search).get("workers");
  return asked === null ? null : Number(asked);
}

export const engine = new Engine({ workers: forcedWorkers() });
engine.onBusy = working;

/** Any error from an engine call as the store keeps a failure: a non-engine error is a bug, said as one. */
export function failureOf(error: unknown): Failure {
  const failure = error instanceof EngineError ? error : new EngineError({ message: String(error), problems: [], option: null, internal: true });
  return { message: failure.message, problems: failure.problems, option: failure.option, internal: failure.internal, cancelled: failure.cancelled };
}
