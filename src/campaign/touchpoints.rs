//! Touch logs: who saw or engaged with which creator's note, when, and how.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::creators::{CreatorId, Roster};
use super::notes::{NO_NOTE, NoteId, Notes};
use super::rows::{Located, read_rows};
use super::sources::Source;
use super::{Journeys, permute};
use crate::campaign::tier::Tiers;
use crate::error::{Error, Problem, ProblemCode, Problems};
use crate::read::schema::TOUCHPOINTS;
use crate::read::time::TimeColumn;

/// How a user touched a creator's note; a save or a code says more than a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TouchType {
    /// Saw the note.
    View,
    /// Liked it.
    Like,
    /// Saved it to a collection: the strongest purchase-intent signal.
    Save,
    /// Commented on it.
    Comment,
    /// Clicked its product link.
    Click,
    /// Used the creator's promo code.
    PromoCode,
    /// Scanned the creator's QR code.
    QrScan,
    /// Any other interaction.
    Other,
}

impl TouchType {
    /// Every touch type.
    pub const ALL: [Self; 8] =
        [Self::View, Self::Like, Self::Save, Self::Comment, Self::Click, Self::PromoCode, Self::QrScan, Self::Other];

    /// Every type's spellings in a touch log, in English and Chinese, normalized (see
    /// [`crate::read::table::normalize`]); the warehouse SQL reads the same list.
    pub const SPELLINGS: [(Self, &'static [&'static str]); 8] = [
        (Self::View, &["view", "impression", "read", "浏览", "曝光", "阅读", "观看"]),
        (Self::Like, &["like", "点赞", "赞"]),
        (Self::Save, &["save", "collect", "favorite", "bookmark", "收藏"]),
        (Self::Comment, &["comment", "评论"]),
        (Self::Click, &["click", "linkclick", "点击", "链接点击", "点击链接"]),
        (Self::PromoCode, &["promocode", "code", "coupon", "优惠码", "口令", "券码"]),
        (Self::QrScan, &["qrscan", "qr", "scan", "扫码", "二维码"]),
        (Self::Other, &["other", "其他"]),
    ];

    /// The type a touch-type cell names, in English or Chinese; `None` when unknown.
    pub fn parse(text: &str) -> Option<Self> {
        let key = crate::read::table::normalize(text);
        Self::SPELLINGS.iter().find(|(_, spellings)| spellings.contains(&&*key)).map(|(kind, _)| *kind)
    }

    /// The name the type is written with in files and exports.
    pub fn name(self) -> &'static str {
        match self {
            Self::View => "view",
            Self::Like => "like",
            Self::Save => "save",
            Self::Comment => "comment",
            Self::Click => "click",
            Self::PromoCode => "promo_code",
            Self::QrScan => "qr_scan",
            Self::Other => "other",
        }
    }

    /// Whether the platform counts it as a click for its click-window payout.
    pub fn is_click(self) -> bool {
        matches!(self, Self::Click | Self::PromoCode | Self::QrScan)
    }
}

/// Every touch, columnar, sorted by journey and then time (ties keep file order).
#[derive(Debug, Clone, Default)]
pub struct Touches {
    /// Journey of each touch.
    pub journey: Vec<u32>,
    /// Creator of each touch.
    pub creator: Vec<CreatorId>,
    /// Unix seconds of each touch.
    pub at: Vec<i64>,
    /// Type of each touch.
    pub kind: Vec<TouchType>,
    /// Note of each touch, [`NO_NOTE`] when the log names none.
    pub note: Vec<NoteId>,
    /// Line of each touch in the touch log; for a touch added from an order's promo code or QR
    /// id (see `promoCodeTouches`), that order's line in the order file.
    pub line: Vec<u32>,
}

