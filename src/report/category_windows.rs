//! The window by category: one more window of a report, in which each order looks back its own
//! product category's days (the orders' `category` column: snacks a couple of weeks, skincare two
//! months, luxury four) instead of one number of days for every order.
//!
//! Categories are matched as the orders write them (cells and table names trimmed, nothing else
//! folded: `Skincare` is not `skincare`). An order with no category, or one the table does not
//! name, looks back the table's `otherDays`; so does every journey that never converted, which has
//! no order to take a category from. The report says which categories fell back (a warning per
//! category, on its first order's line) and which table entries no order uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::attribution::journey::OrderLookbacks;
use crate::campaign::Campaign;
use crate::catalogue::check_window;
use crate::catalogue::settings::{CATEGORY_WINDOW_DAYS, CATEGORY_WINDOW_ENABLED, CATEGORY_WINDOW_OTHER_DAYS};
use crate::error::{Error, Problem, ProblemCode};

/// The window by category, as options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct CategoryWindows {
    /// Whether the report has the window by category beside its fixed windows (default off).
    #[cfg_attr(test, ts(optional = nullable))]
    pub enabled: bool,
    /// Lookback days per product category, as the orders' `category` column writes it (default:
    /// the catalogue's table, skincare 60, snacks 14, luxury 120); a table given replaces it whole.
    #[cfg_attr(test, ts(optional = nullable))]
    pub days: BTreeMap<String, u32>,
    /// Days for orders with no category or one the table does not name, and for journeys that
    /// never converted (default 30).
    #[cfg_attr(test, ts(optional = nullable))]
    pub other_days: u32,
}

impl Default for CategoryWindows {
    fn default() -> Self {
        Self {
            enabled: CATEGORY_WINDOW_ENABLED.default_flag(),
            days: CATEGORY_WINDOW_DAYS
                .default_category_days()
                .iter()
                .map(|&(category, days)| (category.to_owned(), days))
                .collect(),
            other_days: CATEGORY_WINDOW_OTHER_DAYS.default_whole() as u32,
        }
    }
}

impl CategoryWindows {
    /// Checks the table, on or off (a bad value is refused wherever it is): every name has a
    /// character besides spaces and is given once once trimmed, every number of days is a window.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] naming the entry (`categoryWindows.days.skincare`) and its value.
    pub fn validate(&self) -> Result<(), Error> {
        let table = CATEGORY_WINDOW_DAYS.path;
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (name, &days) in &self.days {
            let trimmed = name.trim();
            if trimmed.is_empty() {
                return Err(Error::invalid_option(table, format!("{name}={days}"), "a category needs a name"));
            }
            if let Some(first) = seen.insert(trimmed, name) {
                return Err(Error::invalid_option(
                    table,
                    name,
                    format!("category {trimmed:?} is given twice (as {first:?} and {name:?}): give it once"),
                ));
            }
            check_window(&format!("{table}.{trimmed}"), days)?;
        }
        check_window(CATEGORY_WINDOW_OTHER_DAYS.path, self.other_days)
    }

    /// Each order's lookback in `campaign`, what the window did with each category, and a warning
    /// per category the table does not name. The table is [`validate`](Self::validate)d.
    pub(crate) fn resolve(&self, campaign: &Campaign) -> (OrderLookbacks, CategoryWindowReport, Vec<Problem>) {
        let table: BTreeMap<&str, u32> = self.days.iter().map(|(name, &days)| (name.trim(), days)).collect();
        let orders = &campaign.orders;
        let mut used: BTreeMap<&str, usize> = BTreeMap::new();
        // Unlisted categories: orders and the first line (in the file) each appears on.
        let mut unlisted: BTreeMap<&str, (usize, u32)> = BTreeMap::new();
        let mut uncategorised_orders = 0;
        let lookbacks = (0..orders.len())
            .map(|o| match orders.category[o].as_deref() {
                None => {
                    uncategorised_orders += 1;
                    self.other_days
                }
                Some(category) => {
                    if let Some(&days) = table.get(category) {
                        *used.entry(category).or_default() += 1;
                        return days;
                    }
                    let entry = unlisted.entry(category).or_insert((0, orders.line[o]));
                    entry.0 += 1;
                    entry.1 = entry.1.min(orders.line[o]);
                    self.other_days
                }
            })
            .collect();
        let warnings = unlisted
            .iter()
            .map(|(&category, &(count, line))| {
                let orders = if count == 1 { "1 order".to_owned() } else { format!("{count} orders") };
                let message = format!(
                    "category {category:?} ({orders}) is not in the window by category's table: it looks back \
                     the other categories' {} days",
                    self.other_days
                );
                let problem = Problem::at_line("orders", line as usize, ProblemCode::UnknownValue, message).warning();
                Problem { value: Some(category.to_owned()), ..problem }
            })
            .collect();
        let entry = |(category, days, orders): (&str, u32, usize)| CategoryLookback {
            category: category.to_owned(),
            days,
            orders,
        };
        let report = CategoryWindowReport {
            categories: table.iter().map(|(&c, &d)| entry((c, d, used.get(c).copied().unwrap_or(0)))).collect(),
            other_days: self.other_days,
            uncategorised_orders,
            unlisted: unlisted.iter().map(|(&c, &(n, _))| entry((c, self.other_days, n))).collect(),
            unused: table.keys().filter(|c| !used.contains_key(*c)).map(|&c| c.to_owned()).collect(),
        };
        (OrderLookbacks { orders: lookbacks, tails: self.other_days }, report, warnings)
    }
}

