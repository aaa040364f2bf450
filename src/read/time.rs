//! Reading timestamps as exports write them, into Unix seconds.
//!
//! Accepted: ISO 8601 with or without an offset (`2025-05-07T12:00:00+08:00`, `…Z`), `2025-05-07
//! 12:00[:00]`, `2025/5/7 12:00`, `2025.05.07`, `2025年5月7日 12:00`, a date alone (midnight),
//! digits alone as `20250507` or `20250507120000` (Chinese exports) when they make a date, else
//! Unix seconds or milliseconds. Times without an offset are in the campaign's time zone. A whole
//! column of Excel date numbers (`45783`, what a CSV saved from a date-formatted column holds) is
//! read as dates, and said so ([`TimeColumn`]).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Problem, ProblemCode, Problems};
use crate::read::table::Row;

/// Unix milliseconds start here: a bare integer this large as seconds would be after year 5000.
const MILLISECONDS_FROM: i64 = 100_000_000_000;

/// Seconds in a day, for window arithmetic.
pub const DAY: i64 = 86_400;

/// A fixed offset from UTC, in minutes; China Standard Time (UTC+8, no daylight saving) by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
// A newtype serializes as its number in serde's data model, no attribute needed.
pub struct UtcOffset(pub i32);

impl Default for UtcOffset {
    fn default() -> Self {
        Self(crate::catalogue::settings::UTC_OFFSET_MINUTES.default_number() as i32)
    }
}

impl UtcOffset {
    /// The offset, if within ±18 hours.
    pub fn fixed(self) -> Option<FixedOffset> {
        FixedOffset::east_opt(self.0.checked_mul(60)?)
    }
}

/// Why a cell is not a timestamp.
pub const NOT_A_TIMESTAMP: &str =
    "not a date and time: write 2025-05-07 12:00, 2025/5/7, 2025-05-07T12:00:00+08:00 or Unix seconds";

/// A timestamp as read: the instant, and whether the text gave a date alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// Unix seconds.
    pub at: i64,
    /// The text gave a date and no time of day (read as midnight in the campaign's zone).
    pub date_only: bool,
}

/// Reads `text` as a timestamp in Unix seconds, saying whether it gave a date alone; times
/// without an offset are at `offset`.
///
/// # Errors
/// A plain-language reason.
pub fn read_timestamp(text: &str, offset: FixedOffset) -> Result<Reading, &'static str> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        // Eight digits as Unix seconds would be in 1970-73, fourteen as milliseconds after 2286:
        // such digits are a compact date (`20250506`, `20250506143000`) whenever they make one.
        if let Some(reading) = compact_date(text, offset) {
            return Ok(reading);
        }
        let number: i64 = text.parse().map_err(|_| "too many digits for a Unix timestamp")?;
        let at = if number >= MILLISECONDS_FROM { number.div_euclid(1000) } else { number };
        return Ok(Reading { at, date_only: false });
    }
    let mut scan = Scanner { rest: text };
    let year = scan.digits(4, 4).ok_or(NOT_A_TIMESTAMP)?;
    let separator = scan.one_of(&["-", "/", ".", "年"]).ok_or(NOT_A_TIMESTAMP)?;
    let month = scan.digits(1, 2).ok_or(NOT_A_TIMESTAMP)?;
    let second_separator = if separator == "年" { "月" } else { separator };
    scan.literal(second_separator).ok_or(NOT_A_TIMESTAMP)?;
    let day = scan.digits(1, 2).ok_or(NOT_A_TIMESTAMP)?;
    if separator == "年" {
        scan.literal("日");
    }
    let (mut hour, mut minute, mut second) = (0, 0, 0);
    let date_only = scan.rest.is_empty();
    if !date_only {
        if scan.literal("T").is_none() && scan.spaces() == 0 {
            return Err(NOT_A_TIMESTAMP);
        }
        hour = scan.digits(1, 2).ok_or(NOT_A_TIMESTAMP)?;
        scan.literal(":").ok_or(NOT_A_TIMESTAMP)?;
        minute = scan.digits(2, 2).ok_or(NOT_A_TIMESTAMP)?;
        if scan.literal(":").is_some() {
            second = scan.digits(2, 2).ok_or(NOT_A_TIMESTAMP)?;
            if scan.literal(".").is_some() && scan.digits(1, 9).is_none() {
                return Err(NOT_A_TIMESTAMP);
            }
        }
    }
    let zone = if date_only { None } else { scan.offset()? };
    if !scan.rest.is_empty() {
        return Err(NOT_A_TIMESTAMP);
    }
    let date =
        NaiveDate::from_ymd_opt(i32::try_from(year).map_err(|_| NOT_A_TIMESTAMP)?, month, day).ok_or("no such date")?;
    let local = date.and_hms_opt(hour, minute, second).ok_or("no such time of day")?;
    // A fixed offset maps every local time to exactly one instant.
    let zone = zone.unwrap_or(offset);
    Ok(Reading { at: local.and_utc().timestamp() - i64::from(zone.local_minus_utc()), date_only })
}

