//! Creators' promo codes and QR ids: the roster gives each creator theirs, and an order carrying
//! one ties it to that creator even when no touch was logged (as code-based tracking tools do).

use rustc_hash::FxHashMap;

use super::ids::CreatorId;
use crate::error::{ProblemCode, Problems};
use crate::read::table::Row;

/// What a code identifies a creator by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CodeKind {
    /// A promo (coupon) code typed at checkout.
    PromoCode,
    /// The id of a QR code the buyer scanned.
    QrId,
}

impl CodeKind {
    /// The column it is read from, in the roster and in the orders.
    pub(crate) fn column(self) -> &'static str {
        match self {
            Self::PromoCode => "promo_code",
            Self::QrId => "qr_id",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::PromoCode => "promo code",
            Self::QrId => "QR id",
        }
    }
}

/// A code as compared: without spaces and in upper case, so that `abc 10` and `ABC10` are one
/// code (people type codes by hand; exports differ in case).
pub(crate) fn normalize_code(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()
}

/// Every creator's codes, normalized, with the roster line each was given on.
#[derive(Debug, Clone, Default)]
pub(crate) struct CodeBook {
    owners: FxHashMap<(CodeKind, String), (CreatorId, usize)>,
}

impl CodeBook {
    /// Records `creator`'s code in column `col` of `row`; a code another creator already has is
    /// an error naming that creator's line (two owners would make every order with it a guess).
    pub(crate) fn note(
        &mut self,
        row: &Row<'_>,
        col: Option<usize>,
        kind: CodeKind,
        creator: CreatorId,
        problems: &mut Problems,
    ) {
        let (Some(col), Some(cell)) = (col, row.optional(col)) else { return };
        let key = (kind, normalize_code(cell));
        match self.owners.get(&key) {
            Some(&(_, line)) => {
                let reason = format!(
                    "this {} is already another creator's, on line {line} (codes ignore case and spaces)",
                    kind.name()
                );
                problems.push(row.problem(col, cell, ProblemCode::DuplicateId, &reason));
            }
            None => {
                self.owners.insert(key, (creator, row.line()));
            }
        }
    }

    /// The creator whose code `text` is, compared normalized.
    pub(crate) fn owner(&self, kind: CodeKind, text: &str) -> Option<CreatorId> {
        self.owners.get(&(kind, normalize_code(text))).map(|&(creator, _)| creator)
    }

    /// Whether some creator has a code of `kind`.
    pub(crate) fn has(&self, kind: CodeKind) -> bool {
        self.owners.keys().any(|(k, _)| *k == kind)
    }
}
