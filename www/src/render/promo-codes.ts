// How the orders' promo codes and QR ids matched the roster's (the engine's `summary.promoCodes`):
// the orders with a code, how many matched a creator, the touches that added, and every code no
// creator has, most orders first; a long list is closed until asked for.
import type { CodeMatch } from "../../pkg/kol_attribution.js";
import { h } from "../dom";
import { count, percent } from "../format";
import { tr } from "../i18n";

/** Up to this many codes no creator has are listed open; more are behind their summary line. */
const OPEN_CODES = 5;

/** Whether the campaign's orders carry codes at all (else there is nothing to say). */
export function hasCodes(codes: CodeMatch): boolean {
  return codes.ordersWithCode > 0;
}

/** The summary's figure: matched orders of those with a code, and the rate. */
export function matchFigure(codes: CodeMatch): string {
  return tr("{matched} of {orders} ({rate})", { matched: count(codes.matched), orders: count(codes.ordersWithCode), rate: percent(codes.matched / codes.ordersWithCode) });
}

/** The sentence and the codes no creator has, into `host`. */
export function renderPromoCodes(host: HTMLElement, codes: CodeMatch): void {
  const carry = tr(codes.ordersWithCode === 1 ? "{orders} order carries a promo code or QR id;" : "{orders} orders carry a promo code or QR id;", { orders: count(codes.ordersWithCode) });
  const matched = tr(
    codes.matched === 0
      ? "none matched a creator's in the roster (a roster gives each creator's code in its promo_code column)."
      : codes.touchesAdded > 0
        ? "{matched} matched a creator's in the roster, adding {added} touches where the touch log had none."
        : "{matched} matched a creator's in the roster; no touch was added (the touch log had them, or touches from promo codes are off).",
    { matched: count(codes.matched), added: count(codes.touchesAdded) },
  );
  const said = `${carry} ${matched}`;
  const parts: HTMLElement[] = [h("p", said, "note")];
  if (codes.unmatched.length > 0) {
    const details = h("details", undefined, "unmatched-codes");
    details.open = codes.unmatched.length <= OPEN_CODES;
    const none = codes.unmatched.reduce((n, c) => n + c.orders, 0);
    details.append(
      h(
        "summary",
        tr(codes.unmatched.length === 1 ? "{codes} code no creator has ({orders} orders)" : "{codes} codes no creator has ({orders} orders)", {
          codes: count(codes.unmatched.length),
          orders: count(none),
        }),
      ),
    );
    const list = h("ul");
    for (const code of codes.unmatched) {
      const item = h("li");
      // The code is the user's data: shown as written, never translated.
      const qr = code.column === "qr_id";
      const where =
        code.orders === 1
          ? tr(qr ? " (QR id): 1 order, on line {line} of the orders" : ": 1 order, on line {line} of the orders", { line: code.line })
          : tr(qr ? " (QR id): {orders} orders, the first on line {line} of the orders" : ": {orders} orders, the first on line {line} of the orders", {
              orders: count(code.orders),
              line: code.line,
            });
      item.append(h("code", code.code), where);
      list.append(item);
    }
    details.append(list);
    parts.push(details);
  }
  host.replaceChildren(...parts);
}
