//! Notes (笔记): what creators publish and users touch. A touch may name its note; an optional
//! notes file gives each note's creator, publish date, format, fee and paid boost. A note's fee
//! replaces its creator's flat fee from the roster (never both), so costs follow the notes the
//! brand actually paid for. Also the optional spend file: what each ad or search source cost.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::creators::{CreatorId, Roster};
use super::rows::read_rows;
use super::sources::Source;
use crate::campaign::tier::Tiers;
use crate::error::{Error, Problem, ProblemCode, Problems};
use crate::read::number;
use crate::read::schema::{NOTES, SPEND};
use crate::read::time::TimeColumn;

/// Index of a note in its [`Notes`].
pub type NoteId = u32;

/// A touch that names no note.
pub const NO_NOTE: NoteId = NoteId::MAX;

/// One note.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Its id (`note_id`).
    pub id: String,
    /// Its creator (or source).
    pub creator: CreatorId,
    /// When it was published, in Unix seconds, when the notes file says.
    pub published_at: Option<i64>,
    /// Image or video, as written.
    pub format: Option<String>,
    /// What the brand paid the creator for it.
    pub fee: Option<Decimal>,
    /// Paid amplification (加热, 薯条).
    pub boost_spend: Option<Decimal>,
    /// Its title or topic.
    pub title: Option<String>,
    /// Line in the notes file, or `None` for a note only seen in touches.
    pub line: Option<usize>,
}

impl Note {
    /// What the note cost: its fee and its boost.
    pub fn cost(&self) -> Decimal {
        self.fee.unwrap_or_default() + self.boost_spend.unwrap_or_default()
    }
}

/// Every note: from the notes file, then those only seen in touches, in order of first touch.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    notes: Vec<Note>,
    index: FxHashMap<String, NoteId>,
}

impl Notes {
    /// The notes.
    pub fn all(&self) -> &[Note] {
        &self.notes
    }

