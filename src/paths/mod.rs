//! Aggregated journey paths, the format every attribution library reads (ChannelAttribution,
//! DP6 MAM, mta): one row per distinct path with `path,total_conversions,total_conversion_value,
//! total_null`, where `path` is channels joined by `" > "`. The [`PathTable`] holds them in
//! memory; [`file`] reads and writes them; [`channel`] interns channel names; [`events`] reads the
//! touch types and ages a path may carry.

pub mod channel;
pub(crate) mod events;
pub mod file;
mod table;

pub use file::{PathColumns, PathWindow, PathsOptions, paths_csv, read_path_windows, read_paths, unwritable_channel};
pub(crate) use table::RowWeights;
pub use table::{PathTable, PathTableBuilder};
