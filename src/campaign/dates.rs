//! What the campaign's dates say once all three files are read: dates years away from the rest
//! (misread, refused), orders given as a date alone against touches with times, touches after
//! the last order and dates in the future.

use std::ops::Range;

use chrono::FixedOffset;
use rustc_hash::FxHashMap;

use super::rows::{Located, cells_on_lines};
use super::{Campaign, CampaignInputs, DateOnlyOrders, at};
use crate::catalogue::MAX_WINDOW_DAYS;
use crate::catalogue::settings::DATE_ONLY_ORDERS;
use crate::error::{MAX_PROBLEMS, Problem, ProblemCode, Problems};
use crate::read::time::{DAY, show};

/// Refuses dates years away from the campaign, which are misread dates rather than data (a
/// compact date or an Excel number read as seconds lands in 1970): an order more than the
/// longest window from the median order, a touch more than that before the first order or after
/// the last one (such a touch could never count, and its creator would lose its credit silently).
pub(super) fn check_time_range(
    campaign: &Campaign,
    inputs: &CampaignInputs,
    columns: [Option<&Located>; 2],
    offset: FixedOffset,
    problems: &mut Problems,
) {
    let (touches, orders) = (&campaign.touches, &campaign.orders);
    let far = i64::from(MAX_WINDOW_DAYS) * DAY;
    let mut sorted = orders.at.clone();
    sorted.sort_unstable();
    let Some(&median) = sorted.get(sorted.len() / 2) else { return };
    let mut near = sorted.iter().copied().filter(|at| (at - median).abs() <= far);
    let first = near.next().unwrap_or(median);
    let last = near.next_back().unwrap_or(first);
    let advice = "a misread date? Write dates as 2025-05-07 or 2025-05-07 12:00";
    let far_orders = (0..orders.len()).filter(|&i| (orders.at[i] - median).abs() > far);
    let order_rows = far_orders.map(|i| (orders.line[i] as usize, i)).collect();
    refuse(("orders", &inputs.orders, columns[1]), order_rows, problems, |i| {
        let side = if orders.at[i] < median { "before" } else { "after" };
        let (at, around) = (show(orders.at[i], offset), show(median, offset));
        format!("{at} is more than {MAX_WINDOW_DAYS} days {side} the other orders (around {around}): {advice}")
    });
    let far_touches = (0..touches.len()).filter(|&i| touches.at[i] < first - far || touches.at[i] > last + far);
    let touch_rows = far_touches.map(|i| (touches.line[i] as usize, i)).collect();
    refuse(("touchpoints", &inputs.touchpoints, columns[0]), touch_rows, problems, |i| {
        let (side, order) = if touches.at[i] < first { ("before the first", first) } else { ("after the last", last) };
        let (at, order) = (show(touches.at[i], offset), show(order, offset));
        format!(
            "{at} is more than {MAX_WINDOW_DAYS} days (the longest window) {side} order ({order}), so it could \
             never count: {advice}"
        )
    });
}

/// Refuses the timestamp cell of each `(line, index)` of `rows` in `file`, with `message(index)`.
fn refuse(
    (file, text, column): (&str, &str, Option<&Located>),
    mut rows: Vec<(usize, usize)>,
    problems: &mut Problems,
    message: impl Fn(usize) -> String,
) {
    let Some(column) = column else { return };
    rows.sort_unstable();
    // Only listed problems need the cell as written (a second pass over the file); the rest are counted.
    let listed: Vec<usize> = rows.iter().take(MAX_PROBLEMS).map(|&(line, _)| line).collect();
    let cells = cells_on_lines(text, column.position, &listed);
    for (k, (line, i)) in rows.into_iter().enumerate() {
        let (cell, message) = cells.get(k).map_or(("", String::new()), |cell| (cell.as_str(), message(i)));
        let (position, name) = (column.position + 1, column.name.as_str());
        problems.push(Problem::at_cell(file, line, position, name, cell, ProblemCode::TimeOutOfRange, message));
    }
}

