// The page: its views drawn from the store, the engine's calls following the store's changes,
// the choices kept in this browser, then the page opened (from a share link, the last visit or
// the sample).
import "./style.css";
import * as modelCheck from "./model-check";
import { failureOf } from "./page-engine";
import * as persist from "./persist";
import * as recompute from "./recompute";
import * as store from "./store";
import * as timeLag from "./time-lag";
import { VIEWS } from "./views";
import { mountViews } from "./views/view";

mountViews(VIEWS);
recompute.watch();
modelCheck.watch();
timeLag.watch();
persist.watch();

// Offline after the first visit; only the built page has a service worker (vite.config.ts).
function keepOffline(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("./sw.js").catch((error: unknown) => {
    console.warn("the page will not work offline:", error);
  });
}

void persist
  .start()
  .catch((error: unknown) => store.couldNotStart(failureOf(error)))
  .finally(() => {
    persist.opened();
    keepOffline();
  });
