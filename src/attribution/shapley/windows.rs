//! Shapley over a report's windows, whose paths table grows from one window to the next while
//! every row keeps its path ([`crate::attribution::window_tables`]): a row's channel set is found once, and a
//! set's subsets are looked up once, not once per window. What changes per window is only how
//! many journeys each row has, so each window's games are those [`super::credit`] plays on the
//! window's table alone, to the bit.

use rust_decimal::Decimal;

use super::{MAX_EXACT, NONE, Play, SetHashes, SetOutcome, ShapleySummary, rates, split};
use crate::attribution::credit::Credit;
use crate::paths::PathTable;
use crate::paths::channel::ChannelLists;

/// One set's subsets by bit mask over its channels ([`NONE`] for a subset no row had), and how
/// many sets there were when they were looked up: a set found since may fill a gap.
struct Subsets {
    of_mask: Box<[u32]>,
    sets_then: usize,
}

/// The channel sets of a growing table's rows.
#[derive(Default)]
pub(crate) struct WindowSets {
    found: ChannelLists,
    /// Set `s`'s channels, ascending: `members[starts[s]..starts[s + 1]]`.
    members: Vec<u32>,
    starts: Vec<usize>,
    /// Per row seen so far, its set ([`NONE`] for a row without touches).
    of_row: Vec<u32>,
    /// Per set, its subsets once a game needed them.
    subsets: Vec<Option<Subsets>>,
}

impl WindowSets {
    fn set(&self, s: usize) -> &[u32] {
        &self.members[self.starts[s]..self.starts[s + 1]]
    }

    /// Finds the sets of the rows added since the last call.
    fn add_rows(&mut self, paths: &PathTable) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let mut key = Vec::new();
        for row in self.of_row.len()..paths.rows() {
            key.clear();
            key.extend(paths.path(row).iter().map(|c| c.index() as u32));
            key.sort_unstable();
            key.dedup();
            let set = if key.is_empty() {
                NONE
            } else {
                self.found.get(&key).unwrap_or_else(|| {
                    let set = self.subsets.len();
                    self.found.insert(&key, set);
                    self.members.extend_from_slice(&key);
                    self.starts.push(self.members.len());
                    self.subsets.push(None);
                    set
                }) as u32
            };
            self.of_row.push(set);
        }
    }

    /// Looks up set `s`'s subsets, or the ones missing when new sets have been found since.
    fn look_up_subsets(&mut self, s: usize) {
        let sets = self.subsets.len();
        let channels = self.starts[s]..self.starts[s + 1];
        let (members, found) = (&self.members, &self.found);
        let mut subset = Vec::new();
        let mut look_up = |mask: usize| {
            subset.clear();
            subset.extend(channels.clone().enumerate().filter(|&(b, _)| mask & (1 << b) != 0).map(|(_, c)| members[c]));
            found.get(&subset).map_or(NONE, |t| t as u32)
        };
        match &mut self.subsets[s] {
            Some(known) if known.sets_then == sets => {}
            Some(known) => {
                for (mask, slot) in known.of_mask.iter_mut().enumerate().filter(|(_, slot)| **slot == NONE) {
                    *slot = look_up(mask);
                }
                known.sets_then = sets;
            }
            empty => {
                *empty = Some(Subsets { of_mask: (0..1 << channels.len()).map(look_up).collect(), sets_then: sets });
            }
        }
    }

    /// Each channel's credit on `paths` (the table these sets have followed since it was empty),
    /// as [`super::credit`] finds it on the same table.
    pub(crate) fn credit(
        &mut self,
        paths: &PathTable,
        permutations: usize,
        seed: u64,
    ) -> (Vec<Credit>, ShapleySummary) {
        self.add_rows(paths);
        let sets = self.subsets.len();
        let mut counts = vec![[0.0; 2]; sets];
        let mut values = vec![(Decimal::ZERO, Decimal::ZERO); sets];
        for (row, &set) in self.of_row.iter().enumerate() {
            let (conversions, nulls) = (paths.conversions(row), paths.nulls(row));
            if set == NONE || conversions + nulls <= 0.0 {
                continue;
            }
            let count = &mut counts[set as usize];
            count[0] += conversions;
            count[1] += conversions + nulls;
            let (value, net_value) = (paths.value(row), paths.net_value(row));
            if !value.is_zero() || !net_value.is_zero() {
                let sum = &mut values[set as usize];
                sum.0 += value;
                sum.1 += net_value;
            }
        }
        let rates = rates(&counts);
        let mut converting: Vec<usize> = (0..sets).filter(|&s| counts[s][0] > 0.0).collect();
        converting.sort_unstable_by(|&a, &b| self.set(a).cmp(self.set(b)));
        for &s in &converting {
            if self.set(s).len() <= MAX_EXACT {
                self.look_up_subsets(s);
            }
        }
        let rate = |set: &[u32]| self.found.get(set).map_or(0.0, |t| rates[t]);
        let members = |s: usize| self.set(s);
        let sampling = converting.iter().any(|&s| self.set(s).len() > MAX_EXACT);
        let hashes = sampling.then(|| SetHashes::new(sets, |s| self.set(s)));
        let play = Play { permutations, seed, rates: &rates, rate: &rate, members: &members, hashes: hashes.as_ref() };
        let mut credits = vec![Credit::default(); paths.channels().len()];
        let mut summary = ShapleySummary::new(permutations);
        let (mut game, mut phi) = (Vec::new(), Vec::new());
        for &s in &converting {
            let set = self.set(s);
            let subsets = self.subsets[s].as_ref().map_or(&[][..], |known| &known.of_mask);
            play.values(set, subsets, &mut summary, &mut game, &mut phi);
            let (value, net_value) = values[s];
            split(set, &SetOutcome { conversions: counts[s][0], value, net_value }, &phi, rates[s], &mut credits);
        }
        (credits, summary)
    }
}

