//! The campaign's row indices, below every reader that hands them out or keeps them (the roster
//! and its code book both speak of creators, so neither may own the name).

/// Index of a creator in its [`Roster`](super::Roster).
pub type CreatorId = u32;
