// Sales channels, in the money view: when the orders land on more than one (XHS shop, Tmall/Taobao,
// JD, the brand's site), the creators' credit per channel under each model for the window shown,
// and the commission, platform fee and return per channel under the commission basis.
import type { MoneyOptions } from "../../pkg/kol_attribution.js";
import { modelNames, setting } from "../catalogue";
import { element } from "../dom";
import { count } from "../format";
import { tr } from "../i18n";
import { renderSalesCredit, renderSalesMoney } from "../render/sales-tables";
import { salesChannelLabel } from "../sources";
import type { PageState } from "../store";
import type { View } from "./view";

/** The sentence: which channels the orders landed on, and where the platform's click rule pays. */
function said(state: Readonly<PageState>, platform: boolean): string {
  const channels = state.money?.salesChannels ?? [];
  const list = channels.map((c) => tr("{channel} ({orders} orders)", { channel: salesChannelLabel(c.channel), orders: count(c.orders) })).join(tr(", "));
  const landed = tr("The orders landed on {count} sales channels: {list}.", { count: channels.length, list });
  // The channels the money on screen was computed with, not those being typed.
  const tracked = (state.computedFrom?.money.options as MoneyOptions | undefined)?.platformChannels ?? [];
  if (!platform || tracked.length === 0) return landed;
  return `${landed} ${tr("The platform's click rule pays commission only on orders of {channels}.", { channels: tracked.map(salesChannelLabel).join(tr(", ")) })}`;
}

export const sales: View = {
  id: "sales",
  tab: "money",
  watches: ["report", "money", "days", "computedFrom", "catalogue", "lang"],
  mount() {},
  render(state) {
    const block = element("sales-block");
    const window = state.report?.windows.find((w) => w.days === state.days);
    const credit = window?.salesChannels ?? null;
    const money = state.money;
    // One channel takes everything: nothing to split.
    const several = credit !== null && credit.channels.length > 1 && money !== null && money.salesChannels.length > 1;
    block.hidden = !several || !state.catalogue;
    if (!several || !state.catalogue || !window || !money) return;
    const modelName = modelNames(state.catalogue);
    renderSalesCredit(element<HTMLTableElement>("sales-credit"), credit, modelName, window.days);
    // The engine's default basis is what the platform pays: its own click window, no lookback.
    const platform = setting(state.catalogue, "money", "basis.model").default === money.basis.model;
    const basis = platform || money.basis.days === null ? modelName(money.basis.model) : tr("{model} at {days} days", { model: modelName(money.basis.model), days: money.basis.days });
    element("sales-said").textContent = said(state, platform);
    renderSalesMoney(element<HTMLTableElement>("sales-money"), money.salesChannels, basis);
  },
};
