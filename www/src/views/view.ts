// What every view of the page is: a part of the page drawn from the store, redrawn when what it
// draws from changes, and changing the store only through its named updates.
import { type Key, type PageState, page, subscribe } from "../store";

export interface View {
  /** Its name (for moving between views, later). */
  readonly id: string;
  /** The parts of the store it is drawn from: a change to any of them redraws it. */
  readonly watches: readonly Key[];
  /** Binds its controls to the store's updates; called once, before its first drawing. */
  mount(): void;
  /** Draws it from the state. */
  render(state: Readonly<PageState>): void;
}

/** A window this much narrower or wider draws the views again (charts are drawn at their width). */
const RESIZE_PX = 40;
const RESIZE_PAUSE_MS = 200;

/** Mounts each view, draws it once, then again whenever what it watches changes or the window's width does. */
export function mountViews(views: readonly View[]): void {
  for (const view of views) view.mount();
  for (const view of views) {
    view.render(page());
    subscribe(view.watches, view.render);
  }
  let width = window.innerWidth;
  let timer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener("resize", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (Math.abs(window.innerWidth - width) < RESIZE_PX) return;
      width = window.innerWidth;
      for (const view of views) view.render(page());
    }, RESIZE_PAUSE_MS);
  });
}
