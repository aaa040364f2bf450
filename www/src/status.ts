// The status line under the results heading, and the spinner and Cancel beside it. What it says is
// kept as a function, so a language switch can say it again in the other language.
import { element } from "./dom";
import type { Engine } from "./engine";

const line = element<HTMLParagraphElement>("status");
let current: () => string = () => line.textContent ?? "";
let computed: () => string = () => "";

/** Says `render()` now, and again after a language switch. */
export function say(render: () => string): void {
  current = render;
  line.textContent = render();
}

/** As `say`, for what describes the computation on screen, to be said again if nothing changes. */
export function sayComputed(render: () => string): void {
  computed = render;
  say(render);
}

/** Says again what the last computation said (an edit was undone back to it). */
export function sayComputedAgain(): void {
  say(computed);
}

/** Says the current message again, in the language now chosen. */
export function sayAgain(): void {
  line.textContent = current();
}

/** Marks the message as good news or as a problem. */
export function mood(kind: "ok" | "error"): void {
  line.className = `status ${kind}`;
}

/**
 * Shows a spinner and Cancel while `engine` works, only after a moment so quick edits do not
 * flicker; Cancel ends the engine's worker. Calls that follow one another closely (the intervals
 * go window by window) count as one stretch of work: the moment is not restarted between them.
 */
export function showWork(engine: Engine): void {
  const working = element<HTMLSpanElement>("working");
  const cancel = element<HTMLButtonElement>("cancel");
  let show: number | undefined;
  let hide: number | undefined;
  const shown = (visible: boolean): void => {
    working.hidden = !visible;
    cancel.hidden = !visible;
  };
  engine.onBusy = (busy) => {
    window.clearTimeout(hide);
    if (busy) {
      if (show === undefined && working.hidden) show = window.setTimeout(() => ((show = undefined), shown(true)), 250);
    } else {
      hide = window.setTimeout(() => {
        window.clearTimeout(show);
        show = undefined;
        shown(false);
      }, 50);
    }
  };
  cancel.addEventListener("click", () => engine.cancel());
}
