//! Orders that carry a creator's promo code or QR id: matched against the roster, and, as
//! code-based tracking tools do, a touch added for that creator at the order's time when the touch
//! log lacks one, so that every model sees the code.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::codes::{CodeKind, normalize_code};
use super::rows::Located;
use super::{Campaign, NO_NOTE, TouchType};
use crate::catalogue::settings::PROMO_CODE_TOUCHES;
use crate::error::{Problem, ProblemCode, Problems};

/// Whether an order's known code adds a touch where the touch log has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PromoCodeTouches {
    /// Add a `promo_code` (or `qr_scan`) touch at the order's time.
    Add,
    /// Match and count codes only; the touch log stays as it is.
    Off,
}

impl Default for PromoCodeTouches {
    fn default() -> Self {
        if PROMO_CODE_TOUCHES.default_text() == "off" { Self::Off } else { Self::Add }
    }
}

/// A code on orders that no creator in the roster has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UnmatchedCode {
    /// The orders' column it is in: `promo_code` or `qr_id`.
    pub column: String,
    /// The code as written on its first order in the file.
    pub code: String,
    /// Orders carrying it.
    pub orders: usize,
    /// The line of its first order in the order file.
    pub line: usize,
}

/// How the orders' promo codes and QR ids matched the roster's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CodeMatch {
    /// Orders carrying a promo code or a QR id.
    pub orders_with_code: usize,
    /// Of those, the orders with a code (or QR id) some creator in the roster has.
    pub matched: usize,
    /// Touches added for them (none with `promoCodeTouches` off, nor where the log had one).
    pub touches_added: usize,
    /// Codes no creator has, most orders first, then by first line.
    pub unmatched: Vec<UnmatchedCode>,
}

/// A touch to add: journey, creator, time, type and the order's line.
type Added = (u32, u32, i64, TouchType, u32);

/// Matches every order's code against the roster and, with `mode` add, adds a touch for its
/// creator at the order's time unless that creator already has a `promo_code` or `qr_scan` touch
/// the order can be credited to (after the user's previous order, at or before this one). The
/// added touch's line is the order's line in the order file. Unknown codes are one warning.
pub(crate) fn add_code_touches(
    campaign: &mut Campaign,
    mode: PromoCodeTouches,
    columns: &[Option<Located>; 2],
    problems: &mut Problems,
) -> CodeMatch {
    let (orders, touches, codes) = (&campaign.orders, &campaign.touches, campaign.roster.codes());
    let mut result = CodeMatch::default();
    let mut unmatched: FxHashMap<(CodeKind, String), usize> = FxHashMap::default();
    let mut added: Vec<Added> = Vec::new();
    // The journey's earlier orders, as the lookback walk bounds an order's touches.
    let (mut journey, mut previous, mut lower, mut first_added) = (u32::MAX, i64::MIN, i64::MIN, 0);
    for i in 0..orders.len() {
        let at = orders.at[i];
        if orders.journey[i] != journey {
            (journey, previous, lower, first_added) = (orders.journey[i], i64::MIN, i64::MIN, added.len());
        }
        if at > previous {
            (lower, previous) = (previous, at);
        }
        let carried = [(CodeKind::PromoCode, &orders.promo_code[i]), (CodeKind::QrId, &orders.qr_id[i])];
        if carried.iter().all(|(_, code)| code.is_none()) {
            continue;
        }
        result.orders_with_code += 1;
        let mut matched = false;
        for (kind, code) in carried {
            let Some(code) = code else { continue };
            let Some(creator) = codes.owner(kind, code) else {
                let line = orders.line[i] as usize;
                let next = result.unmatched.len();
                let entry = *unmatched.entry((kind, normalize_code(code))).or_insert(next);
                if entry == next {
                    let column = kind.column().to_owned();
                    result.unmatched.push(UnmatchedCode { column, code: code.clone(), orders: 0, line });
                }
                let listed = &mut result.unmatched[entry];
                listed.orders += 1;
                if line < listed.line {
                    (listed.line, listed.code) = (line, code.clone());
                }
                continue;
            };
            matched = true;
            let is_code = |c: u32, t: i64, k: TouchType| {
                c == creator && t > lower && t <= at && matches!(k, TouchType::PromoCode | TouchType::QrScan)
            };
            let from = touches.journey.partition_point(|&j| j < journey);
            let to = touches.journey.partition_point(|&j| j <= journey);
            let logged = (from..to).any(|t| is_code(touches.creator[t], touches.at[t], touches.kind[t]));
            let added_before = added[first_added..].iter().any(|&(_, c, t, k, _)| is_code(c, t, k));
            if mode == PromoCodeTouches::Add && !logged && !added_before {
                let kind = if kind == CodeKind::PromoCode { TouchType::PromoCode } else { TouchType::QrScan };
                added.push((journey, creator, at, kind, orders.line[i]));
            }
        }
        result.matched += usize::from(matched);
    }
    result.unmatched.sort_by(|a, b| b.orders.cmp(&a.orders).then(a.line.cmp(&b.line)));
    let kinds = [CodeKind::PromoCode, CodeKind::QrId].map(|kind| codes.has(kind));
    warn_unmatched(&result, kinds, columns, problems);
    result.touches_added = added.len();
    if !added.is_empty() {
        let touches = &mut campaign.touches;
        for (journey, creator, at, kind, line) in added {
            touches.journey.push(journey);
            touches.creator.push(creator);
            touches.at.push(at);
            touches.kind.push(kind);
            // A code names a creator, not one of its notes.
            touches.note.push(NO_NOTE);
            touches.line.push(line);
        }
        touches.sort(&campaign.roster, &campaign.notes);
    }
    result
}

