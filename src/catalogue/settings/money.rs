//! Money (`MoneyOptions`) and the budget (`BudgetOptions`).

use super::{WINDOW, text};
use crate::catalogue::{Group, Kind, Number, Setting};

// ---- Money (`MoneyOptions`) ----

/// Which model decides who earns commission.
pub const BASIS_MODEL: Setting = Setting::new(
    Group::Money,
    "basis.model",
    Kind::Model { basis_only: true, default: "platform_last_click" },
    text("Commission follows", "佣金依据"),
    text(
        "Platform click is what Pugongying pays; another model shows what a fair scheme would pay.",
        "平台点击即蒲公英实际支付方式；其他模型显示更公平的方案会付多少。",
    ),
);

/// The commission basis's window.
pub const BASIS_DAYS: Setting = Setting::new(
    Group::Money,
    "basis.days",
    Kind::Number(Number::whole(1.0, WINDOW, 30.0)),
    text("Commission window (days)", "佣金窗口（天）"),
    text(
        "The lookback window of the model that decides commission (not used by platform click).",
        "决定佣金的模型所用的回溯窗口（平台点击不使用）。",
    ),
)
.flag("basis-days", "DAYS")
.unit("days");

/// The rate for creators without their own or a category rate.
pub const DEFAULT_RATE: Setting = Setting::new(
    Group::Money,
    "defaultRate",
    Kind::Rate { default: "0.10" },
    text("Default commission rate", "默认佣金比例"),
    text(
        "For creators without their own rate or a category rate, e.g. 10% or 0.1.",
        "用于没有自身比例或类目比例的达人，如 10% 或 0.1。",
    ),
)
.flag("default-rate", "RATE");

/// Commission rates per roster category.
pub const CATEGORY_RATES: Setting = Setting::new(
    Group::Money,
    "categoryRates",
    Kind::Structured { syntax: "CATEGORY=RATE" },
    text("Rate per category", "类目佣金比例"),
    text(
        "Commission rate for a roster category (repeatable), e.g. skincare=20%.",
        "名单中某类目的佣金比例（可重复），如 skincare=20%。",
    ),
)
.flag("category-rate", "CATEGORY=RATE");

/// Days before commission is payable.
pub const HOLDING_DAYS: Setting = Setting::new(
    Group::Money,
    "holdingDays",
    Kind::Number(Number::whole(0.0, 90.0, 15.0)),
    text("Holding period (days)", "考察期（天）"),
    text(
        "Days after an order before commission is payable; returns inside it cancel it (0 to 90).",
        "下单后多少天佣金可支付；期间退货则取消（0 到 90）。",
    ),
)
.flag("holding-days", "N")
.unit("days");

/// The date statuses are given at.
pub const AS_OF: Setting = Setting::new(
    Group::Money,
    "asOf",
    Kind::Date,
    text("Statuses as of", "状态截至"),
    text(
        "The date payout statuses are given at (default: the latest date in the data).",
        "付款状态所依据的日期（默认：数据中最晚的日期）。",
    ),
)
.flag("as-of", "YYYY-MM-DD");

/// Performance bonuses.
pub const BONUSES: Setting = Setting::new(
    Group::Money,
    "bonuses",
    Kind::Structured { syntax: "[TIER:]THRESHOLD:AMOUNT" },
    text("Performance bonuses", "业绩奖励"),
    text(
        "A bonus when a creator's attributed net value reaches a threshold (repeatable), e.g. mega:100000:5000.",
        "达人归因净值达到门槛时的奖励（可重复），如 mega:100000:5000。",
    ),
)
.flag("bonus", "[TIER:]T:A");

/// The platform's transaction fee.
pub const PLATFORM_FEE_RATE: Setting = Setting::new(
    Group::Money,
    "platformFeeRate",
    Kind::Rate { default: "0.05" },
    text("Platform fee", "平台服务费"),
    text(
        "The platform's transaction fee on order value, a brand-side cost, e.g. 5%.",
        "平台按订单金额收取的交易服务费，由品牌承担，如 5%。",
    ),
)
.flag("platform-fee", "RATE");

/// The platform's fee per product category.
pub const PLATFORM_FEE_RATES: Setting = Setting::new(
    Group::Money,
    "platformFeeRates",
    Kind::Structured { syntax: "CATEGORY=RATE" },
    text("Platform fee per category", "类目平台服务费"),
    text(
        "The platform's fee for orders of a product category (the orders' category column), repeatable.",
        "某商品类目（订单的 category 列）的平台服务费，可重复。",
    ),
)
.flag("platform-fee-for", "CATEGORY=RATE");