impl Touches {
    /// How many touches there are.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// Sorts by journey and time; touches at the same instant by creator id, type and note id
    /// (none first), so that results never depend on the order of the rows, at the note level too.
    pub(super) fn sort(&mut self, roster: &Roster, notes: &Notes) {
        // Creator and note ids ranked once, so the sort compares numbers instead of strings.
        let rank = ranks(roster.len(), |a, b| roster.creators()[a].id.cmp(&roster.creators()[b].id));
        let note_rank = ranks(notes.len(), |a, b| notes.all()[a].id.cmp(&notes.all()[b].id));
        // A touch naming no note before its creator's notes at one instant, as '' sorts first.
        let note = |i: usize| match self.note[i] {
            NO_NOTE => 0,
            n => note_rank[n as usize] + 1,
        };
        let key = |i: usize| (self.journey[i], self.at[i], rank[self.creator[i] as usize], self.kind[i], note(i));
        // Logs written journey by journey are already in order: checking is far cheaper than sorting.
        if (1..self.len()).all(|i| key(i - 1) <= key(i)) {
            return;
        }
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by_key(|&i| key(i));
        self.journey = permute(&self.journey, &order);
        self.creator = permute(&self.creator, &order);
        self.at = permute(&self.at, &order);
        self.kind = permute(&self.kind, &order);
        self.note = permute(&self.note, &order);
        self.line = permute(&self.line, &order);
    }
}

/// Each of `len` items' position when sorted by `cmp`.
fn ranks(len: usize, cmp: impl Fn(usize, usize) -> std::cmp::Ordering) -> Vec<u32> {
    let mut sorted: Vec<usize> = (0..len).collect();
    sorted.sort_by(|&a, &b| cmp(a, b));
    let mut rank = vec![0_u32; len];
    for (position, &item) in sorted.iter().enumerate() {
        rank[item] = position as u32;
    }
    rank
}

/// What reading the touches noticed beyond row problems, for the campaign's warnings.
#[derive(Debug, Default)]
pub(crate) struct TouchNotes {
    /// Unknown touch types: text, first line, count.
    pub unknown_types: Vec<(String, usize, usize)>,
    /// Creators missing from the roster: first line, count of touches.
    pub unknown_creators: BTreeMap<CreatorId, (usize, usize)>,
    /// Whether some touch gives a time of day (not a date alone).
    pub has_times: bool,
    /// Where the timestamp column is.
    pub time_column: Option<Located>,
    /// Sources the engine does not know: text, first line, count of touches.
    pub unknown_sources: Vec<(String, usize, usize)>,
}

/// Reads the touch log; creators missing from the roster are added to it under `unknown`.
///
/// # Errors
/// [`Error::Input`] when the file or its header is unusable; row problems go to `problems`.
#[allow(clippy::too_many_arguments, reason = "what a touch refers to: roster, notes, journeys and tiers")]
pub(crate) fn read_touchpoints(
    text: &str,
    roster: &mut Roster,
    notes_read: &mut Notes,
    journeys: &mut Journeys,
    tiers: &Tiers,
    offset: chrono::FixedOffset,
    overrides: &BTreeMap<String, String>,
    problems: &mut Problems,
) -> Result<(Touches, TouchNotes), Error> {
    let mut touches = Touches::default();
    let mut notes = TouchNotes::default();
    let mut times = TimeColumn::new(offset);
    let read = read_rows(text, &TOUCHPOINTS, overrides, problems, |row, columns, problems| {
        let [journey, kol, timestamp, touch_type, source, note] = [0, 1, 2, 3, 4, 5].map(|i| columns.get(i));
        let errors = problems.error_count();
        let journey_id = row.required_id(journey, problems);
        // A touch without kol_id is a source's (an ad, search...) when its source says so.
        let from_source =
            row.optional(kol).is_none().then(|| row.optional(source)).flatten().filter(|s| !Source::names_creator(s));
        let kol_id = if from_source.is_some() { None } else { row.required_id(kol, problems) };
        let at = row
            .required(timestamp, problems)
            .and_then(|cell| times.read(row, timestamp.unwrap_or(0), cell, problems))
            .map(|reading| reading.at);
        let kind = match row.optional(touch_type) {
            None => TouchType::View,
            Some(cell) => TouchType::parse(cell).unwrap_or_else(|| {
                count(&mut notes.unknown_types, cell, row.line());
                TouchType::Other
            }),
        };
        let (Some(journey_id), Some(at)) = (journey_id, at) else { return };
        if problems.error_count() != errors {
            return;
        }
        let creator = match (kol_id, from_source) {
            (Some(kol_id), _) => {
                let creator = roster.find(kol_id).unwrap_or_else(|| roster.add_unknown(kol_id, tiers));
                if roster.get(creator).line.is_none() && roster.get(creator).source.is_none() {
                    notes.unknown_creators.entry(creator).or_insert((row.line(), 0)).1 += 1;
                }
                creator
            }
            (None, Some(text)) => {
                let known = Source::parse(text);
                if known.is_none() {
                    count(&mut notes.unknown_sources, text, row.line());
                }
                let name = known.map_or(text, |s| s.name());
                match roster.find(name) {
                    Some(found) if roster.get(found).source.is_some() => found,
                    Some(_) => {
                        let reason = "a source cannot share its name with a creator's kol_id";
                        problems.push(row.problem(source.unwrap_or(0), text, ProblemCode::DuplicateId, reason));
                        return;
                    }
                    None => roster.add_source(name, known.unwrap_or(Source::Other), tiers),
                }
            }
            (None, None) => return,
        };
        let note_id = match row.optional(note) {
            None => NO_NOTE,
            Some(cell) => match notes_read.of_touch(cell, creator) {
                Ok(id) => id,
                Err(owner) => {
                    let reason = format!(
                        "this note is {}'s (first named so in the notes file or on an earlier line), not {}'s: a note has one author",
                        roster.get(owner).id,
                        roster.get(creator).id
                    );
                    problems.push(row.problem(note.unwrap_or(0), cell, ProblemCode::UnknownValue, &reason));
                    return;
                }
            },
        };
        touches.journey.push(journeys.intern(journey_id));
        touches.creator.push(creator);
        touches.at.push(at);
        touches.kind.push(kind);
        touches.note.push(note_id);
        touches.line.push(u32::try_from(row.line()).unwrap_or(u32::MAX));
    })?;
    notes.has_times = times.has_times();
    times.finish(problems);
    notes.time_column = read.located(2);
    touches.sort(roster, notes_read);
    warn_repeated_rows(&touches, problems);
    Ok((touches, notes))
}

