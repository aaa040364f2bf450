//! The paths table: one row per distinct path, columnar, channels interned; and its builder.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::channel::{ChannelId, ChannelLists, Channels};
use crate::campaign::TouchType;

/// Journey paths with their conversions, value and non-converting count: columnar, with
/// channels interned, so a row costs a few words.
#[derive(Debug, Clone)]
pub struct PathTable {
    channels: Channels,
    offsets: Vec<usize>,
    touches: Vec<ChannelId>,
    conversions: Vec<f64>,
    values: Vec<Decimal>,
    net_values: Vec<Decimal>,
    nulls: Vec<f64>,
    value_scale: u32,
    total_value: Decimal,
    total_net_value: Decimal,
    /// Each touch's type and age, when the paths carry them.
    events: Option<Events>,
}

/// Per touch: its type and its age at the order in seconds; per row, whether it has them (rows
/// without, such as non-converting tails, hold views at age 0).
#[derive(Debug, Clone, Default)]
struct Events {
    kinds: Vec<TouchType>,
    ages: Vec<i64>,
    rows: Vec<bool>,
}

impl PathTable {
    /// An empty table over `channels`.
    pub fn new(channels: Channels) -> Self {
        Self {
            channels,
            offsets: vec![0],
            touches: Vec::new(),
            conversions: Vec::new(),
            values: Vec::new(),
            net_values: Vec::new(),
            nulls: Vec::new(),
            value_scale: 2,
            total_value: Decimal::ZERO,
            total_net_value: Decimal::ZERO,
            events: None,
        }
    }

    /// Number of path rows.
    pub fn rows(&self) -> usize {
        self.conversions.len()
    }

    /// Names the table's channels with `channels`, which holds every channel its rows use (every
    /// window of a multi-window file shares the file's channels).
    pub(crate) fn set_channels(&mut self, channels: Channels) {
        debug_assert!(channels.len() >= self.channels.len());
        self.channels = channels;
    }

    /// The channels, in first-seen order.
    pub fn channels(&self) -> &Channels {
        &self.channels
    }

    /// The touches of row `row`, in journey order.
    pub fn path(&self, row: usize) -> &[ChannelId] {
        &self.touches[self.offsets[row]..self.offsets[row + 1]]
    }

    /// Conversions of row `row`.
    pub fn conversions(&self, row: usize) -> f64 {
        self.conversions[row]
    }

    /// Conversion value of row `row`, before refunds.
    pub fn value(&self, row: usize) -> Decimal {
        self.values[row]
    }

    /// Conversion value of row `row`, after refunds.
    pub fn net_value(&self, row: usize) -> Decimal {
        self.net_values[row]
    }

    /// Non-converting journeys of row `row`.
    pub fn nulls(&self, row: usize) -> f64 {
        self.nulls[row]
    }

    /// Decimal places of the most precise value, at least 2 (the fen).
    pub fn value_scale(&self) -> u32 {
        self.value_scale
    }

    /// Whether the paths carry each touch's type and age (the time- and type-based models need them).
    pub fn has_events(&self) -> bool {
        self.events.is_some()
    }

    /// The types and ages (seconds before the order) of row `row`'s touches, if it has them.
    pub fn events(&self, row: usize) -> Option<(&[TouchType], &[i64])> {
        let events = self.events.as_ref()?;
        let span = self.offsets[row]..self.offsets[row + 1];
        events.rows[row].then(|| (&events.kinds[span.clone()], &events.ages[span]))
    }

    /// Sum of every row's value, exact.
    pub fn total_value(&self) -> Decimal {
        self.total_value
    }

    /// Sum of every row's net value, exact.
    pub fn total_net_value(&self) -> Decimal {
        self.total_net_value
    }

    /// Sum of every row's conversions.
    pub fn total_conversions(&self) -> f64 {
        self.conversions.iter().sum()
    }

    /// Sum of every row's non-converting journeys.
    pub fn total_nulls(&self) -> f64 {
        self.nulls.iter().sum()
    }

    /// A table of `rows`, in that order: each with its path, journeys, value and (when the table
    /// has them) touch types and ages; channels as here.
    pub(crate) fn with_rows(&self, rows: &[usize]) -> PathTable {
        let mut table = PathTable::new(self.channels.clone());
        table.events = self.events.as_ref().map(|_| Events::default());
        for &row in rows {
            let (path, events) = (self.path(row), self.events(row));
            let (value, net_value) = (self.values[row], self.net_values[row]);
            table.push_row_with_events(path, events, self.conversions[row], value, net_value, self.nulls[row]);
        }
        table
    }

    /// Appends a row. Callers keep totals below [`number::max_total`], so sums cannot overflow.
    fn push_row(&mut self, path: &[ChannelId], conversions: f64, value: Decimal, net_value: Decimal, nulls: f64) {
        self.push_row_with_events(path, None, conversions, value, net_value, nulls);
    }

    /// Appends a row that may carry its touches' types and ages.
    pub(crate) fn push_row_with_events(
        &mut self,
        path: &[ChannelId],
        events: Option<(&[TouchType], &[i64])>,
        conversions: f64,
        value: Decimal,
        net_value: Decimal,
        nulls: f64,
    ) {
        self.push_events(path.len(), events);
        self.touches.extend_from_slice(path);
        self.offsets.push(self.touches.len());
        self.conversions.push(conversions);
        self.values.push(value);
        self.net_values.push(net_value);
        self.nulls.push(nulls);
        self.add_totals(value, net_value);
    }

