//! Per-tier limits on a proposal, written the way a planner says them: "at least ¥50,000",
//! "no more than twice what it gets now", "keep mega where it is".

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::money::TextOrNumber;
use crate::read::number::parse_fen;

/// A spend limit: an amount, or a multiple of the tier's current spend (`"1.5x"`, `"2×"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// An amount of money.
    Amount(Decimal),
    /// A multiple of the tier's current spend.
    Times(Decimal),
}

impl Bound {
    /// The bound for a tier that spends `current` now, before rounding to the fen.
    pub fn resolve(self, current: Decimal) -> Decimal {
        match self {
            Self::Amount(amount) => amount,
            Self::Times(multiple) => multiple * current,
        }
    }

    fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let multiple = ['x', 'X', '×'].iter().find_map(|suffix| trimmed.strip_suffix(*suffix));
        match multiple {
            Some(body) => crate::read::number::parse_count(body)
                .map(Self::Times)
                .map_err(|_| "a multiple of current spend is written like 0.5x or 2x".to_owned()),
            None => parse_fen(trimmed).map(Self::Amount).map_err(|e| e.reason.to_owned()),
        }
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Amount(amount) => write!(f, "¥{amount}"),
            Self::Times(multiple) => write!(f, "{multiple}× current spend"),
        }
    }
}

impl<'de> Deserialize<'de> for Bound {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextOrNumber(
            "an amount such as 50000 or \"¥50,000\", or a multiple of current spend such as \"1.5x\"",
            Self::parse,
        ))
    }
}

impl Serialize for Bound {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Amount(amount) => serializer.collect_str(amount),
            Self::Times(multiple) => serializer.collect_str(&format_args!("{multiple}x")),
        }
    }
}

/// Limits for one tier, or for every tier not named in another constraint.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct TierConstraint {
    /// The tier; absent, the constraint applies to every tier without one of its own.
    #[cfg_attr(test, ts(optional = nullable))]
    pub tier: Option<String>,
    /// The least the tier may get: an amount or a multiple of current spend (`"0.5x"`).
    #[cfg_attr(test, ts(optional = nullable, type = "string | number | null"))]
    pub min: Option<Bound>,
    /// The most the tier may get: an amount or a multiple of current spend (`"2x"`).
    #[cfg_attr(test, ts(optional = nullable, type = "string | number | null"))]
    pub max: Option<Bound>,
    /// Keep the tier at its current spend (e.g. contracts already signed).
    #[cfg_attr(test, ts(optional = nullable))]
    pub locked: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn bounds_as_planners_write_them() {
        let read = |json: &str| serde_json::from_str::<Bound>(json);
        assert_eq!(read(r#""¥50,000""#).unwrap(), Bound::Amount(d("50000")));
        assert_eq!(read("12000.5").unwrap(), Bound::Amount(d("12000.5")));
        assert_eq!(read(r#""1.5x""#).unwrap(), Bound::Times(d("1.5")));
        assert_eq!(read(r#""2×""#).unwrap(), Bound::Times(d("2")));
        assert!(read(r#""-5x""#).unwrap_err().to_string().contains("0.5x or 2x"));
        assert!(read(r#""lots""#).is_err());
        assert_eq!(serde_json::to_string(&Bound::Times(d("0.5"))).unwrap(), r#""0.5x""#);
        assert_eq!(Bound::Times(d("0.5")).resolve(d("300")), d("150.0"));
    }

    #[test]
    fn a_misspelt_field_is_refused() {
        let error = serde_json::from_str::<TierConstraint>(r#"{"tier":"mega","minimum":"1x"}"#).unwrap_err();
        assert!(error.to_string().contains("minimum"));
    }
}
