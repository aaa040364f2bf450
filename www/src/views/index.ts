// Every view of the page, in the order they are drawn: the frame first (its static text is
// recorded before any view adds its own), then the navigation, what must be said first (notices,
// problems, column mapping), the data and settings, then the results' views.
import { budget } from "./budget";
import { budgetSettings } from "./budget-settings";
import { check } from "./check";
import { controls } from "./controls";
import { creators } from "./creators";
import { credit } from "./credit";
import { exports } from "./exports";
import { frame } from "./frame";
import { inputs } from "./inputs";
import { liftEditor } from "./lift-editor";
import { mapping } from "./mapping";
import { matrix } from "./matrix";
import { money } from "./money";
import { nav } from "./nav";
import { notes } from "./notes";
import { notices } from "./notices";
import { overview } from "./overview";
import { problems } from "./problems";
import { settings } from "./settings";
import { sales } from "./sales";
import { share } from "./share";
import { status } from "./status";
import { summary } from "./summary";
import { lagView } from "../time-lag";
import type { View } from "./view";

export const VIEWS: readonly View[] = [
  frame,
  nav,
  notices,
  inputs,
  share,
  settings,
  status,
  problems,
  mapping,
  exports,
  controls,
  overview,
  summary,
  credit,
  matrix,
  // The time lag's section is appended to the models tab.
  { ...lagView, tab: "models" },
  creators,
  notes,
  check,
  liftEditor,
  money,
  sales,
  budgetSettings,
  budget,
];
