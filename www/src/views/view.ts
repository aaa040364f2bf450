// What every view of the page is: a part of the page drawn from the store, redrawn when what it
// draws from changes, and changing the store only through its named updates. When views are
// drawn (the policy, whole):
// - A change the user made is drawn at once, in the task that made it, every view it touches: the
//   focus and the caret stay where they were, and what the user did shows in the next frame.
// - Results from the engine (a report, money and budget, intervals, a paths file, a model check)
//   are drawn over the tasks that follow, a few views a task (until SLICE_MS is spent), so that
//   no one task holds the page's main thread for long: the views of the tab shown and those
//   outside every tab first, then the hidden tabs', each view whole (a table is never half drawn);
//   a view's charts (`drawPart`) each in a step of their own right after it.
// - The status line is drawn after every view waiting to be, so that when it says a computation
//   is done, all its results are on screen; a tab shown is drawn before it appears.
import type { Drawing, Key, PageState, ViewId } from "../store";
import { page, subscribe } from "../store";

export interface View {
  /** Its name (for moving between views, later). */
  readonly id: string;
  /** The parts of the store it is drawn from: a change to any of them redraws it. */
  readonly watches: readonly Key[];
  /** The tab it draws into; none: outside every tab (the status line, the navigation). */
  readonly tab?: ViewId;
  /** Drawn only once every other view waiting to be drawn is (the status line). */
  readonly last?: boolean;
  /** Binds its controls to the store's updates; called once, before its first drawing. */
  mount(): void;
  /** Draws it from the state. */
  render(state: Readonly<PageState>): void;
}

/** A window this much narrower or wider draws the views again (charts are drawn at their width). */
const RESIZE_PX = 40;
const RESIZE_PAUSE_MS = 200;
/** A task drawing results draws views until it has taken this long, then leaves the rest to the next. */
const SLICE_MS = 12;
/** A drawing that takes this long is named in the performance timeline. */
const SLOW_DRAW_MS = 4;

/** Mounts each view, draws it once, then again whenever what it watches changes or the window's width does. */
export function mountViews(views: readonly View[]): void {
  for (const view of views) view.mount();
  const drawer = new Drawer(views);
  for (const view of views) {
    view.render(page());
    subscribe(view.watches, (_state, drawing) => drawer.changed(view, drawing));
  }
  // After every view's own: by then the navigation has shown the tab chosen.
  subscribe(["view"], (state, drawing) => {
    if (drawing === "now") drawer.drawTab(state.view);
  });
  let width = window.innerWidth;
  let timer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener("resize", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (Math.abs(window.innerWidth - width) < RESIZE_PX) return;
      width = window.innerWidth;
      for (const view of views) drawer.changed(view, "soon");
    }, RESIZE_PAUSE_MS);
  });
}

/** The drawer slicing its drawing and the view it is drawing, while it does: its parts may wait. */
let slicing: { drawer: Drawer; view: View } | null = null;

/**
 * Draws `part` of the view being drawn (a chart): at once when the view is drawn at once, else as
 * a step of its own right after the view (so a view and its charts need not share one task). `key`
 * names the part within its view; drawing the view again drops its parts still waiting.
 */
export function drawPart(key: string, part: () => void): void {
  if (slicing) slicing.drawer.later(slicing.view, key, part);
  else part();
}

/** A part of a view drawn, waiting for its step. */
interface Part {
  view: View;
  name: string;
  draw: () => void;
}

/** The views waiting to be drawn, and the tasks that draw them, as the policy above says. */
class Drawer {
  readonly #views: readonly View[];
  readonly #waiting = new Set<View>();
  /** Parts of views already drawn, by view and key, in the order they were asked for. */
  readonly #parts = new Map<string, Part>();
  #scheduled = false;

  constructor(views: readonly View[]) {
    this.#views = views;
  }

  /** What `view` draws from changed. */
  changed(view: View, drawing: Drawing): void {
    if (drawing === "now" && !(view.last && this.#othersWaiting(view))) this.#draw(view, false);
    else this.#wait(view);
  }

  /** Tab `tab` is shown: its views and parts waiting are drawn now, before it appears. */
  drawTab(tab: ViewId): void {
    for (const view of this.#views) if (view.tab === tab && this.#waiting.has(view)) this.#draw(view, false);
    for (const [key, part] of this.#parts) if (part.view.tab === tab) this.#drawPart(key, part);
    this.#settle();
  }

  /** `draw` waits for a step of its own, after what is already waiting. */
  later(view: View, key: string, draw: () => void): void {
    this.#parts.set(`${view.id}\u0000${key}`, { view, name: `${view.id}:${key}`, draw });
    this.#schedule();
  }

  #othersWaiting(view: View): boolean {
    return this.#parts.size > 0 || [...this.#waiting].some((other) => other !== view);
  }

  #wait(view: View): void {
    this.#waiting.add(view);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => this.#slice(), 0);
  }

  /**
   * Draws the waiting parts, then the waiting views, in order until the slice's time is spent;
   * the rest in the next task.
   */
  #slice(): void {
    this.#scheduled = false;
    const started = performance.now();
    for (;;) {
      const [key, part] = this.#parts.entries().next().value ?? [];
      if (key !== undefined && part) this.#drawPart(key, part);
      else {
        const view = this.#next();
        if (!view) break;
        this.#draw(view, true);
      }
      if (performance.now() - started >= SLICE_MS) break;
    }
    if (this.#waiting.size > 0 || this.#parts.size > 0) this.#schedule();
  }

  /** A `last` view drawn now, unless others still wait (then it waits too). */
  #settle(): void {
    for (const view of this.#waiting) if (view.last && !this.#othersWaiting(view)) this.#draw(view, false);
  }

  /** The next view to draw: the tab shown's and those outside tabs, then the hidden tabs', the last ones last. */
  #next(): View | undefined {
    const shown = page().view;
    const waiting = this.#views.filter((view) => this.#waiting.has(view));
    return (
      waiting.find((view) => !view.last && (view.tab === undefined || view.tab === shown)) ??
      waiting.find((view) => !view.last) ??
      waiting[0]
    );
  }

  /** Draws `view`; `sliced`: its parts wait for steps of their own. */
  #draw(view: View, sliced: boolean): void {
    this.#waiting.delete(view);
    for (const [key, part] of this.#parts) if (part.view === view) this.#parts.delete(key);
    slicing = sliced ? { drawer: this, view } : null;
    try {
      timed(view.id, () => view.render(page()));
    } finally {
      slicing = null;
    }
  }

  #drawPart(key: string, part: Part): void {
    this.#parts.delete(key);
    timed(part.name, part.draw);
  }
}

/**
 * Runs `draw`. A slow drawing is named in the browser's performance timeline (scripts/longtasks.mjs
 * lists them per long task); quick ones are not, so the timeline does not grow with every keystroke.
 */
function timed(name: string, draw: () => void): void {
  const start = performance.now();
  try {
    draw();
    if (performance.now() - start >= SLOW_DRAW_MS) performance.measure(`draw ${name}`, { start });
  } catch (error) {
    // One view's bug must not stop the others; it still reaches the console.
    queueMicrotask(() => {
      throw error;
    });
  }
}