    /// Note `id`.
    pub fn get(&self, id: NoteId) -> &Note {
        &self.notes[id as usize]
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.notes.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// The note a touch of `creator` names, added at its first touch when the notes file lacks it.
    ///
    /// # Errors
    /// The note's creator when it belongs to another one: a note has one author.
    pub(crate) fn of_touch(&mut self, note_id: &str, creator: CreatorId) -> Result<NoteId, CreatorId> {
        if let Some(&found) = self.index.get(note_id) {
            let owner = self.notes[found as usize].creator;
            return if owner == creator { Ok(found) } else { Err(owner) };
        }
        Ok(self.push(Note {
            id: note_id.to_owned(),
            creator,
            published_at: None,
            format: None,
            fee: None,
            boost_spend: None,
            title: None,
            line: None,
        }))
    }

    fn push(&mut self, note: Note) -> NoteId {
        let id = self.notes.len() as NoteId;
        self.index.insert(note.id.clone(), id);
        self.notes.push(note);
        id
    }
}

/// Reads the notes file; creators missing from the roster are added under `unknown`, as touches do.
/// Each creator with a note fee has its flat fee replaced by the sum of its notes' costs (fees and
/// boosts), said in a warning when the roster gave one too.
///
/// # Errors
/// [`Error::Input`] when the file or its header is unusable; row problems go to `problems`.
pub(crate) fn read_notes(
    text: &str,
    roster: &mut Roster,
    tiers: &Tiers,
    offset: chrono::FixedOffset,
    overrides: &BTreeMap<String, String>,
    problems: &mut Problems,
) -> Result<Notes, Error> {
    let mut notes = Notes::default();
    let mut times = TimeColumn::new(offset);
    read_rows(text, &NOTES, overrides, problems, |row, columns, problems| {
        let [note, kol, published, format, fee, boost, title] = [0, 1, 2, 3, 4, 5, 6].map(|i| columns.get(i));
        let errors = problems.error_count();
        let note_id = row.required_id(note, problems);
        let kol_id = row.required_id(kol, problems);
        let published_at = published
            .and_then(|col| Some((col, row.optional(Some(col))?)))
            .and_then(|(col, cell)| times.read(row, col, cell, problems))
            .map(|reading| reading.at);
        let amount = |col: Option<usize>, problems: &mut Problems| {
            let cell = row.optional(col)?;
            row.number(col?, cell, number::parse_amount, problems)
        };
        let (fee, boost_spend) = (amount(fee, problems), amount(boost, problems));
        let (Some(note_id), Some(kol_id)) = (note_id, kol_id) else { return };
        if let Some(&first) = notes.index.get(note_id) {
            let line = notes.notes[first as usize].line.unwrap_or(0);
            let reason = format!("this note id is already on line {line}");
            problems.push(row.problem(note.unwrap_or(0), note_id, ProblemCode::DuplicateId, &reason));
        }
        if problems.error_count() != errors {
            return;
        }
        let creator = roster.find(kol_id).unwrap_or_else(|| roster.add_unknown(kol_id, tiers));
        notes.push(Note {
            id: note_id.to_owned(),
            creator,
            published_at,
            format: row.optional(format).map(str::to_owned),
            fee,
            boost_spend,
            title: row.optional(title).map(str::to_owned),
            line: Some(row.line()),
        });
    })?;
    times.finish(problems);
    replace_flat_fees(&notes, roster, problems);
    Ok(notes)
}

/// A creator's cost from its notes: when any of its notes has a fee, the notes' fees and boosts
/// replace its roster flat fee (never both; said when the roster gave one); boosts alone are paid
/// on top of the roster fee.
fn replace_flat_fees(notes: &Notes, roster: &mut Roster, problems: &mut Problems) {
    let mut cost: BTreeMap<CreatorId, (Decimal, bool)> = BTreeMap::new();
    for note in notes.all().iter().filter(|n| n.fee.is_some() || n.boost_spend.is_some()) {
        let entry = cost.entry(note.creator).or_default();
        entry.0 += note.cost();
        entry.1 |= note.fee.is_some();
    }
    let mut replaced = Vec::new();
    for (&creator, &(total, has_fee)) in &cost {
        if !has_fee {
            roster.add_spend(creator, total);
        } else if let Some(fee) = roster.set_fee(creator, total) {
            replaced.push((creator, fee, total));
        }
    }
    let Some(&(first, fee, total)) = replaced.first() else { return };
    let id = &roster.get(first).id;
    let message = format!(
        "{} both a roster flat fee and note fees: the notes' fees and boosts are the cost, never both \
         ({id}: {fee} in the roster, {total} from its notes)",
        if replaced.len() == 1 { "1 creator has".to_owned() } else { format!("{} creators have", replaced.len()) }
    );
    let line = roster.get(first).line.unwrap_or(1);
    problems.push(Problem {
        value: Some(id.clone()),
        ..Problem::at_line("creators", line, ProblemCode::UnknownValue, message).warning()
    });
}

/// Reads the spend file: each row's spend is added to its source's cost. A source with spend but
/// no touch is still listed (it cost money and earned nothing).
///
/// # Errors
/// [`Error::Input`] when the file or its header is unusable; row problems go to `problems`.
pub(crate) fn read_spend(
    text: &str,
    roster: &mut Roster,
    tiers: &Tiers,
    offset: chrono::FixedOffset,
    overrides: &BTreeMap<String, String>,
    problems: &mut Problems,
) -> Result<(), Error> {
    // Days are checked, not used: spend counts for the whole campaign, as a creator's fee does.
    let mut times = TimeColumn::new(offset);
    read_rows(text, &SPEND, overrides, problems, |row, columns, problems| {
        let [source, date, spend] = [0, 1, 2].map(|i| columns.get(i));
        let errors = problems.error_count();
        if let Some((col, cell)) = date.and_then(|col| Some((col, row.optional(Some(col))?))) {
            times.read(row, col, cell, problems);
        }
        let name = row.required(source, problems);
        let amount =
            row.required(spend, problems).and_then(|cell| row.number(spend?, cell, number::parse_amount, problems));
        let (Some(name), Some(amount)) = (name, amount) else { return };
        if problems.error_count() != errors {
            return;
        }
        let known = Source::parse(name);
        let channel = known.map_or(name, |s| s.name());
        let id = match roster.find(channel) {
            Some(id) if roster.get(id).source.is_some() => id,
            Some(_) => {
                let reason = "this is a creator's kol_id: spend is for ads and search (a creator's cost is its fee)";
                problems.push(row.problem(source.unwrap_or(0), name, ProblemCode::UnknownValue, reason));
                return;
            }
            None => roster.add_source(channel, known.unwrap_or(Source::Other), tiers),
        };
        roster.add_spend(id, amount);
    })?;
    times.finish(problems);
    Ok(())
}
