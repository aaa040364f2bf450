//! Reading numbers as people type them into spreadsheets, without guessing.
//!
//! One grammar serves money and counts: optional currency mark (money only), digits with optional
//! comma thousands separators in groups of three, optional `.` and fraction. Anything that needs a
//! guess (`1 299,00`, `1,29`) is refused with a reason, because a wrong guess moves money silently.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::ProblemCode;

/// The largest total amount one input may add up to: 10^18 yuan. Far above any campaign, and low
/// enough that no sum or split of amounts below it can overflow a `Decimal`.
pub fn max_total() -> Decimal {
    Decimal::from(1_000_000_000_000_000_000_u64)
}

/// Why a cell is not a number we accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberError {
    /// Machine-readable kind.
    pub code: ProblemCode,
    /// Plain-language reason.
    pub reason: &'static str,
}

const fn fail(code: ProblemCode, reason: &'static str) -> NumberError {
    NumberError { code, reason }
}

/// Most decimal places an amount may have (trailing zeros aside). Yuan need two; four leave room
/// for unit prices, and keep every total and split of amounts up to [`max_total`] within the
/// 28 digits a `Decimal` holds, so credits still sum to the fen.
pub const MAX_AMOUNT_DECIMALS: u32 = 4;

/// Reads a non-negative money amount such as `1299`, `1,299.00`, `¥1,299.00` or `RMB 99`.
///
/// # Errors
/// A [`NumberError`] saying why the text is not an amount.
pub fn parse_amount(text: &str) -> Result<Decimal, NumberError> {
    let body = strip_currency(text.trim());
    let value = parse_plain(body, "not an amount: expected digits such as 1299.00 or ¥1,299.00")?;
    if value.normalize().scale() > MAX_AMOUNT_DECIMALS {
        return Err(fail(
            ProblemCode::TooManyDecimals,
            "more than 4 decimal places: write the amount in yuan and fen, such as 1794.56",
        ));
    }
    Ok(value)
}

/// Reads an amount of money given as an option (a budget, a bonus, a spend limit): as
/// [`parse_amount`], to the fen. An option has no unit prices, and rounding `1000.005` to a
/// fen would change what the user typed without a word.
///
/// # Errors
/// A [`NumberError`] saying why the text is not an amount in yuan and fen.
pub fn parse_fen(text: &str) -> Result<Decimal, NumberError> {
    let value = parse_amount(text)?;
    if value.normalize().scale() > 2 {
        return Err(fail(
            ProblemCode::TooManyDecimals,
            "more decimal places than the fen: write the amount in yuan and fen, such as 1000.01",
        ));
    }
    Ok(value)
}

/// Reads a non-negative count such as `3`, `1,024` or `2.5` (weighted conversions are fractional).
///
/// # Errors
/// A [`NumberError`] saying why the text is not a count.
pub fn parse_count(text: &str) -> Result<Decimal, NumberError> {
    parse_plain(text.trim(), "not a number: expected digits such as 12 or 2.5")
}

/// Reads a commission rate as a fraction of 1: `10%`, `10 %`, `10％` or `0.10`.
///
/// A bare number above 1 (`10`) is refused rather than read as a percent: write `10%`.
///
/// # Errors
/// A [`NumberError`] saying why the text is not a rate.
pub fn parse_rate(text: &str) -> Result<Decimal, NumberError> {
    let text = text.trim();
    let (body, percent) = match text.strip_suffix('%').or_else(|| text.strip_suffix('％')) {
        Some(body) => (body.trim_end(), true),
        None => (text, false),
    };
    let value = parse_plain(body, "not a rate: write 10% or 0.10")?;
    let fraction = if percent { value / Decimal::ONE_HUNDRED } else { value };
    if !percent && value > Decimal::ONE {
        return Err(fail(ProblemCode::InvalidRate, "a rate above 1 needs a percent sign: write 10% or 0.10"));
    }
    if fraction > Decimal::ONE {
        return Err(fail(ProblemCode::InvalidRate, "a rate cannot be above 100%"));
    }
    Ok(fraction.normalize())
}