/// Orders given as a date alone, when touches give times: the orders whose user has touches
/// later on the order's day are the ones the reading decides, so they are counted and named.
pub(super) fn warn_date_only_orders(campaign: &Campaign, reading: DateOnlyOrders, problems: &mut Problems) {
    let (touches, orders) = (&campaign.touches, &campaign.orders);
    if !orders.date_only.contains(&true) {
        return;
    }
    let shift = if reading == DateOnlyOrders::EndOfDay { DAY - 1 } else { 0 };
    let runs = journey_runs(&touches.journey);
    let decided: Vec<usize> = (0..orders.len())
        .filter(|&i| orders.date_only[i])
        .filter(|&i| {
            let run = runs.get(&orders.journey[i]).cloned().unwrap_or_default();
            let midnight = orders.at[i] - shift;
            touches.at[run].iter().any(|&at| at > midnight && at < midnight + DAY)
        })
        .collect();
    let Some(&first) = decided.iter().min_by_key(|&&i| orders.line[i]) else { return };
    let (how, other) = match reading {
        DateOnlyOrders::EndOfDay => {
            ("read at the end of their day, so that day's touches count", "start_of_day to read them at midnight")
        }
        DateOnlyOrders::StartOfDay => {
            ("read at midnight, so touches later that day do not count", "end_of_day to count that day's touches")
        }
    };
    let message = format!(
        "{} orders give a date alone while touches give times, and their users have touches later on the \
         order's day: they are {how} (set {} to {other})",
        decided.len(),
        DATE_ONLY_ORDERS.path,
    );
    let line = orders.line[first] as usize;
    let warning = at("orders", line, ProblemCode::DateOnlyOrders, message);
    problems.push(Problem { value: Some(orders.id[first].clone()), ..warning });
}

/// Each journey's run of positions in `journeys`, which is sorted by journey.
fn journey_runs(journeys: &[u32]) -> FxHashMap<u32, Range<usize>> {
    let mut runs = FxHashMap::default();
    let mut start = 0;
    for i in 1..=journeys.len() {
        if i == journeys.len() || journeys[i] != journeys[start] {
            runs.insert(journeys[start], start..i);
            start = i;
        }
    }
    runs
}

/// Touches long after the last order (do the exports end apart?) and dates after `now`.
pub(super) fn warn_late_and_future(campaign: &Campaign, now: Option<i64>, problems: &mut Problems) {
    let (touches, orders) = (&campaign.touches, &campaign.orders);
    if let (Some(&first_order), Some(&last_order)) = (orders.at.iter().min(), orders.at.iter().max()) {
        // Touches shortly after the last order are normal (orders are sparser than touches); a gap
        // of more than a day or a twentieth of the order span means the exports end apart.
        let slack = DAY.max((last_order - first_order) / 20);
        let late: Vec<usize> = (0..touches.len()).filter(|&i| touches.at[i] > last_order + slack).collect();
        if let Some(first) = late.iter().map(|&i| touches.line[i]).min() {
            let message = format!(
                "{} touches are more than {} days later than the last order: they can only count as \
                 non-converting journeys (does the order export end earlier than the touch log?)",
                late.len(),
                (slack + DAY - 1) / DAY
            );
            problems.push(at("touchpoints", first as usize, ProblemCode::TouchAfterLastOrder, message));
        }
    }
    let Some(now) = now else { return };
    for (file, times, lines) in [("touchpoints", &touches.at, &touches.line), ("orders", &orders.at, &orders.line)] {
        let future: Vec<u32> = (0..times.len()).filter(|&i| times[i] > now).map(|i| lines[i]).collect();
        if let Some(&first) = future.iter().min() {
            let message = format!("{} rows are dated in the future; is the time zone or the year right?", future.len());
            problems.push(at(file, first as usize, ProblemCode::FutureDate, message));
        }
    }
}