/// Counts `text` among `seen` (text, first line, count).
fn count(seen: &mut Vec<(String, usize, usize)>, text: &str, line: usize) {
    match seen.iter_mut().find(|(t, _, _)| t == text) {
        Some(entry) => entry.2 += 1,
        None => seen.push((text.to_owned(), line, 1)),
    }
}

/// Touches that repeat another row exactly (user, creator, time and type): kept, since two
/// such events can happen, but said, since a log exported twice doubles every touch's weight.
fn warn_repeated_rows(touches: &Touches, problems: &mut Problems) {
    let same = |i: usize| {
        touches.journey[i] == touches.journey[i - 1]
            && touches.at[i] == touches.at[i - 1]
            && touches.creator[i] == touches.creator[i - 1]
            && touches.kind[i] == touches.kind[i - 1]
            && touches.note[i] == touches.note[i - 1]
    };
    // Sorted by that key with ties in file order, so each repeat follows the row it repeats.
    let repeats: Vec<usize> = (1..touches.len()).filter(|&i| same(i)).collect();
    let Some(&first) = repeats.iter().min_by_key(|&&i| touches.line[i]) else { return };
    let mut original = first - 1;
    while original > 0 && same(original) {
        original -= 1;
    }
    let message = format!(
        "{} touches repeat another row exactly (same user, creator, time and type; line {} repeats line {}): \
         each is kept and counts, so a log exported twice counts every touch twice",
        repeats.len(),
        touches.line[first],
        touches.line[original]
    );
    problems.push(
        Problem::at_line("touchpoints", touches.line[first] as usize, ProblemCode::DuplicateRow, message).warning(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touch_types_in_english_and_chinese() {
        assert_eq!(TouchType::parse("Promo Code"), Some(TouchType::PromoCode));
        assert_eq!(TouchType::parse("收藏"), Some(TouchType::Save));
        assert_eq!(TouchType::parse("qr_scan"), Some(TouchType::QrScan));
        assert_eq!(TouchType::parse("share"), None);
        assert!(TouchType::QrScan.is_click() && TouchType::Click.is_click() && !TouchType::Save.is_click());
    }
}
