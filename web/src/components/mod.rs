//! The app's components, one per file, each with its `Props`. The engine comes from the app's
//! context (`hooks::use_engine`); what a component does outside the DOM goes through
//! `services`.

pub mod answer_card;
mod ask;
mod browse_page;
mod coverage_page;
mod crosswalk_load;
mod draft_progress;
pub mod drop_zone;
mod evidence_link;
mod export_bar;
mod hit_card;
mod import_report;
mod library_page;
mod library_row;
mod marked;
mod nav;
mod notice;
mod pack_banner;
mod pager;
mod posture_loader;
mod questionnaire_page;
mod reading;
mod review_filters;
mod review_panel;
mod review_row;
mod review_table;
mod status;
mod status_banner;

pub use answer_card::AnswerCard;
pub use ask::AskPage;
pub use browse_page::BrowsePage;
pub use coverage_page::CoveragePage;
pub use crosswalk_load::crosswalk_load;
pub use draft_progress::DraftProgress;
pub use drop_zone::DropZone;
pub use evidence_link::evidence_link;
pub use export_bar::ExportBar;
pub use hit_card::HitCard;
pub use import_report::ImportReport;
pub use library_page::LibraryPage;
pub use library_row::LibraryRow;
pub use marked::Marked;
pub use nav::Nav;
pub use notice::NoticeBar;
pub use pack_banner::PackBanner;
pub use pager::pager;
pub use posture_loader::PostureLoader;
pub use questionnaire_page::{Panel, QuestionnairePage};
pub use reading::reading;
pub use review_filters::ReviewFilters;
pub use review_panel::review_panel;
pub use review_row::ReviewRow;
pub use review_table::ReviewTable;
pub use status::StatusBadge;
pub use status_banner::StatusBanner;
