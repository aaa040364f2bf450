//! Orders (conversions) from XHS shop, Tmall, JD or the brand's own site, with refunds.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::rows::{Located, read_rows};
use super::{Journeys, permute};
use crate::error::{Error, Problem, ProblemCode, Problems};
use crate::read::number;
use crate::read::schema::ORDERS;
use crate::read::table::Row;
use crate::read::time::{DAY, TimeColumn};

/// Where an order was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SalesChannel {
    /// The in-app XHS shop.
    XhsShop,
    /// Tmall (or Taobao, through the Red Cat links).
    Tmall,
    /// JD.com.
    Jd,
    /// The brand's own site.
    D2c,
    /// Anywhere else.
    Other,
}

impl SalesChannel {
    /// Every channel, in the catalogue's order (the index is `channel as usize`).
    pub const ALL: [Self; 5] = [Self::XhsShop, Self::Tmall, Self::Jd, Self::D2c, Self::Other];

    /// The name the channel is written with in files and exports (the catalogue's id).
    pub fn name(self) -> &'static str {
        crate::catalogue::channels::SALES_CHANNELS[self as usize].id
    }

    /// The channel a cell names, in English or Chinese; `None` when unknown.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match &*crate::read::table::normalize(text) {
            "xhsshop" | "xhs" | "xiaohongshu" | "rednote" | "小红书" | "小红书店铺" | "薯店" => Self::XhsShop,
            "tmall" | "taobao" | "天猫" | "淘宝" => Self::Tmall,
            "jd" | "jdcom" | "京东" => Self::Jd,
            "d2c" | "dtc" | "website" | "own" | "官网" | "自营" | "小程序" => Self::D2c,
            "other" | "其他" => Self::Other,
            _ => return None,
        })
    }
}

/// Every order, columnar, sorted by journey and then time (ties keep file order).
#[derive(Debug, Clone, Default)]
pub struct Orders {
    /// Order id.
    pub id: Vec<String>,
    /// Journey (user) of each order.
    pub journey: Vec<u32>,
    /// Unix seconds of each order.
    pub at: Vec<i64>,
    /// Order value before refunds.
    pub gross: Vec<Decimal>,
    /// Amount refunded (0 when none).
    pub refunded: Vec<Decimal>,
    /// Where it was placed.
    pub channel: Vec<SalesChannel>,
    /// Promo code used, if any.
    pub promo_code: Vec<Option<String>>,
    /// Id of the QR code scanned, if any.
    pub qr_id: Vec<Option<String>>,
    /// When the buyer confirmed receipt, if given (the holding period starts there).
    pub confirmed_at: Vec<Option<i64>>,
    /// When the refund happened, if given.
    pub refunded_at: Vec<Option<i64>>,
    /// Product category, if given (for the platform's fee by category).
    pub category: Vec<Option<String>>,
    /// Line in the order file.
    pub line: Vec<u32>,
    /// Whether the order's time was written as a date alone.
    pub date_only: Vec<bool>,
}

impl Orders {
    /// How many orders there are.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// Value after refunds of order `i`.
    pub fn net(&self, i: usize) -> Decimal {
        self.gross[i] - self.refunded[i]
    }

    fn sort(&mut self) {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by_key(|&i| (self.journey[i], self.at[i]));
        let ids: Vec<String> = order.iter().map(|&i| std::mem::take(&mut self.id[i])).collect();
        let codes: Vec<Option<String>> = order.iter().map(|&i| self.promo_code[i].take()).collect();
        let categories: Vec<Option<String>> = order.iter().map(|&i| self.category[i].take()).collect();
        let qr_ids: Vec<Option<String>> = order.iter().map(|&i| self.qr_id[i].take()).collect();
        self.id = ids;
        self.promo_code = codes;
        self.qr_id = qr_ids;
        self.category = categories;
        self.journey = permute(&self.journey, &order);
        self.at = permute(&self.at, &order);
        self.gross = permute(&self.gross, &order);
        self.refunded = permute(&self.refunded, &order);
        self.channel = permute(&self.channel, &order);
        self.line = permute(&self.line, &order);
        self.confirmed_at = permute(&self.confirmed_at, &order);
        self.refunded_at = permute(&self.refunded_at, &order);
        self.date_only = permute(&self.date_only, &order);
    }
}

/// What reading the orders noticed beyond row problems, for the campaign's warnings.
#[derive(Debug, Default)]
pub(crate) struct OrderNotes {
    /// Unknown sales channels seen: text, first line, count.
    pub unknown_channels: Vec<(String, usize, usize)>,
    /// Where the timestamp column is.
    pub time_column: Option<Located>,
    /// Where the promo code and QR id columns are.
    pub code_columns: [Option<Located>; 2],
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match &*crate::read::table::normalize(text) {
        "yes" | "y" | "true" | "1" | "returned" | "是" | "已退货" | "退货" | "有" => Some(true),
        "no" | "n" | "false" | "0" | "否" | "未退货" | "无" => Some(false),
        _ => None,
    }
}

