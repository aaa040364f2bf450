//! The creator roster: who the creators are, their tier, fee and commission rate.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::codes::{CodeBook, CodeKind};
use super::rows::read_rows;
use crate::campaign::sources::Source;
use crate::campaign::tier::{TierId, Tiers};
use crate::error::{Error, ProblemCode, Problems};
use crate::read::number;
use crate::read::schema::CREATORS;

pub use super::ids::CreatorId;

/// One creator.
#[derive(Debug, Clone, PartialEq)]
pub struct Creator {
    /// The id touches refer to (`kol_id`).
    pub id: String,
    /// Display name; the id when the roster gives none.
    pub handle: String,
    /// The creator's tier.
    pub tier: TierId,
    /// Followers, when given.
    pub followers: Option<u64>,
    /// Content category, when given.
    pub category: Option<String>,
    /// Flat fee for the campaign, when given.
    pub flat_fee: Option<Decimal>,
    /// Commission rate as a fraction of 1, when given.
    pub commission_rate: Option<Decimal>,
    /// The creator's promo code, as the roster writes it.
    pub promo_code: Option<String>,
    /// The id of the creator's QR code, as the roster writes it.
    pub qr_id: Option<String>,
    /// Cells of the roster's other columns, in [`Roster::extra_columns`] order.
    pub extra: Vec<String>,
    /// Roster line, or `None` for a creator only seen in touches (and for a source).
    pub line: Option<usize>,
    /// For a non-creator source (an ad, search...): which; `None` for a creator. A source earns
    /// credit like a creator but no commission; its cost is its spend.
    pub source: Option<Source>,
}

/// Every creator, from the roster and then those only seen in touches (tier `unknown`).
#[derive(Debug, Clone, Default)]
pub struct Roster {
    creators: Vec<Creator>,
    index: FxHashMap<String, CreatorId>,
    extra_columns: Vec<String>,
    codes: CodeBook,
}

impl Roster {
    /// The creators, in roster order, then unknown ones in order of first touch.
    pub fn creators(&self) -> &[Creator] {
        &self.creators
    }

    /// Creator `id`.
    pub fn get(&self, id: CreatorId) -> &Creator {
        &self.creators[id as usize]
    }

    /// The index of the creator called `kol_id`.
    pub fn find(&self, kol_id: &str) -> Option<CreatorId> {
        self.index.get(kol_id).copied()
    }

    /// Every creator's promo codes and QR ids.
    pub(crate) fn codes(&self) -> &CodeBook {
        &self.codes
    }

    /// Names of the roster's columns that are kept but not used.
    pub fn extra_columns(&self) -> &[String] {
        &self.extra_columns
    }

    /// How many creators there are.
    pub fn len(&self) -> usize {
        self.creators.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.creators.is_empty()
    }

    /// Adds a creator seen in touches but missing from the roster.
    pub(crate) fn add_unknown(&mut self, kol_id: &str, tiers: &Tiers) -> CreatorId {
        self.add_unlisted(kol_id, tiers.unknown(), None)
    }

    /// The channel of a non-creator source, added at its first touch; `name` is what the touch log
    /// calls it (a known source's own name, or the user's text for one the engine does not know).
    pub(crate) fn add_source(&mut self, name: &str, source: Source, tiers: &Tiers) -> CreatorId {
        self.add_unlisted(name, tiers.of_group(source.group()), Some(source))
    }

    /// A channel the roster does not list: known by the name the touch log gives it, nothing else.
    fn add_unlisted(&mut self, name: &str, tier: TierId, source: Option<Source>) -> CreatorId {
        let id = self.creators.len() as CreatorId;
        self.creators.push(Creator {
            id: name.to_owned(),
            handle: name.to_owned(),
            tier,
            followers: None,
            category: None,
            flat_fee: None,
            commission_rate: None,
            promo_code: None,
            qr_id: None,
            extra: Vec::new(),
            line: None,
            source,
        });
        self.index.insert(name.to_owned(), id);
        id
    }

    /// Sets a creator's cost from its notes; the roster's flat fee it replaces, if any.
    pub(crate) fn set_fee(&mut self, id: CreatorId, amount: Decimal) -> Option<Decimal> {
        self.creators[id as usize].flat_fee.replace(amount)
    }

