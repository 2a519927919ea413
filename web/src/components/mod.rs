//! The app's components, one per file, each with its `Props`.

pub mod answer_card;
mod ask;
mod browse_page;
mod coverage_page;
mod draft_progress;
mod drop_zone;
mod export_bar;
mod hit_card;
mod import_report;
mod marked;
mod nav;
mod notice;
mod questionnaire_page;
mod review_filters;
mod review_table;
mod status;
mod status_banner;

pub use answer_card::AnswerCard;
pub use ask::AskPage;
pub use browse_page::BrowsePage;
pub use coverage_page::CoveragePage;
pub use draft_progress::DraftProgress;
pub use drop_zone::DropZone;
pub use export_bar::ExportBar;
pub use import_report::ImportReport;
pub use hit_card::HitCard;
pub use marked::Marked;
pub use nav::Nav;
pub use notice::NoticeBar;
pub use questionnaire_page::{DraftRun, QuestionnairePage};
pub use review_filters::ReviewFilters;
pub use review_table::ReviewTable;
pub use status::StatusBadge;
pub use status_banner::StatusBanner;