    /// Records a new row's types and ages (or their absence), before its touches are appended.
    fn push_events(&mut self, steps: usize, events: Option<(&[TouchType], &[i64])>) {
        if events.is_some() && self.events.is_none() {
            let touches = self.touches.len();
            self.events = Some(Events {
                kinds: vec![TouchType::View; touches],
                ages: vec![0; touches],
                rows: vec![false; self.rows()],
            });
        }
        let Some(store) = &mut self.events else { return };
        if let Some((kinds, ages)) = events {
            store.kinds.extend_from_slice(kinds);
            store.ages.extend_from_slice(ages);
        } else {
            store.kinds.extend(std::iter::repeat_n(TouchType::View, steps));
            store.ages.extend(std::iter::repeat_n(0, steps));
        }
        store.rows.push(events.is_some());
    }

    /// Adds more journeys to an existing row (the builder's merge of equal paths).
    fn add_to_row(&mut self, row: usize, conversions: f64, value: Decimal, net_value: Decimal, nulls: f64) {
        self.conversions[row] += conversions;
        self.values[row] += value;
        self.net_values[row] += net_value;
        self.nulls[row] += nulls;
        self.add_totals(value, net_value);
    }

    fn add_totals(&mut self, value: Decimal, net_value: Decimal) {
        self.total_value += value;
        self.total_net_value += net_value;
        self.value_scale = self.value_scale.max(value.scale()).max(net_value.scale());
    }
}

/// Journeys and value per row of a [`PathTable`], in floating point: how one bootstrap resample
/// weighs the table's rows (counts exactly, values to the float).
#[derive(Debug, Clone)]
pub(crate) struct RowWeights {
    pub conversions: Vec<f64>,
    pub nulls: Vec<f64>,
    /// Value before refunds.
    pub values: Vec<f64>,
}

impl RowWeights {
    /// No journeys on any of `rows` rows.
    pub(crate) fn new(rows: usize) -> Self {
        Self { conversions: vec![0.0; rows], nulls: vec![0.0; rows], values: vec![0.0; rows] }
    }

    /// Back to no journeys.
    pub(crate) fn clear(&mut self) {
        self.conversions.fill(0.0);
        self.nulls.fill(0.0);
        self.values.fill(0.0);
    }
}

/// Builds a [`PathTable`] one journey at a time, merging journeys with the same path into one
/// row, as aggregated path files have them.
#[derive(Debug)]
pub struct PathTableBuilder {
    table: PathTable,
    rows: ChannelLists,
    /// The path being looked up, as channel indexes.
    indexes: Vec<u32>,
    event_rows: FxHashMap<EventKey, usize>,
}

/// A path with its touches' types and ages: rows merge only when all three agree.
type EventKey = (Box<[ChannelId]>, Box<[TouchType]>, Box<[i64]>);

impl PathTableBuilder {
    /// A builder over `channels` (every id a path uses must come from it).
    pub fn new(channels: Channels) -> Self {
        Self {
            table: PathTable::new(channels),
            rows: ChannelLists::default(),
            indexes: Vec::new(),
            event_rows: FxHashMap::default(),
        }
    }

    /// A builder whose table carries touch types and ages ([`Self::add_with_events`]), even when
    /// no converting path ends up in it.
    pub fn with_events(channels: Channels) -> Self {
        let mut builder = Self::new(channels);
        builder.table.events = Some(Events::default());
        builder
    }

    /// Adds journeys with `path`: their conversions, value before and after refunds, and nulls.
    /// Returns the row they were added to.
    pub fn add(
        &mut self,
        path: &[ChannelId],
        conversions: f64,
        value: Decimal,
        net_value: Decimal,
        nulls: f64,
    ) -> usize {
        let table = &mut self.table;
        self.indexes.clear();
        self.indexes.extend(path.iter().map(|c| c.index() as u32));
        if let Some(row) = self.rows.get(&self.indexes) {
            table.add_to_row(row, conversions, value, net_value, nulls);
            row
        } else {
            let row = table.rows();
            self.rows.insert(&self.indexes, row);
            table.push_row(path, conversions, value, net_value, nulls);
            row
        }
    }

    /// Takes journeys added with [`Self::add`] back off `row` (which stays, perhaps with none).
    pub(crate) fn remove(&mut self, row: usize, conversions: f64, value: Decimal, net_value: Decimal, nulls: f64) {
        // Zero is not negated: a Decimal keeps the sign of a negative zero, and would print it.
        let minus = |amount: Decimal| if amount.is_zero() { amount } else { -amount };
        self.table.add_to_row(row, -conversions, minus(value), minus(net_value), -nulls);
    }

    /// The table so far.
    pub(crate) fn table(&self) -> &PathTable {
        &self.table
    }

    /// Adds orders with `path` whose touches had `kinds` and were `ages` seconds old at the order.
    #[allow(clippy::too_many_arguments)] // One row's fields, as `add` with the touches' types and ages.
    pub fn add_with_events(
        &mut self,
        path: &[ChannelId],
        kinds: &[TouchType],
        ages: &[i64],
        conversions: f64,
        value: Decimal,
        net_value: Decimal,
        nulls: f64,
    ) {
        let table = &mut self.table;
        let key: EventKey = (path.into(), kinds.into(), ages.into());
        if let Some(&row) = self.event_rows.get(&key) {
            table.add_to_row(row, conversions, value, net_value, nulls);
        } else {
            self.event_rows.insert(key, table.rows());
            table.push_row_with_events(path, Some((kinds, ages)), conversions, value, net_value, nulls);
        }
    }

    /// The table, rows in the order their paths were first added.
    pub fn finish(self) -> PathTable {
        self.table
    }
}