/// One category of the window by category: its days and how many orders looked back that far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CategoryLookback {
    /// The category, as the orders write it.
    pub category: String,
    /// Its lookback, in days.
    pub days: u32,
    /// Its orders.
    pub orders: usize,
}

/// What the window by category did, beside its credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CategoryWindowReport {
    /// Every category of the table, by name, with its orders (0 for one no order uses).
    pub categories: Vec<CategoryLookback>,
    /// Days for every other order and for journeys that never converted.
    pub other_days: u32,
    /// Orders without a category (on `otherDays`).
    pub uncategorised_orders: usize,
    /// Categories of the orders the table does not name, each on `otherDays`.
    pub unlisted: Vec<CategoryLookback>,
    /// Categories of the table no order has.
    pub unused: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::{CampaignInputs, CampaignOptions, read_campaign};

    /// A campaign of one creator and orders (`order_id,journey_id,timestamp,value,category`).
    fn campaign(touchpoints: &str, orders: &str) -> Campaign {
        let inputs = CampaignInputs {
            creators: "kol_id,tier\nbig,mega\n".into(),
            touchpoints: format!("journey_id,kol_id,timestamp,touch_type\n{touchpoints}"),
            orders: format!("order_id,journey_id,timestamp,value,category\n{orders}"),
            ..CampaignInputs::default()
        };
        read_campaign(&inputs, &CampaignOptions::default()).unwrap()
    }

    fn table(entries: &[(&str, u32)], other_days: u32) -> CategoryWindows {
        let days = entries.iter().map(|&(c, d)| (c.to_owned(), d)).collect();
        CategoryWindows { enabled: true, days, other_days }
    }

    fn refusal(windows: &CategoryWindows) -> (String, String, String) {
        match windows.validate().unwrap_err() {
            Error::InvalidOption { option, value, reason } => (option, value, reason),
            other @ Error::Input(_) => panic!("{other}"),
        }
    }

    #[test]
    fn a_bad_table_is_refused_naming_the_entry_and_its_value() {
        assert!(CategoryWindows::default().validate().is_ok());
        let (option, value, reason) = refusal(&table(&[("skincare", 0)], 30));
        assert_eq!((option.as_str(), value.as_str()), ("categoryWindows.days.skincare", "0"));
        assert_eq!(reason, "a window is 1 to 3650 days");
        let (option, value, _) = refusal(&table(&[("luxury", 3651)], 30));
        assert_eq!((option.as_str(), value.as_str()), ("categoryWindows.days.luxury", "3651"));
        let (option, value, reason) = refusal(&table(&[("  ", 30)], 30));
        assert_eq!(
            (option.as_str(), value.as_str(), reason.as_str()),
            ("categoryWindows.days", "  =30", "a category needs a name")
        );
        let (option, value, reason) = refusal(&table(&[("snacks", 14), (" snacks", 20)], 30));
        assert_eq!((option.as_str(), value.as_str()), ("categoryWindows.days", "snacks"));
        assert!(reason.contains("given twice"), "{reason}");
        let (option, value, _) = refusal(&table(&[], 0));
        assert_eq!((option.as_str(), value.as_str()), ("categoryWindows.otherDays", "0"));
        // Off, a bad value is still refused: nothing the user typed is quietly kept wrong.
        assert!(CategoryWindows { enabled: false, ..table(&[("x", 0)], 30) }.validate().is_err());
    }

    #[test]
    fn each_order_looks_back_its_categorys_days_and_the_rest_fall_back_said() {
        let c = campaign(
            "u1,big,2025-04-01,view\n",
            "o1,u1,2025-04-10,10,skincare\no2,u1,2025-04-11,10,snacks\no3,u1,2025-04-12,10,\n\
             o4,u1,2025-04-13,10,toys\no5,u1,2025-04-14,10,Skincare\no6,u1,2025-04-15,10,toys\n",
        );
        let windows = table(&[(" skincare ", 60), ("snacks", 14), ("luxury", 120)], 30);
        let (lookbacks, report, warnings) = windows.resolve(&c);
        assert_eq!(lookbacks, OrderLookbacks { orders: vec![60, 14, 30, 30, 30, 30], tails: 30 });
        let named = |c: &str, days, orders| CategoryLookback { category: c.to_owned(), days, orders };
        assert_eq!(report.categories, [named("luxury", 120, 0), named("skincare", 60, 1), named("snacks", 14, 1)]);
        assert_eq!(report.unlisted, [named("Skincare", 30, 1), named("toys", 30, 2)]);
        assert_eq!((report.uncategorised_orders, report.unused.as_slice()), (1, ["luxury".to_owned()].as_slice()));
        let said: Vec<(usize, Option<&str>)> = warnings.iter().map(|w| (w.line, w.value.as_deref())).collect();
        assert_eq!(said, [(6, Some("Skincare")), (5, Some("toys"))]);
        assert!(warnings[1].message.contains("(2 orders)") && warnings[1].message.contains("30 days"));
    }
}
