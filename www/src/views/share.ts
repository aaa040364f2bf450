// Keeping and sharing: the share link (settings, and the data when small) and what this browser
// keeps, each with its note.
import { element } from "../dom";
import { tell, tr } from "../i18n";
import { share as makeLink } from "../persist";
import type { View } from "./view";

export const share: View = {
  id: "share",
  tab: "data",
  watches: ["link", "saveNote", "savePending", "lang"],
  mount() {
    element("share").addEventListener("click", () => {
      void makeLink().then(({ url }) => {
        element<HTMLInputElement>("share-link").select();
        navigator.clipboard?.writeText(url).catch(() => undefined);
      });
    });
  },
  render(state) {
    const field = element<HTMLInputElement>("share-link");
    field.hidden = state.link === null;
    field.value = state.link?.url ?? "";
    element("share-note").textContent = !state.link
      ? ""
      : state.link.withData
        ? tr("This link carries your settings and your data (it is small).")
        : tr("This link carries your settings only: the data is too large for a link and stays in this browser; send the files separately.");
    const kept = element("save-state");
    kept.textContent = state.saveNote ? tell(state.saveNote) : "";
    // Busy while a change waits to be kept: the note on screen is of the save before it.
    kept.setAttribute("aria-busy", String(state.savePending));
  },
};
