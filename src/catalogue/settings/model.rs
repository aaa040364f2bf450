//! The models' parameters (`ModelOptions`).

use super::{MAX_SAFE_INTEGER, WINDOW, text};
use crate::catalogue::{Group, Kind, Number, Setting, Text};

const fn touch_weight(path: &'static str, default: f64, label: Text) -> Setting {
    Setting::new(
        Group::Model,
        path,
        Kind::Number(Number::real(0.0, 100.0, 0.5, default)),
        label,
        text(
            "How much this kind of touch counts in the touch-weighted model (0 to 100).",
            "触点类型加权模型中此类触点的权重（0 到 100）。",
        ),
    )
    .of_model("touch_weighted")
}

// ---- The models' parameters (`ModelOptions`) ----

/// `time_decay`: days for a touch's weight to halve.
pub const HALF_LIFE_DAYS: Setting = Setting::new(
    Group::Model,
    "halfLifeDays",
    Kind::Number(Number::real(0.0, WINDOW, 0.5, 7.0).above()),
    text("Time decay half-life (days)", "时间衰减半衰期（天）"),
    text(
        "Days for a touch's weight to halve: shorter favours the touches just before the order.",
        "触点权重减半所需天数：越短越偏向下单前的触点。",
    ),
)
.flag("half-life", "DAYS")
.unit("days")
.of_model("time_decay");

/// `position_based`: the first touch's share.
pub const FIRST_SHARE: Setting = Setting::new(
    Group::Model,
    "firstShare",
    Kind::Number(Number::real(0.0, 1.0, 0.05, 0.4)),
    text("Position-based: first touch", "位置加权：首次触点"),
    text(
        "Share of the first touch (0 to 1); the middle touches split what first and last leave.",
        "首次触点的份额（0 到 1）；中间触点平分首末之外的部分。",
    ),
)
.flag("first-share", "SHARE")
.of_model("position_based");

/// `position_based`: the last touch's share.
pub const LAST_SHARE: Setting = Setting::new(
    Group::Model,
    "lastShare",
    Kind::Number(Number::real(0.0, 1.0, 0.05, 0.4)),
    text("Position-based: last touch", "位置加权：末次触点"),
    text(
        "Share of the last touch (0 to 1); first and last together at most 1.",
        "末次触点的份额（0 到 1）；首末之和不超过 1。",
    ),
)
.flag("last-share", "SHARE")
.of_model("position_based");

/// `touch_weighted`: a view's weight.
pub const WEIGHT_VIEW: Setting = touch_weight("touchWeights.view", 1.0, text("view", "浏览"));
/// `touch_weighted`: a like's weight.
pub const WEIGHT_LIKE: Setting = touch_weight("touchWeights.like", 1.0, text("like", "点赞"));
/// `touch_weighted`: a comment's weight.
pub const WEIGHT_COMMENT: Setting = touch_weight("touchWeights.comment", 2.0, text("comment", "评论"));
/// `touch_weighted`: a save's weight.
pub const WEIGHT_SAVE: Setting = touch_weight("touchWeights.save", 3.0, text("save", "收藏"));
/// `touch_weighted`: a click's weight.
pub const WEIGHT_CLICK: Setting = touch_weight("touchWeights.click", 3.0, text("click", "点击"));
/// `touch_weighted`: a QR scan's weight.
pub const WEIGHT_QR_SCAN: Setting = touch_weight("touchWeights.qrScan", 4.0, text("QR scan", "扫码"));
/// `touch_weighted`: a promo code's weight.
pub const WEIGHT_PROMO_CODE: Setting = touch_weight("touchWeights.promoCode", 5.0, text("promo code", "优惠码"));
/// `touch_weighted`: any other touch's weight.
pub const WEIGHT_OTHER: Setting = touch_weight("touchWeights.other", 1.0, text("other", "其他"));

/// `linear`: split among distinct creators instead of touches.
pub const UNIQUE_CREATORS: Setting = Setting::new(
    Group::Model,
    "uniqueCreators",
    Kind::Flag { default: false },
    text("Linear: once per creator", "线性：每位达人计一次"),
    text("Split a journey equally among its creators instead of its touches.", "按达人而非触点平分一条用户旅程。"),
)
.flag("unique-creators", "")
.of_model("linear");

/// `platform_last_click`: how long a click counts before the order.
pub const CLICK_WINDOW_HOURS: Setting = Setting::new(
    Group::Model,
    "clickWindowHours",
    Kind::Number(Number::whole(1.0, 720.0, 72.0)),
    text("Platform click window (hours)", "平台点击窗口（小时）"),
    text(
        "How long a click earns the platform's commission before the order (1 to 720).",
        "点击在下单前多长时间内可获得平台佣金（1 到 720）。",
    ),
)
.flag("click-window", "HOURS")
.unit("hours")
.of_model("platform_last_click");

/// `markov`: how many past channels a state remembers.
pub const MARKOV_ORDER: Setting = Setting::new(
    Group::Model,
    "markovOrder",
    Kind::Number(Number::whole(1.0, 4.0, 1.0)),
    text("Markov order", "马尔可夫阶数"),
    text(
        "How many past creators a state remembers (1 to 4): higher sees sequences, needs more journeys.",
        "状态记住的历史达人数（1 到 4）：越高越能看到顺序，也需要更多用户旅程。",
    ),
)
.flag("markov-order", "N")
.of_model("markov");

/// `markov`: a creator repeated back to back is one touch.
pub const COLLAPSE_REPEATS: Setting = Setting::new(
    Group::Model,
    "collapseRepeats",
    Kind::Flag { default: false },
    text("Markov: merge repeats", "马尔可夫：合并重复"),
    text("Read a creator seen twice in a row as one touch.", "连续两次出现的同一达人视为一个触点。"),
)
.flag("collapse-repeats", "")
.of_model("markov");

/// `shapley`: random orders for a set too large to enumerate.
pub const SHAPLEY_PERMUTATIONS: Setting = Setting::new(
    Group::Model,
    "shapleyPermutations",
    Kind::Number(Number::whole(10.0, 1_000_000.0, 2000.0)),
    text("Shapley: sampled orders", "沙普利：抽样排列数"),
    text(
        "Random orders drawn for a set of more than 12 creators, too large to enumerate.",
        "达人组合超过 12 人无法穷举时抽取的随机排列数。",
    ),
)
.flag("shapley-permutations", "N")
.of_model("shapley");

/// The seed of every random draw.
pub const SEED: Setting = Setting::new(
    Group::Model,
    "seed",
    Kind::Number(Number::whole(0.0, MAX_SAFE_INTEGER, 7.0)),
    text("Random seed", "随机种子"),
    text(
        "Seed of every random draw (Shapley's sampled orders, bootstrap resamples): the same seed, the same numbers.",
        "所有随机抽样的种子（沙普利抽样、自助法重抽样）：种子相同，结果相同。",
    ),
)
.flag("seed", "S");