/// The platform's fee per sales channel.
pub const PLATFORM_FEE_CHANNEL_RATES: Setting = Setting::new(
    Group::Money,
    "platformFeeChannelRates",
    Kind::Structured { syntax: "CHANNEL=RATE" },
    text("Platform fee per sales channel", "各销售渠道平台服务费"),
    text(
        "The platform fee for orders of a sales channel (repeatable), e.g. d2c=0%; it wins over a category's fee.",
        "某销售渠道订单的平台服务费（可重复），如 d2c=0%；优先于类目服务费。",
    ),
)
.flag("platform-fee-on", "CHANNEL=RATE");

/// The sales channels the platform tracks.
pub const PLATFORM_CHANNELS: Setting = Setting::new(
    Group::Money,
    "platformChannels",
    Kind::Structured { syntax: "CHANNEL,..." },
    text("Orders the platform tracks", "平台可追踪的订单"),
    text(
        "Sales channels whose orders the platform click rule pays commission on (default every channel), e.g. xhs_shop,tmall.",
        "平台点击规则只对这些销售渠道的订单支付佣金（默认全部渠道），如 xhs_shop,tmall。",
    ),
)
.flag("platform-channels", "CHANNEL,...");

// ---- Budget (`BudgetOptions`) ----

/// Next period's budget.
pub const BUDGET: Setting = Setting::new(
    Group::Budget,
    "budget",
    Kind::Amount { default: None },
    text("Next period's budget", "下期预算"),
    text(
        "Next period's budget (default: what the tiers cost now: fees, commission and bonuses).",
        "下期预算（默认：各层级当前成本：费用、佣金与奖励）。",
    ),
)
.flag("budget", "AMOUNT");

/// What a tier's return is counted in.
pub const METRIC: Setting = Setting::new(
    Group::Budget,
    "metric",
    Kind::Choice { values: &["net_value", "conversions"], default: "net_value" },
    text("Return counted as", "回报口径"),
    text("What a tier returns: net value after refunds, or conversions.", "层级回报按退款后净值或转化数计。"),
)
.flag("metric", "M");

/// The response curve's family.
pub const CURVE: Setting = Setting::new(
    Group::Budget,
    "curve",
    Kind::Choice { values: &["hill", "power"], default: "hill" },
    text("Response curve", "响应曲线"),
    text(
        "hill: saturating, R = c·s^k/(s^k + h^k); power: R = c·s^b.",
        "hill：饱和型，R = c·s^k/(s^k + h^k)；power：R = c·s^b。",
    ),
)
.flag("curve", "C");

/// Hill: half-saturation as a multiple of current spend.
pub const HALF_SATURATION: Setting = Setting::new(
    Group::Budget,
    "halfSaturation",
    Kind::Number(Number::real(0.05, 20.0, 0.05, 1.0).because("a multiple of the tier's current spend")),
    text("Half-saturation", "半饱和点"),
    text(
        "Hill: the spend at which a tier reaches half its ceiling, as a multiple of its current spend.",
        "hill：层级达到上限一半时的花费，以当前花费的倍数表示。",
    ),
)
.flag("half-saturation", "X");

/// Hill: steepness.
pub const SLOPE: Setting = Setting::new(
    Group::Budget,
    "slope",
    Kind::Number(
        Number::real(0.1, 1.0, 0.05, 1.0)
            .because("above 1 the Hill curve turns S-shaped and equal marginal returns no longer mark the best split"),
    ),
    text("Slope", "陡度"),
    text("Hill: steepness k, 0.1 to 1; lower flattens the curve.", "hill：陡度 k，0.1 到 1；越低曲线越平。"),
)
.flag("slope", "K");

/// Power: the exponent.
pub const EXPONENT: Setting = Setting::new(
    Group::Budget,
    "exponent",
    Kind::Number(Number::real(0.05, 0.95, 0.05, 0.5).because("below 1 for diminishing returns")),
    text("Exponent", "指数"),
    text(
        "Exponent of the power curve, 0.05 to 0.95: 0.5 means four times the spend returns twice as much.",
        "幂函数曲线的指数，0.05 到 0.95：0.5 表示四倍花费带来两倍回报。",
    ),
)
.flag("exponent", "B");

/// Per-tier limits.
pub const CONSTRAINTS: Setting = Setting::new(
    Group::Budget,
    "constraints",
    Kind::Structured { syntax: "TIER=AMOUNT or TIER=MULTIPLEx" },
    text("Tier limits", "层级限额"),
    text(
        "Least and most a tier may get, an amount or a multiple of its current spend (mega=50000, koc=0.5x), or locked at its current spend.",
        "层级可得的最少与最多金额，可写金额或当前花费的倍数（mega=50000、koc=0.5x），或锁定在当前花费。",
    ),
);
