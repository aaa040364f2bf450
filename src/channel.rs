//! Interned channel names (creators or tiers), so a path is a slice of small integers.

use std::collections::HashMap;

/// Index of a channel in its [`Channels`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChannelId(u32);

impl ChannelId {
    /// Position in the table, for indexing per-channel arrays.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Up to four channel indexes below 2¹⁶ as one integer (each plus one, in 16 bits, so lengths
/// differ too): short paths and channel sets, nearly all of a campaign's, are then hashed and
/// compared as one number instead of as a list.
pub(crate) fn pack_short(indexes: &[u32]) -> Option<u64> {
    if indexes.len() > 4 || indexes.iter().any(|&c| c >= 0xFFFF) {
        return None;
    }
    Some(indexes.iter().fold(0, |key, &c| key << 16 | u64::from(c + 1)))
}

/// Channel names in first-seen order, each stored once.
#[derive(Debug, Clone, Default)]
pub struct Channels {
    names: Vec<String>,
    ids: HashMap<String, ChannelId>,
}

impl Channels {
    /// The id for `name`, adding it if new; `None` once `u32::MAX` channels exist.
    pub fn intern(&mut self, name: &str) -> Option<ChannelId> {
        if let Some(&id) = self.ids.get(name) {
            return Some(id);
        }
        let id = ChannelId(u32::try_from(self.names.len()).ok()?);
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        Some(id)
    }

    /// The name behind `id`.
    pub fn name(&self, id: ChannelId) -> &str {
        &self.names[id.index()]
    }

    /// Every name, in id order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// How many distinct channels there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no channel has been seen.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_stable_and_ordered() {
        let mut channels = Channels::default();
        let a = channels.intern("小美").unwrap();
        let b = channels.intern("B").unwrap();
        assert_eq!(channels.intern("小美"), Some(a));
        assert_eq!((a.index(), b.index()), (0, 1));
        assert_eq!(channels.name(b), "B");
        assert_eq!(channels.names(), ["小美", "B"]);
    }
}
