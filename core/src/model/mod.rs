//! The ground floor: the plain data every layer shares — answers and drafts, statuses, controls
//! and control rows, evidence pointers, reviews, what saved work remembers of a pack. It imports
//! nothing else of ours, so any module may use it and no loop can pass through it.
//!
//! Architecture invariant: nothing under `model/` names a module outside `model/`. Behaviour that
//! needs another module (parsing a page, finding evidence, making a link) lives in that module,
//! which may add an `impl` block here and there but never the other way round.

mod answer;
mod control;
mod evidence;
mod pack;
mod status;
mod work;

pub use answer::{
    answer_for_choice, choose, Answer, Band, Citation, Draft, Earlier, LibraryUse, Match, Stated, StatusChange, Support,
};
pub use control::{ControlId, ControlRow, Standard};
pub use evidence::{pointer_key, EvidenceKind, EvidenceRef};
pub use pack::{Contradiction, PackCheck, PackInfo, PACK_FORMAT};
pub use status::Status;
pub use work::Review;