/// Orders marked returned that refund less than their value: the first (located, its refund and
/// value) and how many, said once for the file.
#[derive(Default)]
struct PartialReturns {
    first: Option<(Problem, Decimal, Decimal)>,
    count: usize,
}

impl PartialReturns {
    fn note(&mut self, row: &Row<'_>, refund: Option<usize>, refunded: Decimal, gross: Decimal) {
        let Some(col) = refund else { return };
        if self.first.is_none() {
            let problem = row.problem(col, row.raw(col).trim(), ProblemCode::PartialReturn, "");
            self.first = Some((problem, refunded, gross));
        }
        self.count += 1;
    }

    fn finish(self, problems: &mut Problems) {
        let Some((problem, refund, gross)) = self.first else { return };
        let message = format!(
            "{} orders are marked returned but refund less than their value (this one {refund} of {gross}): the \
             refund amount wins, so each keeps its value less the refund; if a whole order came back, write its \
             full value as the refund",
            self.count
        );
        problems.push(Problem { message, ..problem }.warning());
    }
}

/// Counts a channel no spelling names (text, first line, count), read as other.
fn unknown_channel(cell: &str, line: usize, unknown: &mut Vec<(String, usize, usize)>) -> SalesChannel {
    match unknown.iter_mut().find(|(text, _, _)| text == cell) {
        Some(known) => known.2 += 1,
        None => unknown.push((cell.to_owned(), line, 1)),
    }
    SalesChannel::Other
}

