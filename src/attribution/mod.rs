//! Attribution: from a campaign's journeys to each model's credit per channel.
//!
//! [`journey`] cuts each order's eligible touches out of a user's journey for a lookback window;
//! [`window_tables`] keeps every window's paths; [`models`] are the order-by-order rules,
//! [`markov`] and [`shapley`] the data-driven models fitted on whole tables; [`credit`] sums a
//! rule's weights into credit and [`fit`] runs any model on a table; [`bootstrap`] resamples the
//! journeys for intervals; [`allocation`] splits a whole into parts that sum to it exactly.

pub mod allocation;
pub mod bootstrap;
pub mod credit;
pub(crate) mod fit;
pub mod incremental;
pub mod journey;
pub mod markov;
pub mod models;
pub mod shapley;
pub(crate) mod window;
pub(crate) mod window_tables;
