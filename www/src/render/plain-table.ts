// A small table of words: a caption, a head row, and rows whose first cell names the row. In a
// wrapper that scrolls sideways on a narrow screen, reachable by keyboard.
import { h } from "../dom";

export function plainTable(id: string, caption: string, head: string[], rows: string[][]): HTMLElement {
  const wrap = h("div", undefined, "table-wrap");
  wrap.tabIndex = 0;
  const table = h("table", undefined, "lag-table");
  table.id = id;
  table.append(h("caption", caption));
  const thead = h("thead");
  const top = h("tr");
  for (const text of head) {
    const th = h("th", text);
    th.scope = "col";
    top.append(th);
  }
  thead.append(top);
  const body = h("tbody");
  for (const [name = "", ...cells] of rows) {
    const row = h("tr");
    const th = h("th", name);
    th.scope = "row";
    row.append(th, ...cells.map((cell) => h("td", cell)));
    body.append(row);
  }
  table.append(thead, body);
  wrap.append(table);
  return wrap;
}