#[cfg(test)]
mod tests {
    use super::WindowSets;
    use crate::attribution::window_tables::WindowTables;
    use crate::campaign::test_support::campaign;

    #[test]
    fn every_window_gives_what_its_table_alone_gives_to_the_bit() {
        let c = campaign(
            "u1,big,2025-03-01,view\nu1,mid,2025-03-25,view\nu1,koc,2025-04-02,click\n\
             u2,koc,2025-02-01,view\nu2,big,2025-04-01,view\nu3,mid,2025-03-20,view\nu3,big,2025-04-03,view\n\
             u4,big,2025-01-10,view\nu4,mid,2025-04-03,like\nu5,mid,2025-03-01,view\nu5,koc,2025-04-01,view\n\
             u6,koc,2025-04-02,view\nu7,big,2025-04-02,view\nu7,koc,2025-04-02,view\n",
            "o1,u1,2025-04-03,100\no2,u2,2025-04-03,50\no3,u3,2025-04-04,20\no4,u4,2025-01-11,10\n\
             o5,u5,2025-04-02,30\no6,u6,2025-04-03,40\n",
        );
        let mut tables = WindowTables::new(&c);
        for days in [7, 30, 120, 14, 60, 1, 3650] {
            let window = tables.window(days);
            let table = window.paths;
            let (credits, summary) = window.sets.credit(table, 100, 7);
            // The same table with sets found afresh (what `shapley::credit` does).
            let (alone, alone_summary) = WindowSets::default().credit(table, 100, 7);
            assert_eq!(summary, alone_summary, "{days} days");
            for (a, b) in credits.iter().zip(&alone) {
                assert_eq!(
                    (a.conversions.to_bits(), a.value, a.net_value),
                    (b.conversions.to_bits(), b.value, b.net_value)
                );
            }
            assert!(credits.iter().any(|c| c.conversions > 0.0));
        }
    }
}