/// One warning for the codes no creator has, at the first such order, when the roster gives
/// codes of that kind: a roster without codes says nothing about an order's coupon (often the
/// platform's own), and the summary lists them anyway.
fn warn_unmatched(result: &CodeMatch, roster_has: [bool; 2], columns: &[Option<Located>; 2], problems: &mut Problems) {
    let kind_of = |u: &UnmatchedCode| usize::from(u.column != CodeKind::PromoCode.column());
    let unknown: Vec<&UnmatchedCode> = result.unmatched.iter().filter(|u| roster_has[kind_of(u)]).collect();
    let Some(first) = unknown.iter().min_by_key(|u| u.line) else { return };
    let orders: usize = unknown.iter().map(|u| u.orders).sum();
    let message = format!(
        "{} codes on {orders} orders are no creator's in the roster (this one on {} orders): they add no touch and \
         tie their orders to no one; the summary lists them all",
        unknown.len(),
        first.orders
    );
    let column = columns[kind_of(first)].as_ref();
    let problem = match column {
        Some(c) => Problem::at_cell(
            "orders",
            first.line,
            c.position + 1,
            &c.name,
            &first.code,
            ProblemCode::UnknownValue,
            message,
        ),
        None => Problem::at_line("orders", first.line, ProblemCode::UnknownValue, message),
    };
    problems.push(problem.warning());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::models::{Model, ModelOptions};
    use crate::attribution::window::attribute_window;
    use crate::campaign::{CampaignInputs, CampaignOptions, read_campaign};
    use crate::error::Error;

    const ROSTER: &str = "kol_id,tier,优惠码,二维码ID\nbig,mega,BIG10,qr-big\nmid,mid-tier,Mid 20,\nkoc,KOC,,\n";

    fn read(touches: &str, orders: &str, mode: PromoCodeTouches) -> Result<Campaign, Error> {
        let inputs = CampaignInputs {
            creators: ROSTER.into(),
            touchpoints: format!("journey_id,kol_id,timestamp,touch_type\n{touches}"),
            orders: format!("order_id,journey_id,timestamp,value,promo_code,qr_id\n{orders}"),
            ..CampaignInputs::default()
        };
        read_campaign(&inputs, &CampaignOptions { promo_code_touches: mode, ..CampaignOptions::default() })
    }

    #[test]
    fn a_code_given_to_two_creators_is_an_error_at_its_cell() {
        let inputs = CampaignInputs {
            creators: "kol_id,tier,promo_code\nbig,mega,BIG10\nmid,mid-tier,big 10\n".into(),
            touchpoints: "journey_id,kol_id,timestamp\nu1,big,2025-04-01\n".into(),
            orders: "order_id,journey_id,timestamp,value\no1,u1,2025-04-02,10\n".into(),
            ..CampaignInputs::default()
        };
        let Err(Error::Input(problems)) = read_campaign(&inputs, &CampaignOptions::default()) else { panic!() };
        let p = &problems[0];
        assert_eq!((p.file.as_str(), p.line, p.column, p.value.as_deref()), ("creators", 3, Some(3), Some("big 10")));
        assert_eq!(p.column_name.as_deref(), Some("promo_code"));
        assert!(p.message.contains("line 2"), "{}", p.message);
    }

    #[test]
    fn a_known_code_adds_a_touch_where_the_log_has_none() {
        // u1: a view of mid, then an order with mid's code typed as "mid20" (case and spaces
        // ignored). u2 scanned big's QR code and the log already has the promo touch for o3.
        let c = read(
            "u1,mid,2025-04-01 10:00,view\nu1,koc,2025-04-02 10:00,view\nu2,big,2025-04-03 09:00,promo_code\n",
            "o1,u1,2025-04-03 10:00,100,mid20,\no2,u2,2025-04-03 12:00,50,,QR-BIG\no3,u2,2025-04-03 11:00,80,BIG10,\n",
            PromoCodeTouches::Add,
        )
        .unwrap();
        let t = &c.touches;
        // u1 gains mid's promo touch at o1's time, carrying o1's line (2) in the order file; u2's
        // o3 had big's code touch logged; o2 comes after o3, so that touch is not o2's: a QR
        // touch is added for o2 (line 3).
        assert_eq!(t.len(), 5);
        assert_eq!(c.codes, CodeMatch { orders_with_code: 3, matched: 3, touches_added: 2, unmatched: vec![] });
        assert!((1..t.len()).all(|i| (t.journey[i - 1], t.at[i - 1]) <= (t.journey[i], t.at[i])), "kept sorted");
        let at = |line: u32| c.orders.at[c.orders.line.iter().position(|&l| l == line).unwrap()];
        assert_eq!(t.kind[2], TouchType::PromoCode);
        assert_eq!((t.creator[2], t.at[2], t.line[2]), (1, at(2), 2));
        assert_eq!((t.kind[4], t.creator[4], t.at[4], t.line[4]), (TouchType::QrScan, 0, at(3), 3));
        // Last touch now credits mid with o1, not the KOC who was last in the log.
        let (_, credit) = attribute_window(&c, 30, &[Model::LastTouch], &ModelOptions::default());
        assert_eq!(credit[0].credits.iter().map(|c| c.conversions).collect::<Vec<_>>(), [2.0, 1.0, 0.0]);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }

    #[test]
    fn off_counts_only_and_unknown_codes_are_one_warning() {
        let c = read(
            "u1,koc,2025-04-01 10:00,view\nu2,koc,2025-04-01 10:00,view\n",
            "o1,u1,2025-04-03 10:00,100,mid20,\no2,u2,2025-04-03 10:00,50,SUMMER,\no3,u1,2025-04-04 10:00,20,summer,\n\
             o4,u2,2025-04-05 10:00,20,,qr-x\n",
            PromoCodeTouches::Off,
        )
        .unwrap();
        assert_eq!(c.touches.len(), 2, "off adds nothing");
        let summer = UnmatchedCode { column: "promo_code".into(), code: "SUMMER".into(), orders: 2, line: 3 };
        let qr = UnmatchedCode { column: "qr_id".into(), code: "qr-x".into(), orders: 1, line: 5 };
        // One code however typed, named as its first order in the file writes it.
        assert_eq!(
            c.codes,
            CodeMatch { orders_with_code: 4, matched: 1, touches_added: 0, unmatched: vec![summer, qr] }
        );
        let warning = &c.warnings[0];
        assert_eq!((warning.file.as_str(), warning.line, warning.column), ("orders", 3, Some(5)));
        assert_eq!((warning.code, warning.value.as_deref()), (ProblemCode::UnknownValue, Some("SUMMER")));
        assert!(warning.message.starts_with("2 codes on 3 orders"), "{}", warning.message);
    }

    #[test]
    fn a_roster_without_codes_lists_the_orders_codes_without_a_warning() {
        let inputs = CampaignInputs {
            creators: "kol_id,tier\nbig,mega\n".into(),
            touchpoints: "journey_id,kol_id,timestamp\nu1,big,2025-04-01\n".into(),
            orders: "order_id,journey_id,timestamp,value,coupon\no1,u1,2025-04-02,10,PLATFORM5\n".into(),
            ..CampaignInputs::default()
        };
        let c = read_campaign(&inputs, &CampaignOptions::default()).unwrap();
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let listed = UnmatchedCode { column: "promo_code".into(), code: "PLATFORM5".into(), orders: 1, line: 2 };
        assert_eq!(c.codes, CodeMatch { orders_with_code: 1, matched: 0, touches_added: 0, unmatched: vec![listed] });
    }
}
