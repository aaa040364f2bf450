// A chart on the page: its title, the tier legend, the SVG, and downloads as SVG or PNG. Exports
// are standalone files (title and legend drawn into them), made in the browser from the chart
// on screen; nothing is sent anywhere.
import type { Chart, Legend } from "./charts";
import { h, saveFile } from "../dom";
import { tr } from "../i18n";

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT = "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif";

function legendList(legend: Legend): HTMLUListElement {
  const list = h("ul", undefined, "chart-legend");
  legend.domain.forEach((name, i) => {
    const item = h("li", name);
    const swatch = h("span", undefined, "swatch");
    swatch.style.backgroundColor = legend.colours[i] ?? "#888";
    item.prepend(swatch);
    list.append(item);
  });
  return list;
}

function svgNode<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The chart as a standalone SVG document: white background, title, legend, then the plot. */
export function standaloneSvg(title: string, chart: Chart): { text: string; width: number; height: number } {
  const plot = chart.svg.cloneNode(true) as SVGSVGElement;
  // A tooltip left open by the pointer is not part of the picture.
  for (const tip of plot.querySelectorAll('[aria-label="tip"]')) tip.remove();
  const width = Number(plot.getAttribute("width"));
  const top = chart.legend ? 52 : 30;
  const height = Number(plot.getAttribute("height")) + top;
  const outer = svgNode("svg", { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, "font-family": FONT });
  outer.append(svgNode("rect", { width, height, fill: "white" }), svgNode("text", { x: 4, y: 18, "font-size": 14, "font-weight": 600, fill: "#1b1f24" }, title));
  if (chart.legend) {
    const measure = document.createElement("canvas").getContext("2d");
    if (measure) measure.font = `12px ${FONT}`;
    let x = 4;
    chart.legend.domain.forEach((name, i) => {
      outer.append(
        svgNode("rect", { x, y: 32, width: 10, height: 10, fill: chart.legend?.colours[i] ?? "#888" }),
        svgNode("text", { x: x + 14, y: 41, "font-size": 12, fill: "#1b1f24" }, name),
      );
      x += 14 + (measure?.measureText(name).width ?? name.length * 7) + 16;
    });
  }
  plot.setAttribute("y", String(top));
  plot.setAttribute("font-family", FONT);
  outer.append(plot);
  return { text: new XMLSerializer().serializeToString(outer), width, height };
}

async function savePng(title: string, chart: Chart, name: string): Promise<void> {
  const { text, width, height } = standaloneSvg(title, chart);
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement("canvas");
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (png) saveFile(png, `${name}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The width a chart in `host` is drawn at: the host's own, or, while its view is hidden, the
 * results panel's (the view redraws it when shown). Never narrower than a phone's screen allows.
 */
export function chartWidth(host: HTMLElement): number {
  const panel = host.closest<HTMLElement>(".panel");
  const own = host.clientWidth || host.parentElement?.clientWidth || 0;
  const estimate = own || (panel?.clientWidth ? panel.clientWidth - 40 : 0) || Math.min(1400, window.innerWidth - 48) || 720;
  return Math.max(300, Math.floor(estimate));
}

/**
 * Draws a chart into `host` at the host's width: title, legend, the SVG and its two downloads.
 * `name` is the file name the downloads get (without extension).
 */
export function showChart(host: HTMLElement, title: string, name: string, make: (width: number) => Chart, width = chartWidth(host)): void {
  const chart = make(width);
  const figure = h("figure", undefined, "chart");
  const head = h("div", undefined, "chart-head");
  const caption = h("figcaption", title);
  const svgButton = h("button", "SVG", "secondary small");
  const pngButton = h("button", "PNG", "secondary small");
  for (const [button, kind] of [
    [svgButton, "SVG"],
    [pngButton, "PNG"],
  ] as const) {
    button.type = "button";
    button.setAttribute("aria-label", tr("Download “{title}” as {kind}", { title, kind }));
  }
  svgButton.addEventListener("click", () => {
    saveFile(new Blob([standaloneSvg(title, chart).text], { type: "image/svg+xml" }), `${name}.svg`);
  });
  pngButton.addEventListener("click", () => void savePng(title, chart, name));
  head.append(caption, h("span", undefined, "chart-downloads"));
  head.lastElementChild?.append(svgButton, pngButton);
  chart.svg.setAttribute("role", "img");
  figure.append(head);
  if (chart.legend) figure.append(legendList(chart.legend));
  figure.append(chart.svg);
  host.replaceChildren(figure);
}