    /// Adds `amount` to a source's spend or a creator's boosts (its cost, kept where a creator's
    /// flat fee is).
    pub(crate) fn add_spend(&mut self, id: CreatorId, amount: Decimal) {
        let fee = &mut self.creators[id as usize].flat_fee;
        *fee = Some(fee.unwrap_or_default() + amount);
    }
}

/// Reads the roster.
///
/// # Errors
/// [`Error::Input`] when the file or its header is unusable; row problems go to `problems`.
pub(crate) fn read_creators(
    text: &str,
    tiers: &Tiers,
    overrides: &BTreeMap<String, String>,
    problems: &mut Problems,
) -> Result<Roster, Error> {
    let mut roster = Roster::default();
    // Every id seen, valid row or not, so a duplicate is reported even when its first row failed.
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    let mut extra_positions: Option<Vec<usize>> = None;
    let read = read_rows(text, &CREATORS, overrides, problems, |row, columns, problems| {
        let [kol_id, handle, tier, followers, category, flat_fee, rate, note_fee, notes, promo_code, qr_id] =
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(|i| columns.get(i));
        let extras = extra_positions.get_or_insert_with(|| row.unclaimed_positions(|i| columns.uses(i)));
        let errors = problems.error_count();
        let id = row.required_id(kol_id, problems);
        let follower_count = followers.and_then(|col| {
            let cell = row.optional(Some(col))?;
            number::parse_followers(cell).map_err(|e| problems.push(row.problem(col, cell, e.code, e.reason))).ok()
        });
        let explicit_tier = tier.and_then(|col| {
            let cell = row.optional(Some(col))?;
            let found = tiers.by_name(cell);
            if found.is_none() {
                let reason = format!("no tier is called this; the tiers are {}", tiers.names());
                problems.push(row.problem(col, cell, ProblemCode::UnknownValue, &reason));
            }
            found
        });
        let tier_id = explicit_tier.or_else(|| follower_count.map(|f| tiers.by_followers(f)));
        if tier_id.is_none() && row.optional(tier).is_none() && row.optional(followers).is_none() {
            let column = followers.or(tier).unwrap_or(0);
            problems.push(row.problem(
                column,
                "",
                ProblemCode::EmptyCell,
                "a creator needs a tier or a follower count",
            ));
        }
        let amount = |col: Option<usize>, problems: &mut Problems| {
            let cell = row.optional(col)?;
            row.number(col?, cell, number::parse_amount, problems)
        };
        // A flat fee, else a per-note fee times the number of notes.
        let per_note = amount(note_fee, problems);
        let note_count = notes.and_then(|col| {
            let cell = row.optional(Some(col))?;
            row.number(col, cell, number::parse_count, problems).filter(|n| {
                let whole = n.fract().is_zero();
                if !whole {
                    problems.push(row.problem(
                        col,
                        cell,
                        ProblemCode::NotANumber,
                        "a number of notes is a whole number",
                    ));
                }
                whole
            })
        });
        let fee = amount(flat_fee, problems).or_else(|| Some(per_note? * note_count?));
        let commission_rate = rate.and_then(|col| {
            let cell = row.optional(Some(col))?;
            row.number(col, cell, number::parse_rate, problems)
        });
        if let Some(id) = id {
            if let Some(&first_line) = seen.get(id) {
                let reason = format!("this creator id is already on line {first_line}");
                problems.push(row.problem(kol_id.unwrap_or(0), id, ProblemCode::DuplicateId, &reason));
            } else {
                seen.insert(id.to_owned(), row.line());
            }
        }
        // Noted even on a row with other problems, so a code given twice is said either way.
        let index = roster.creators.len() as CreatorId;
        roster.codes.note(row, promo_code, CodeKind::PromoCode, index, problems);
        roster.codes.note(row, qr_id, CodeKind::QrId, index, problems);
        let (Some(id), Some(tier_id)) = (id, tier_id) else { return };
        if problems.error_count() != errors {
            return;
        }
        roster.index.insert(id.to_owned(), roster.creators.len() as CreatorId);
        roster.creators.push(Creator {
            id: id.to_owned(),
            handle: row.optional(handle).unwrap_or(id).to_owned(),
            tier: tier_id,
            followers: follower_count,
            category: row.optional(category).map(str::to_owned),
            flat_fee: fee,
            commission_rate,
            promo_code: row.optional(promo_code).map(str::to_owned),
            qr_id: row.optional(qr_id).map(str::to_owned),
            extra: extras.iter().map(|&i| row.raw(i).trim().to_owned()).collect(),
            line: Some(row.line()),
            source: None,
        });
    })?;
    roster.extra_columns = read.unclaimed();
    Ok(roster)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::tier::default_tiers;

    fn read(text: &str) -> (Result<Roster, Error>, Problems) {
        let tiers = Tiers::new(default_tiers()).unwrap();
        let mut problems = Problems::default();
        (read_creators(text, &tiers, &BTreeMap::new(), &mut problems), problems)
    }

    #[test]
    fn tier_from_column_else_followers_and_extras_kept() {
        let text = "kol_id,handle,tier,followers,category,flat_fee,commission_rate,agency\n\
                    k1,小美,,1.2万,beauty,\"¥8,000\",10%,MCN-A\n\
                    k2,Big,mega,30000,,,0.05,\n\
                    k3,,,800,,,,\n";
        let (roster, problems) = read(text);
        let roster = roster.unwrap();
        assert_eq!(problems.error_count(), 0);
        let tiers = Tiers::new(default_tiers()).unwrap();
        let k1 = roster.get(0);
        assert_eq!((k1.handle.as_str(), tiers.name(k1.tier), k1.followers), ("小美", "micro", Some(12_000)));
        assert_eq!(k1.flat_fee, Some(Decimal::new(8000, 0)));
        assert_eq!(k1.commission_rate, Some(Decimal::new(1, 1)));
        assert_eq!(k1.extra, ["MCN-A"]);
        assert_eq!(roster.extra_columns(), ["agency"]);
        assert_eq!(tiers.name(roster.get(1).tier), "mega", "an explicit tier wins over followers");
        assert_eq!((roster.get(2).handle.as_str(), tiers.name(roster.get(2).tier)), ("k3", "KOC"));
        assert_eq!(roster.find("k2"), Some(1));
    }

    #[test]
    fn chinese_headers_and_tab_separated_paste() {
        let (roster, _) = read("达人ID\t昵称\t层级\t粉丝数\nk1\t阿紫\t腰部\t8万\n");
        let roster = roster.unwrap();
        assert_eq!(roster.get(0).handle, "阿紫");
        assert_eq!(roster.get(0).followers, Some(80_000));
    }

    #[test]
    fn every_bad_row_reported() {
        let text = "kol_id,tier,followers,commission_rate\nk1,giant,,\nk2,,,\nk1,,100,\nk3,,lots,10\nk1,,10,\n";
        let (_, problems) = read(text);
        let Err(Error::Input(list)) = problems.into_result("creators") else { panic!() };
        let found: Vec<_> = list.iter().map(|p| (p.line, p.code)).collect();
        assert_eq!(
            found,
            [
                (2, ProblemCode::UnknownValue),
                (3, ProblemCode::EmptyCell),
                (4, ProblemCode::DuplicateId),
                (5, ProblemCode::NotANumber),
                (5, ProblemCode::InvalidRate),
                (6, ProblemCode::DuplicateId),
            ]
        );
        assert!(list[0].message.contains("mega, mid-tier, micro, KOC"), "{}", list[0].message);
        assert!(list[2].message.contains("line 2"), "even though line 2 had its own problem: {}", list[2].message);
    }

    #[test]
    fn missing_required_column_is_named_with_its_aliases() {
        let (roster, _) = read("name,followers\nx,1\n");
        let error = roster.unwrap_err();
        let problem = &error.problems()[0];
        assert_eq!(problem.code, ProblemCode::MissingColumn);
        assert!(problem.message.contains("\"kol_id\" (or one of: kol_id, creator_id"), "{}", problem.message);
    }
}
