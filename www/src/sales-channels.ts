// The sales channels orders land on: XHS shop, Tmall/Taobao (the Red Cat links), JD, the brand's
// own site, anywhere else. The engine names them (`xhs_shop`, `tmall`, `jd`, `d2c`, `other`, its
// report order) and refuses any other name in an option; these are the page's words for them.
import { type Bilingual, language } from "./i18n";

/** Every sales channel the engine knows, in its report order, with its name in both languages. */
const CHANNELS: Record<string, Bilingual> = {
  xhs_shop: { en: "XHS shop", zh: "小红书店铺" },
  tmall: { en: "Tmall / Taobao", zh: "天猫 / 淘宝" },
  jd: { en: "JD", zh: "京东" },
  d2c: { en: "Brand site", zh: "品牌官网" },
  other: { en: "Other", zh: "其他渠道" },
};

/** The engine's sales channels, in its order. */
export const SALES_CHANNELS: readonly string[] = Object.keys(CHANNELS);

/** A sales channel's name in the current language; an unknown name as it is. */
export function salesChannelLabel(channel: string): string {
  return CHANNELS[channel]?.[language()] ?? channel;
}