/// Reads the orders; with `end_of_day`, an order written with a date alone is placed at the last
/// second of its day.
///
/// # Errors
/// [`Error::Input`] when the file or its header is unusable; row problems go to `problems`.
pub(crate) fn read_orders(
    text: &str,
    journeys: &mut Journeys,
    offset: chrono::FixedOffset,
    end_of_day: bool,
    overrides: &BTreeMap<String, String>,
    problems: &mut Problems,
) -> Result<(Orders, OrderNotes), Error> {
    let mut orders = Orders::default();
    let mut unknown_channels = Vec::new();
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    let mut total = Decimal::ZERO;
    let [mut times, mut confirmed_times, mut refund_times] = [(); 3].map(|()| TimeColumn::new(offset));
    let mut partial_returns = PartialReturns::default();
    let read = read_rows(text, &ORDERS, overrides, problems, |row, columns, problems| {
        let [order, journey, timestamp, value, refund, returned, channel, promo, confirmed, refund_at, category, qr] =
            std::array::from_fn(|i| columns.get(i));
        let errors = problems.error_count();
        let order_id = row.required_id(order, problems);
        let journey_id = row.required_id(journey, problems);
        let reading =
            row.required(timestamp, problems).and_then(|cell| times.read(row, timestamp.unwrap_or(0), cell, problems));
        let optional_time = |times: &mut TimeColumn, col: Option<usize>, problems: &mut Problems| {
            let (col, cell) = (col?, row.optional(col)?);
            times.read(row, col, cell, problems).map(|reading| reading.at)
        };
        let confirmed_at = optional_time(&mut confirmed_times, confirmed, problems);
        let refunded_at = optional_time(&mut refund_times, refund_at, problems);
        let gross =
            row.required(value, problems).and_then(|cell| row.number(value?, cell, number::parse_amount, problems));
        let refund_amount =
            row.optional(refund).and_then(|cell| row.number(refund?, cell, number::parse_amount, problems));
        let was_returned = row.optional(returned).and_then(|cell| {
            let flag = parse_yes_no(cell);
            if flag.is_none() {
                problems.push(row.problem(returned?, cell, ProblemCode::UnknownValue, "write yes or no (是 / 否)"));
            }
            flag
        });
        let sales_channel = row.optional(channel).map_or(SalesChannel::Other, |cell| {
            SalesChannel::parse(cell).unwrap_or_else(|| unknown_channel(cell, row.line(), &mut unknown_channels))
        });
        // Every id seen, valid row or not, so a duplicate is reported even when its first row failed.
        if let Some(id) = order_id {
            if let Some(&first) = seen.get(id) {
                let reason = format!("this order id is already on line {first}");
                problems.push(row.problem(order.unwrap_or(0), id, ProblemCode::DuplicateId, &reason));
            } else {
                seen.insert(id.to_owned(), row.line());
            }
        }
        let (Some(order_id), Some(journey_id), Some(reading), Some(gross)) = (order_id, journey_id, reading, gross)
        else {
            return;
        };
        let at = if end_of_day && reading.date_only { reading.at + DAY - 1 } else { reading.at };
        // The amount is the more specific fact: a return can refund less than the whole order
        // (shipping kept, one item of several); said once for the file below.
        let refunded = match (refund_amount, was_returned) {
            (Some(amount), _) => amount,
            (None, Some(true)) => gross,
            (None, _) => Decimal::ZERO,
        };
        if was_returned == Some(true) && refunded < gross {
            partial_returns.note(row, refund, refunded, gross);
        }
        if refunded > gross {
            let col = refund.or(returned).unwrap_or(0);
            let reason = format!("the refund is larger than the order's value ({gross})");
            problems.push(row.problem(col, row.raw(col).trim(), ProblemCode::RefundExceedsValue, &reason));
        }
        if let Some(sum) = total.checked_add(gross).filter(|t| *t <= number::max_total()) {
            total = sum;
        } else {
            let col = value.unwrap_or(0);
            problems.push(row.problem(
                col,
                row.raw(col),
                ProblemCode::TooLarge,
                "the orders' total value passes 10^18",
            ));
        }
        if problems.error_count() != errors {
            return;
        }
        orders.id.push(order_id.to_owned());
        orders.journey.push(journeys.intern(journey_id));
        orders.at.push(at);
        orders.gross.push(gross);
        orders.refunded.push(refunded);
        orders.channel.push(sales_channel);
        orders.promo_code.push(row.optional(promo).map(str::to_owned));
        orders.qr_id.push(row.optional(qr).map(str::to_owned));
        orders.line.push(u32::try_from(row.line()).unwrap_or(u32::MAX));
        orders.confirmed_at.push(confirmed_at);
        orders.refunded_at.push(refunded_at);
        orders.category.push(row.optional(category).map(str::to_owned));
        orders.date_only.push(reading.date_only);
    })?;
    for column in [times, confirmed_times, refund_times] {
        column.finish(problems);
    }
    partial_returns.finish(problems);
    orders.sort();
    let code_columns = [read.located(7), read.located(11)];
    Ok((orders, OrderNotes { unknown_channels, time_column: read.located(2), code_columns }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::time::UtcOffset;

    #[test]
    fn sales_channels_follow_the_catalogue_order_and_read_back() {
        for (i, channel) in SalesChannel::ALL.into_iter().enumerate() {
            assert_eq!(channel as usize, i, "`name` indexes the catalogue by position");
            assert_eq!(SalesChannel::parse(channel.name()), Some(channel));
            assert_eq!(serde_json::to_value(channel).unwrap(), channel.name(), "JSON says the same id");
        }
    }

    fn read(text: &str) -> (Orders, Problems) {
        let mut journeys = Journeys::default();
        let mut problems = Problems::default();
        let offset = UtcOffset::default().fixed().unwrap();
        let (orders, _) = read_orders(text, &mut journeys, offset, false, &BTreeMap::new(), &mut problems).unwrap();
        (orders, problems)
    }

    #[test]
    fn refunds_from_amount_or_returned_flag() {
        let text = "订单号,用户ID,下单时间,金额,退款,是否退货,渠道\n\
                    o1,u1,2025-05-07 12:00,\"¥1,299.00\",,否,天猫\n\
                    o2,u1,2025-05-08,299,100,,jd\n\
                    o3,u2,2025-05-09,99,,是,小红书\n";
        let (orders, problems) = read(text);
        assert_eq!(problems.error_count(), 0);
        assert_eq!(orders.len(), 3);
        assert_eq!(orders.net(0), Decimal::new(1299, 0));
        assert_eq!(orders.net(1), Decimal::new(199, 0));
        assert_eq!((orders.gross[2], orders.net(2)), (Decimal::new(99, 0), Decimal::ZERO));
        assert_eq!(orders.channel, [SalesChannel::Tmall, SalesChannel::Jd, SalesChannel::XhsShop]);
    }

    #[test]
    fn every_order_problem_reported() {
        let text = "order_id,journey_id,timestamp,value,refunded_amount\n\
                    o1,u1,2025-05-07,100,\n\
                    o2,u1,someday,100,\n\
                    o3,u1,2025-05-07,-5,\n\
                    o4,u1,2025-05-07,100,150\n\
                    o1,u2,2025-05-07,100,\n\
                    o5,,2025-05-07,1 299,00\n";
        let (_, problems) = read(text);
        let Err(Error::Input(list)) = problems.into_result("orders") else { panic!() };
        let found: Vec<_> = list.iter().map(|p| (p.line, p.code)).collect();
        assert_eq!(
            found,
            [
                (3, ProblemCode::NotATimestamp),
                (4, ProblemCode::Negative),
                (5, ProblemCode::RefundExceedsValue),
                (6, ProblemCode::DuplicateId),
                (7, ProblemCode::EmptyCell),
                (7, ProblemCode::AmbiguousAmount),
            ]
        );
    }
}
