//! The app's components, one per file, each with its `Props`.

mod ask;
mod hit_card;
mod marked;
mod nav;
mod posture_page;
mod status;
mod status_banner;

pub use ask::AskPage;
pub use hit_card::HitCard;
pub use marked::Marked;
pub use nav::Nav;
pub use posture_page::PosturePage;
pub use status::StatusBadge;
pub use status_banner::StatusBanner;
