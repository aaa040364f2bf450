//! Interned channel names (creators or tiers), so a path is a slice of small integers.

use std::collections::HashMap;

use rustc_hash::{FxBuildHasher, FxHashMap};

/// Index of a channel in its [`Channels`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChannelId(u32);

impl ChannelId {
    /// Position in the table, for indexing per-channel arrays.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Lists of channel indexes (paths, channel sets) to numbers, as a hash map would, but a single
/// channel is found by its index and a list of up to four channels below 2¹⁶ by one packed
/// integer: nearly every journey's path and set is that short, and hashing and comparing lists
/// per journey and per subset was the largest part of a full comparison.
#[derive(Debug, Clone, Default)]
pub(crate) struct ChannelLists {
    /// Per channel, the number of its list of one, plus one (0: none).
    singles: Vec<usize>,
    packed: FxHashMap<u64, usize>,
    listed: FxHashMap<Box<[u32]>, usize>,
}

impl ChannelLists {
    /// Room for about `lists` short lists.
    pub(crate) fn with_capacity(lists: usize) -> Self {
        Self { packed: FxHashMap::with_capacity_and_hasher(lists, FxBuildHasher), ..Self::default() }
    }

    /// The number stored for `list`.
    pub(crate) fn get(&self, list: &[u32]) -> Option<usize> {
        if let [channel] = list {
            return self.singles.get(*channel as usize).and_then(|&n| n.checked_sub(1));
        }
        match pack(list) {
            Some(key) => self.packed.get(&key).copied(),
            None => self.listed.get(list).copied(),
        }
    }

    /// Stores `number` for `list`.
    pub(crate) fn insert(&mut self, list: &[u32], number: usize) {
        if let [channel] = list {
            let channel = *channel as usize;
            if self.singles.len() <= channel {
                self.singles.resize(channel + 1, 0);
            }
            self.singles[channel] = number + 1;
            return;
        }
        match pack(list) {
            Some(key) => self.packed.insert(key, number),
            None => self.listed.insert(list.into(), number),
        };
    }
}

/// Up to four channel indexes below 2¹⁶ as one integer, each plus one in 16 bits (so that lists
/// of different lengths differ too).
fn pack(list: &[u32]) -> Option<u64> {
    if list.len() > 4 || list.iter().any(|&c| c >= 0xFFFF) {
        return None;
    }
    Some(list.iter().fold(0, |key, &c| key << 16 | u64::from(c + 1)))
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
    fn channel_lists_find_single_packed_and_listed_lists_apart() {
        let mut lists = ChannelLists::with_capacity(8);
        let all: [&[u32]; 8] = [&[0], &[1], &[0, 1], &[1, 0], &[1, 2, 3, 4], &[0, 1, 2, 3, 4], &[70_000], &[0, 70_000]];
        for (number, list) in all.iter().enumerate() {
            lists.insert(list, number);
        }
        assert_eq!(
            (lists.singles.iter().filter(|&&n| n > 0).count(), lists.packed.len(), lists.listed.len()),
            (3, 3, 2)
        );
        for (number, list) in all.iter().enumerate() {
            assert_eq!(lists.get(list), Some(number), "{list:?}");
        }
        for absent in [&[2][..], &[0, 2], &[0, 0], &[1, 2, 3, 4, 5], &[]] {
            assert_eq!(lists.get(absent), None, "{absent:?}");
        }
        assert_eq!(pack(&[0, 1]), Some(1 << 16 | 2));
    }

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
