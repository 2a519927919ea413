//! trustdraft's core: posture pages parsed into control rows and evidence pointers, the ISO
//! catalogs, and a tantivy index that finds the rows behind a question. No I/O and no browser:
//! callers pass text in and get values out, natively or in wasm32.
//!
//! The `files` feature (on by default) holds everything that reads or writes files: workbook and
//! CSV import and export, HTML pages, parsing and indexing posture pages, answer packs,
//! identifying a file. Without it, core opens a prebuilt engine ([`snapshot`]), searches and
//! drafts: the browser's first module is built so.
//!
//! ```
//! use trustdraft_core::Engine;
//!
//! let engine = Engine::embedded_default().unwrap();
//! let hits = engine.search("is data encrypted at rest", 3);
//! assert_eq!(hits[0].reference, "A.8.24");
//! assert_eq!(hits[0].status.as_ref().map(|s| s.label()), Some("Met"));
//! ```

pub mod answer;
pub mod catalog;
pub mod crosswalk;
pub mod draft;
pub mod engine;
#[cfg(feature = "files")]
pub mod eval;
pub mod evidence;
pub mod export;
#[cfg(feature = "files")]
pub mod html;
#[cfg(feature = "files")]
pub mod identify;
pub mod jobs;
pub mod library;
pub mod limits;
pub mod link;
pub mod pack;
pub mod pattern;
pub mod posture;
pub mod questionnaire;
pub mod search;
pub mod snapshot;
pub mod vocab;
pub mod workspace;

pub use answer::{Answer, Band, Citation, Draft, Support};
pub use catalog::{Catalog, ControlCoverage, ControlId, Standard};
pub use engine::Engine;
pub use evidence::{EvidenceKind, EvidenceRef, Pointer};
pub use posture::{ControlRow, Diagnostic, Page, Passage, Posture, Status};
pub use search::{DocRef, Hit, SearchIndex};
