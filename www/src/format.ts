// Numbers for display: money formatted without floating point, and lines counted in large texts.

/** `"1234567.8900"` → `"1,234,567.89"`: groups the digits of a decimal string, at `decimals` places. */
export function groupDecimal(value: string, decimals = 2): string {
  const negative = value.startsWith("-");
  const [integer = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cut = fraction.padEnd(decimals, "0").slice(0, Math.max(decimals, 0));
  return `${negative ? "-" : ""}${grouped}${cut ? `.${cut}` : ""}`;
}

/** Money as the page shows it: `¥1,299.00`. */
export function money(value: string, decimals = 2): string {
  return `¥${groupDecimal(value, decimals)}`;
}

/** One formatter for every count: `toLocaleString` with options builds a new one each call, which a 1M-journey report's tables felt. */
const COUNTS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Conversions: whole numbers plain, fractions to two places. */
export function count(value: number): string {
  return COUNTS.format(value);
}

/** A share in 0..1 as a percentage with one decimal. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** The exact sum of decimal strings (`["1.10", "2.2"]` → `"3.30"`), through integers, never floats. */
export function sumDecimals(values: string[]): string {
  const scale = Math.max(2, ...values.map((v) => v.split(".")[1]?.length ?? 0));
  let total = 0n;
  for (const value of values) {
    const negative = value.startsWith("-");
    const [integer = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
    const units = BigInt(integer + fraction.padEnd(scale, "0"));
    total += negative ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Lines of `text`, counted without building an array of them; a last line without a break counts. */
export function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
  return lines + (text.endsWith("\n") ? 0 : 1);
}

/** The first `count` lines of `text` (without the break after the last of them). */
export function firstLines(text: string, count: number): string {
  let end = 0;
  for (let line = 0; line < count && end !== -1; line++) end = text.indexOf("\n", end + 1);
  return text.slice(0, end === -1 ? text.length : end);
}
