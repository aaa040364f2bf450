//! The note level's channels: every note, then a `(no note)` channel for each creator or source
//! whose touches name none (or that has no note at all). The report's note level and the note-level
//! paths both name channels from here, so the two can never disagree.

use super::creators::Roster;
use super::notes::{NO_NOTE, Notes};
use super::touchpoints::Touches;

/// The note level's channels: every note, then a `<kol_id> (no note)` channel for each creator or
/// source whose touches name no note (or which has no note at all). One naming for the report's
/// note level, the paths export and the warehouse query.
#[derive(Debug, Clone)]
pub(crate) struct NoteChannels {
    /// Each channel's name: the note id, or [`unnoted_name`] of its creator.
    pub names: Vec<String>,
    /// Each channel's creator.
    pub creator_of: Vec<usize>,
    /// Each creator's `(no note)` channel, if it has one.
    pub unnoted: Vec<Option<usize>>,
}

/// The channel of a creator's touches that name no note.
pub(crate) fn unnoted_name(kol_id: &str) -> String {
    format!("{kol_id} (no note)")
}

/// The note level's channels of a campaign's notes, roster and touches.
pub(crate) fn note_channels(notes: &Notes, roster: &Roster, touches: &Touches) -> NoteChannels {
    let creators = roster.creators();
    let mut has_note = vec![false; creators.len()];
    let mut touched_unnoted = vec![false; creators.len()];
    for note in notes.all() {
        has_note[note.creator as usize] = true;
    }
    for (&creator, &note) in touches.creator.iter().zip(&touches.note) {
        if note == NO_NOTE {
            touched_unnoted[creator as usize] = true;
        }
    }
    let mut names: Vec<String> = notes.all().iter().map(|n| n.id.clone()).collect();
    let mut creator_of: Vec<usize> = notes.all().iter().map(|n| n.creator as usize).collect();
    let mut unnoted = vec![None; creators.len()];
    for (c, creator) in creators.iter().enumerate() {
        if touched_unnoted[c] || !has_note[c] {
            unnoted[c] = Some(names.len());
            names.push(unnoted_name(&creator.id));
            creator_of.push(c);
        }
    }
    NoteChannels { names, creator_of, unnoted }
}
