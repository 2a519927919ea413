//! The tests that read fixtures and cross modules: inside the crate, since its modules are
//! private (the public surface is tested from `core/tests/` and by the CLI and the app).

mod drafting;
mod drafting_rules;
mod export;
mod hostile;
mod import;
mod library_and_pack;
mod library_reuse;
mod posture_forms;
mod posture_pinned;
mod properties;
mod real_layouts;
mod saved_work;
mod seed_posture;
