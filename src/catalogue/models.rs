//! Every attribution model: its id, labels, one-line description and traits. The `Model` enum
//! (`attribution::models`) reads its name and traits from here, in this order.

use super::Text;

/// One model as the catalogue describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // Each is one trait of the model.
pub struct ModelEntry {
    /// The id the API, files and CLI use.
    pub id: &'static str,
    /// Its name in a table or chart.
    pub label: Text,
    /// One line on what it credits.
    pub about: Text,
    /// Needs each touch's time or type, which plain aggregated paths lack.
    pub needs_events: bool,
    /// Fitted on every journey at once (converting or not) rather than applied order by order.
    pub data_driven: bool,
    /// Gives each order's touches a share, so it can decide who earns commission.
    pub commission_basis: bool,
    /// Part of the default model list.
    pub in_default: bool,
    /// Needs every journey's touches, converting or not, with their times and types: runs on a
    /// campaign's files, never on an aggregated paths file.
    pub campaign_only: bool,
    /// Gives each journey a probability to convert, so it can be checked on held-out journeys.
    pub gives_probability: bool,
    /// Its parameters: paths of model settings (see [`super::SETTINGS`]).
    pub settings: &'static [&'static str],
}

const fn rule(
    id: &'static str,
    label: Text,
    about: Text,
    needs_events: bool,
    settings: &'static [&'static str],
) -> ModelEntry {
    ModelEntry {
        id,
        label,
        about,
        needs_events,
        data_driven: false,
        commission_basis: true,
        in_default: true,
        campaign_only: false,
        gives_probability: false,
        settings,
    }
}

const fn fitted(id: &'static str, label: Text, about: Text, settings: &'static [&'static str]) -> ModelEntry {
    ModelEntry {
        id,
        label,
        about,
        needs_events: false,
        data_driven: true,
        commission_basis: false,
        in_default: true,
        campaign_only: false,
        gives_probability: true,
        settings,
    }
}

/// Every model, in the order reports list them.
pub const MODELS: [ModelEntry; 10] = [
    rule(
        "first_touch",
        Text { en: "First touch", zh: "首次触点" },
        Text {
            en: "All credit to the creator who introduced the brand.", zh: "全部归因给最先接触用户的达人。"
        },
        false,
        &[],
    ),
    rule(
        "last_touch",
        Text { en: "Last touch", zh: "末次触点" },
        Text {
            en: "All credit to the last creator before the order.", zh: "全部归因给下单前最后接触的达人。"
        },
        false,
        &[],
    ),
    rule(
        "linear",
        Text { en: "Linear", zh: "线性" },
        Text { en: "Equal credit to every touch of the journey.", zh: "旅程中每个触点平分。" },
        false,
        &["uniqueCreators"],
    ),
    rule(
        "time_decay",
        Text { en: "Time decay", zh: "时间衰减" },
        Text {
            en: "More credit closer to the order, halving every half-life.",
            zh: "越接近下单的触点权重越高，每个半衰期减半。",
        },
        true,
        &["halfLifeDays"],
    ),
    rule(
        "position_based",
        Text { en: "Position-based", zh: "位置加权" },
        Text {
            en: "U-shaped: fixed shares to the first and last touch, the middle splits the rest.",
            zh: "U 形：首末触点各得固定份额，中间触点平分其余。",
        },
        false,
        &["firstShare", "lastShare"],
    ),
    rule(
        "touch_weighted",
        Text { en: "Touch-weighted", zh: "触点类型加权" },
        Text {
            en: "Credit in proportion to each touch type's weight: saves and codes say more than views.",
            zh: "按触点类型权重分配：收藏与优惠码比浏览更有分量。",
        },
        true,
        &[
            "touchWeights.view",
            "touchWeights.like",
            "touchWeights.comment",
            "touchWeights.save",
            "touchWeights.click",
            "touchWeights.qrScan",
            "touchWeights.promoCode",
            "touchWeights.other",
        ],
    ),
    rule(
        "platform_last_click",
        Text { en: "Platform click", zh: "平台点击" },
        Text {
            en: "What the platform pays: the last click, code or scan within the click window, else no one.",
            zh: "平台实际支付方式：点击窗口内最后一次点击、优惠码或扫码，否则不归因。",
        },
        true,
        &["clickWindowHours"],
    ),
    fitted(
        "markov",
        Text { en: "Markov", zh: "马尔可夫" },
        Text {
            en: "Each creator's exact Markov removal effect, fitted on every journey.",
            zh: "基于全部旅程拟合的马尔可夫移除效应。",
        },
        &["markovOrder", "collapseRepeats"],
    ),
    fitted(
        "shapley",
        Text { en: "Shapley", zh: "沙普利" },
        Text {
            en: "Shapley values of the conversion rate of each observed set of creators.",
            zh: "按观察到的达人组合转化率计算的沙普利值。",
        },
        &["shapleyPermutations"],
    ),
    ModelEntry {
        id: "incremental",
        label: Text { en: "Incremental", zh: "增量" },
        about: Text {
            en: "What each creator caused: a conversion model fitted on every journey, converting or not; what no touch explains is organic.",
            zh: "每位达人真正带来的销售：基于全部旅程（含未转化）拟合的转化模型；触点无法解释的部分计为自然转化。",
        },
        needs_events: true,
        data_driven: true,
        commission_basis: false,
        in_default: true,
        campaign_only: true,
        gives_probability: true,
        settings: &[],
    },
];

/// The entry of the model with `id`, if there is one.
pub fn model(id: &str) -> Option<&'static ModelEntry> {
    MODELS.iter().find(|m| m.id == id)
}
