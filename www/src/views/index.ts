// Every view of the page, in the order they are drawn: the frame first (its static text is
// recorded before any view adds its own), then the inputs and settings, then the results.
import { budget } from "./budget";
import { budgetSettings } from "./budget-settings";
import { controls } from "./controls";
import { creators } from "./creators";
import { credit } from "./credit";
import { exports } from "./exports";
import { frame } from "./frame";
import { inputs } from "./inputs";
import { matrix } from "./matrix";
import { money } from "./money";
import { problems } from "./problems";
import { settings } from "./settings";
import { share } from "./share";
import { status } from "./status";
import { summary } from "./summary";
import { truth } from "./truth";
import type { View } from "./view";

export const VIEWS: readonly View[] = [
  frame,
  inputs,
  share,
  settings,
  status,
  problems,
  exports,
  controls,
  summary,
  credit,
  matrix,
  creators,
  truth,
  money,
  budgetSettings,
  budget,
];