/// Reads a follower count: `12000`, `12,000`, `1.2万`, `1.2w`, `12k`, `1.5m`, `1.2亿`.
///
/// # Errors
/// A [`NumberError`] saying why the text is not a count of followers.
pub fn parse_followers(text: &str) -> Result<u64, NumberError> {
    let text = text.trim();
    let units: [(&str, u64); 9] = [
        ("万", 10_000),
        ("w", 10_000),
        ("W", 10_000),
        ("亿", 100_000_000),
        ("k", 1_000),
        ("K", 1_000),
        ("m", 1_000_000),
        ("M", 1_000_000),
        ("千", 1_000),
    ];
    let (body, unit) = units
        .iter()
        .find_map(|(suffix, unit)| text.strip_suffix(suffix).map(|body| (body.trim_end(), *unit)))
        .unwrap_or((text, 1));
    let value = parse_plain(body, "not a follower count: write 12000, 1.2万 or 12k")? * Decimal::from(unit);
    if !value.fract().is_zero() && unit == 1 {
        return Err(fail(ProblemCode::NotANumber, "a follower count is a whole number"));
    }
    value.round().to_u64().ok_or(fail(ProblemCode::TooLarge, "too many followers to count"))
}

fn strip_currency(text: &str) -> &str {
    let mut body = text;
    for mark in ["¥", "￥"] {
        if let Some(rest) = body.strip_prefix(mark) {
            body = rest;
        }
    }
    for code in ["CNY", "RMB"] {
        if body.len() >= code.len()
            && body.is_char_boundary(code.len())
            && body[..code.len()].eq_ignore_ascii_case(code)
        {
            body = &body[code.len()..];
        }
    }
    body = body.trim_start();
    body.strip_suffix('元').unwrap_or(body).trim_end()
}

fn parse_plain(text: &str, not_a_number: &'static str) -> Result<Decimal, NumberError> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let Some(plain) = plain_digits(unsigned) else {
        // Digits with commas or spaces that are not plain thousands groups: 1 299,00 or 1.299,00.
        let looks_grouped = unsigned.bytes().any(|b| b == b',' || b == b' ')
            && unsigned.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.' || b == b' ');
        return Err(if looks_grouped {
            fail(
                ProblemCode::AmbiguousAmount,
                "ambiguous separators: write the amount as 1299.00 (dot for decimals, commas only between thousands)",
            )
        } else {
            fail(ProblemCode::NotANumber, not_a_number)
        });
    };
    let value = Decimal::from_str_exact(&plain)
        .map_err(|_| fail(ProblemCode::TooLarge, "too many digits to be represented exactly (at most 28)"))?;
    if negative && !value.is_zero() {
        return Err(fail(ProblemCode::Negative, "must not be negative"));
    }
    Ok(value)
}

