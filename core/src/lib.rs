//! trustdraft's core: posture pages parsed into control rows and evidence pointers, the ISO
//! catalogs, and a tantivy index that finds the rows behind a question. No I/O and no browser:
//! callers pass text in and get values out, natively or in wasm32.
//!
//! The `files` feature (on by default) holds everything that reads or writes files: workbook and
//! CSV import and export, HTML pages, parsing and indexing posture pages, answer packs,
//! identifying a file. Without it, core opens a prebuilt engine (`Engine::from_snapshot`),
//! searches and drafts: the browser's first module is built so.
//!
//! Two doors, over one ground floor: [`Engine`] is what the page does (open, search, ask, draft,
//! coverage, library reuse); [`jobs`] is what the worker does (everything that reads or writes a
//! file, and the CLI's file work through the same functions); [`model`] is the plain data both
//! hand out and take back. Every other module is private; the values they define that callers
//! hold are re-exported here.
//!
//! ```
//! use trustdraft_core::Engine;
//!
//! let engine = Engine::embedded_default().unwrap();
//! let hits = engine.search("is data encrypted at rest", 3);
//! assert_eq!(hits[0].reference, "A.8.24");
//! assert_eq!(hits[0].status.as_ref().map(|s| s.label()), Some("Met"));
//! ```

// Core's modules are private; without `files` the file half of each is compiled out, and what
// only that half uses is then unused. The full build (`files`: the tests, the CLI, the worker)
// still reports dead code.
#![cfg_attr(not(feature = "files"), allow(dead_code))]

mod catalog;
mod crosswalk;
mod draft;
mod engine;
#[cfg(feature = "files")]
mod eval;
mod evidence;
mod export;
#[cfg(feature = "files")]
mod html;
#[cfg(feature = "files")]
mod identify;
pub mod jobs;
mod library;
pub mod limits;
mod link;
mod magic;
pub mod model;
mod pack;
mod pattern;
mod posture;
mod questionnaire;
mod reuse;
mod search;
mod snapshot;
#[cfg(test)]
mod tests;
mod vocab;
mod workspace;

// The page's door: the engine.
pub use engine::Engine;

// The ground floor at the root, for short paths.
pub use model::{
    Answer, Band, Citation, ControlId, ControlRow, Draft, EvidenceKind, EvidenceRef, Standard, Status, Support,
};

// The values the engine and the jobs hand out and take back, from the floors above the model.
pub use catalog::{Catalog, ControlCoverage, EntryKind};
pub use crosswalk::Crosswalk;
pub use draft::Explanation;
pub use evidence::{CitedIn, Pointer};
pub use export::{runs_as_formula, Basis, Summary};
#[cfg(feature = "files")]
pub use export::{Plan, Verified};
pub use library::{Entry, Library};
pub use link::{link, Link};
pub use pack::{AnswerPack, PostureFile, PACK_FORMAT_VERSION};
pub use posture::{Diagnostic, FileReport, Page, Passage, Posture, DEFAULT_FILES};
pub use questionnaire::{
    column_name, Existing, ImportOptions, MarkColumn, Question, Questionnaire, Role, SheetOverride, SheetReport,
};
pub use search::{DocRef, Hit, SearchIndex};
#[cfg(feature = "files")]
pub use workspace::Exported;
pub use workspace::{Work, WorkError, WORK_FORMAT_VERSION};