/// `yyyyMMdd` (a date alone) or `yyyyMMddHHmmss`, if the digits make a real date and time.
fn compact_date(digits: &str, offset: FixedOffset) -> Option<Reading> {
    let part = |range: std::ops::Range<usize>| digits.get(range)?.parse::<u32>().ok();
    let date_only = match digits.len() {
        8 => true,
        14 => false,
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(part(0..4)?).ok()?, part(4..6)?, part(6..8)?)?;
    let time = if date_only { (0, 0, 0) } else { (part(8..10)?, part(10..12)?, part(12..14)?) };
    let local = date.and_hms_opt(time.0, time.1, time.2)?;
    Some(Reading { at: local.and_utc().timestamp() - i64::from(offset.local_minus_utc()), date_only })
}

/// Excel's day 0 (its date numbers count days from 1899-12-30, which absorbs its 1900 leap-year
/// bug for every date after February 1900), as Unix days.
const EXCEL_EPOCH_DAY: i64 = -25_569;

/// The date an Excel date number stands for: five digits (10000 is 1927-05-18, 99999 is in 2173),
/// with an optional fraction of a day for the time (`45783.5` is noon). Any other number is
/// left to the other readings.
fn excel_serial(text: &str, offset: FixedOffset) -> Option<Reading> {
    let text = text.trim();
    let (days, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if days.len() != 5 || days.starts_with('0') || !digits(days) || !digits(fraction) {
        return None;
    }
    if text.ends_with('.') {
        return None;
    }
    let days: i64 = days.parse().ok()?;
    let seconds = format!("0.{fraction}").parse::<f64>().ok().map_or(0, |f| (f * DAY as f64).round() as i64);
    let local = (EXCEL_EPOCH_DAY + days) * DAY + seconds;
    let date_only = fraction.bytes().all(|b| b == b'0');
    Some(Reading { at: local - i64::from(offset.local_minus_utc()), date_only })
}

/// `at` as `2025-05-06` or `2025-05-06 14:30:00` in `offset`, for messages.
pub(crate) fn show(at: i64, offset: FixedOffset) -> String {
    let Some(time) = DateTime::from_timestamp(at, 0).map(|t| t.with_timezone(&offset)) else {
        return at.to_string();
    };
    if time.time() == chrono::NaiveTime::MIN {
        time.format("%Y-%m-%d").to_string()
    } else {
        time.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// One column of timestamps, read cell by cell. Five-digit numbers are read as Excel date
/// numbers only when the whole column is such numbers ([`TimeColumn::finish`] says so, or
/// refuses a column that mixes them with dates written out).
pub(crate) struct TimeColumn {
    offset: FixedOffset,
    serials: usize,
    others: usize,
    timed: usize,
    /// The first Excel date number, located, and the date it stands for.
    first_serial: Option<(Problem, i64)>,
    /// The first cell written otherwise: its line and text.
    first_other: Option<(usize, String)>,
}

impl TimeColumn {
    /// A column whose times without an offset are at `offset`.
    pub(crate) fn new(offset: FixedOffset) -> Self {
        Self { offset, serials: 0, others: 0, timed: 0, first_serial: None, first_other: None }
    }

    /// Reads the cell `cell` of `column` in `row`, or reports why it is no timestamp.
    pub(crate) fn read(
        &mut self,
        row: &Row<'_>,
        column: usize,
        cell: &str,
        problems: &mut Problems,
    ) -> Option<Reading> {
        let reading = if let Some(reading) = excel_serial(cell, self.offset) {
            self.serials += 1;
            if self.first_serial.is_none() {
                self.first_serial = Some((row.problem(column, cell, ProblemCode::ExcelDates, ""), reading.at));
            }
            reading
        } else {
            match read_timestamp(cell, self.offset) {
                Ok(reading) => {
                    self.others += 1;
                    if self.first_other.is_none() {
                        self.first_other = Some((row.line(), cell.to_owned()));
                    }
                    reading
                }
                Err(reason) => {
                    problems.push(row.problem(column, cell, ProblemCode::NotATimestamp, reason));
                    return None;
                }
            }
        };
        self.timed += usize::from(!reading.date_only);
        Some(reading)
    }

    /// Whether some cell gave a time of day.
    pub(crate) fn has_times(&self) -> bool {
        self.timed > 0
    }

    /// Says how a column of Excel date numbers was read (a warning), or refuses one that mixes
    /// them with dates written out: such a number might be a date or a garbled cell.
    pub(crate) fn finish(self, problems: &mut Problems) {
        let Some((problem, at)) = self.first_serial else { return };
        let date = show(at, self.offset);
        let value = problem.value.clone().unwrap_or_default();
        if self.others == 0 {
            let message = format!(
                "this column holds Excel date numbers ({value} is {date}): all {} read as dates in the campaign's time zone",
                self.serials
            );
            problems.push(Problem { message, ..problem }.warning());
        } else {
            let (line, text) = self.first_other.unwrap_or_default();
            let message = format!(
                "{} cells of this column are Excel date numbers ({value} would be {date}) while others are written \
                 as dates (line {line}: {text:?}): format the whole column as dates in Excel and save it again",
                self.serials
            );
            problems.push(Problem { code: ProblemCode::NotATimestamp, message, ..problem });
        }
    }
}

/// A cursor over the text being parsed.
struct Scanner<'a> {
    rest: &'a str,
}

impl Scanner<'_> {
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let count = self.rest.bytes().take(max).take_while(u8::is_ascii_digit).count();
        if count < min {
            return None;
        }
        // At most 9 digits: no overflow, and no `str::parse`, which is slow for this hot loop.
        let value = self.rest.bytes().take(count).fold(0, |value, digit| value * 10 + u32::from(digit - b'0'));
        self.rest = &self.rest[count..];
        Some(value)
    }

    fn literal(&mut self, literal: &str) -> Option<()> {
        self.rest = self.rest.strip_prefix(literal)?;
        Some(())
    }

    fn one_of<'s>(&mut self, options: &[&'s str]) -> Option<&'s str> {
        let found = options.iter().find(|o| self.rest.starts_with(**o))?;
        self.rest = &self.rest[found.len()..];
        Some(found)
    }

    fn spaces(&mut self) -> usize {
        let trimmed = self.rest.trim_start_matches(' ');
        let count = self.rest.len() - trimmed.len();
        self.rest = trimmed;
        count
    }

    /// An optional `Z`, `+08:00`, `+0800` or `+08`, possibly after one space.
    fn offset(&mut self) -> Result<Option<FixedOffset>, &'static str> {
        self.spaces();
        if self.literal("Z").is_some() || self.literal("UTC").is_some() && self.rest.is_empty() {
            return Ok(FixedOffset::east_opt(0));
        }
        let sign = match self.rest.as_bytes().first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Ok(None),
        };
        self.rest = &self.rest[1..];
        let hours = self.digits(2, 2).ok_or(NOT_A_TIMESTAMP)?;
        self.literal(":");
        let minutes = self.digits(2, 2).unwrap_or(0);
        let seconds = i32::try_from(hours * 3600 + minutes * 60).map_err(|_| NOT_A_TIMESTAMP)?;
        FixedOffset::east_opt(sign * seconds).map(Some).ok_or("the UTC offset is out of range")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        read_timestamp(text, UtcOffset::default().fixed().unwrap()).map_or_else(|e| panic!("{text:?}: {e}"), |r| r.at)
    }

    /// 2025-05-07 12:00 in Shanghai is 04:00 UTC.
    const NOON_SHANGHAI: i64 = 1_746_590_400;

    #[test]
    fn every_accepted_format_reads_the_same_instant() {
        for text in [
            "2025-05-07 12:00",
            "2025-05-07 12:00:00",
            "2025-05-07T12:00:00",
            "2025-05-07T12:00:00+08:00",
            "2025-05-07T04:00:00Z",
            "2025-05-07T04:00:00.250Z",
            "2025-05-07 06:00:00 +0200",
            "2025/05/07 12:00",
            "2025/5/7 12:00",
            "2025.05.07 12:00",
            "2025年5月7日 12:00",
            "1746590400",
            "1746590400000",
            " 2025-05-07  12:00 ",
        ] {
            assert_eq!(at(text), NOON_SHANGHAI, "{text}");
        }
    }

    #[test]
    fn a_date_alone_is_midnight_in_the_campaign_zone() {
        assert_eq!(at("2025-05-07"), NOON_SHANGHAI - 12 * 3600);
        assert_eq!(at("2025年5月7日"), NOON_SHANGHAI - 12 * 3600);
        let utc = read_timestamp("2025-05-07", UtcOffset(0).fixed().unwrap()).unwrap().at;
        assert_eq!(utc, NOON_SHANGHAI - 4 * 3600);
    }

    #[test]
    fn compact_dates_are_dates_and_other_digits_unix_time() {
        let tz = UtcOffset::default().fixed().unwrap();
        let read = |text| read_timestamp(text, tz).unwrap();
        assert_eq!(read("20250507"), Reading { at: NOON_SHANGHAI - 12 * 3600, date_only: true });
        assert_eq!(read("20250507120000"), Reading { at: NOON_SHANGHAI, date_only: false });
        assert!(read("2025-05-07").date_only && !read("2025-05-07 00:00").date_only);
        // Not a date (month 13): Unix seconds, as before.
        assert_eq!(read("20251307"), Reading { at: 20_251_307, date_only: false });
        assert_eq!(read("1746590400"), Reading { at: NOON_SHANGHAI, date_only: false });
    }

    #[test]
    fn excel_date_numbers_are_five_digits_with_an_optional_fraction() {
        let tz = UtcOffset::default().fixed().unwrap();
        assert_eq!(excel_serial("45784", tz), Some(Reading { at: NOON_SHANGHAI - 12 * 3600, date_only: true }));
        assert_eq!(excel_serial("45784.5", tz), Some(Reading { at: NOON_SHANGHAI, date_only: false }));
        assert_eq!(excel_serial("45784.0", tz).map(|r| r.date_only), Some(true));
        for text in ["4578", "457840", "04578", "45784.", "45784.5x", "1746590400", "2025-05-07"] {
            assert_eq!(excel_serial(text, tz), None, "{text}");
        }
        assert_eq!(show(NOON_SHANGHAI, tz), "2025-05-07 12:00:00");
        assert_eq!(show(NOON_SHANGHAI - 12 * 3600, tz), "2025-05-07");
    }

    #[test]
    fn refuses_what_is_not_a_time() {
        let tz = UtcOffset::default().fixed().unwrap();
        for text in [
            "",
            "yesterday",
            "07/05/2025",
            "2025-13-01",
            "2025-02-30",
            "2025-05-07 25:00",
            "2025-05-07 12",
            "2025-05-07x",
        ] {
            assert!(read_timestamp(text, tz).is_err(), "{text}");
        }
    }
}