/// `text` as bare digits with an optional `.fraction`, thousands commas removed; `None` unless it
/// is digits, optionally in comma groups of three, then optionally `.` and at least one digit.
fn plain_digits(text: &str) -> Option<String> {
    let (integer, fraction) = match text.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (text, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let mut plain = if all_digits(integer) {
        integer.to_owned()
    } else {
        let groups: Vec<&str> = integer.split(',').collect();
        let grouped = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| all_digits(g));
        if !grouped {
            return None;
        }
        groups.concat()
    };
    if let Some(fraction) = fraction {
        if !all_digits(fraction) {
            return None;
        }
        plain.push('.');
        plain.push_str(fraction);
    }
    Some(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Decimal {
        parse_amount(text).unwrap_or_else(|e| panic!("{text:?}: {}", e.reason))
    }

    #[test]
    fn reads_the_ways_amounts_are_written() {
        assert_eq!(amount("1299"), Decimal::new(1299, 0));
        assert_eq!(amount("1299.00"), Decimal::new(129_900, 2));
        assert_eq!(amount("¥1,299.00"), Decimal::new(129_900, 2));
        assert_eq!(amount("￥ 1,299.5"), Decimal::new(12_995, 1));
        assert_eq!(amount("RMB 99"), Decimal::new(99, 0));
        assert_eq!(amount("cny99.9"), Decimal::new(999, 1));
        assert_eq!(amount("99元"), Decimal::new(99, 0));
        assert_eq!(amount(" 1,234,567.89 "), Decimal::new(123_456_789, 2));
        assert_eq!(amount("-0"), Decimal::ZERO);
    }

    #[test]
    fn refuses_what_needs_a_guess() {
        for text in ["1 299,00", "1,29", "1.299,00", "12,34,567"] {
            assert_eq!(parse_amount(text).unwrap_err().code, ProblemCode::AmbiguousAmount, "{text}");
        }
        for text in ["", "abc", "1e5", "NaN", "inf", "1.", ".5", "1..2", "¥", "12a"] {
            assert_eq!(parse_amount(text).unwrap_err().code, ProblemCode::NotANumber, "{text}");
        }
        assert_eq!(parse_amount("-5").unwrap_err().code, ProblemCode::Negative);
        assert_eq!(parse_amount("1000000000000000000000000000000").unwrap_err().code, ProblemCode::TooLarge);
        assert_eq!(parse_amount("1794.5555555555555555555").unwrap_err().code, ProblemCode::TooManyDecimals);
        assert_eq!(parse_amount("1794.12345").unwrap_err().code, ProblemCode::TooManyDecimals);
        assert_eq!(parse_amount("1794.1234").unwrap(), Decimal::new(17_941_234, 4));
        // Trailing zeros are not precision: a database's DECIMAL(18,6) export reads as written.
        assert_eq!(parse_amount("1299.000000").unwrap(), Decimal::new(1_299_000_000, 6));
    }

    #[test]
    fn options_are_money_to_the_fen() {
        assert_eq!(parse_fen("¥1,000.01").unwrap(), Decimal::new(100_001, 2));
        assert_eq!(parse_fen("1000.0100").unwrap(), Decimal::new(10_000_100, 4));
        assert_eq!(parse_fen("1000.005").unwrap_err().code, ProblemCode::TooManyDecimals);
    }

    #[test]
    fn rates_as_percent_or_fraction() {
        let rate = |t: &str| parse_rate(t).unwrap_or_else(|e| panic!("{t}: {}", e.reason)).to_string();
        assert_eq!(rate("10%"), "0.1");
        assert_eq!(rate("12.5 %"), "0.125");
        assert_eq!(rate("8％"), "0.08");
        assert_eq!(rate("0.10"), "0.1");
        assert_eq!(rate("0"), "0");
        assert_eq!(rate("1"), "1");
        assert_eq!(parse_rate("10").unwrap_err().code, ProblemCode::InvalidRate);
        assert_eq!(parse_rate("120%").unwrap_err().code, ProblemCode::InvalidRate);
        assert_eq!(parse_rate("-5%").unwrap_err().code, ProblemCode::Negative);
        assert_eq!(parse_rate("ten").unwrap_err().code, ProblemCode::NotANumber);
    }

    #[test]
    fn followers_with_chinese_and_western_units() {
        let followers = |t: &str| parse_followers(t).unwrap_or_else(|e| panic!("{t}: {}", e.reason));
        assert_eq!(followers("12000"), 12_000);
        assert_eq!(followers("12,000"), 12_000);
        assert_eq!(followers("1.2万"), 12_000);
        assert_eq!(followers("56.3w"), 563_000);
        assert_eq!(followers("12k"), 12_000);
        assert_eq!(followers("1.5M"), 1_500_000);
        assert_eq!(followers("1.2亿"), 120_000_000);
        assert_eq!(parse_followers("12.5").unwrap_err().code, ProblemCode::NotANumber);
        assert_eq!(parse_followers("lots").unwrap_err().code, ProblemCode::NotANumber);
    }

    #[test]
    fn counts_have_no_currency() {
        assert_eq!(parse_count("2.5").unwrap(), Decimal::new(25, 1));
        assert_eq!(parse_count("1,024").unwrap(), Decimal::new(1024, 0));
        assert_eq!(parse_count("¥3").unwrap_err().code, ProblemCode::NotANumber);
    }
}
