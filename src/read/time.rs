//! Reading timestamps as exports write them, into Unix seconds.
//!
//! Accepted: ISO 8601 with or without an offset (`2025-05-07T12:00:00+08:00`, `…Z`), `2025-05-07
//! 12:00[:00]`, `2025/5/7 12:00`, `2025.05.07`, `2025年5月7日 12:00`, a date alone (midnight),
//! and Unix seconds or milliseconds. Times without an offset are in the campaign's time zone.

use chrono::{FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

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

/// Reads `text` as a timestamp in Unix seconds; times without an offset are at `offset`.
///
/// # Errors
/// A plain-language reason.
pub fn parse_timestamp(text: &str, offset: FixedOffset) -> Result<i64, &'static str> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let number: i64 = text.parse().map_err(|_| "too many digits for a Unix timestamp")?;
        return Ok(if number >= MILLISECONDS_FROM { number.div_euclid(1000) } else { number });
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
    Ok(local.and_utc().timestamp() - i64::from(zone.local_minus_utc()))
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
        parse_timestamp(text, UtcOffset::default().fixed().unwrap()).unwrap_or_else(|e| panic!("{text:?}: {e}"))
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
        let utc = parse_timestamp("2025-05-07", UtcOffset(0).fixed().unwrap()).unwrap();
        assert_eq!(utc, NOON_SHANGHAI - 4 * 3600);
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
            assert!(parse_timestamp(text, tz).is_err(), "{text}");
        }
    }
}
