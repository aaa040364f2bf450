//! What leaves the engine: the JavaScript binding ([`wasm`], the only module that knows about
//! JavaScript; its types generated into `wasm.d.ts` by `typescript`), spreadsheet-safe CSV
//! ([`export`]), options read from JSON with refusals in the catalogue's words ([`options`]) and
//! the warehouse query ([`sql`]).

pub mod export;
pub mod options;
pub mod sql;
#[cfg(test)]
mod typescript;
pub mod wasm;
