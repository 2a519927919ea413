//! Which posture the app answers from: the embedded default, pages the user loaded, or the
//! posture inside a vendor's answer pack. Saved in the browser and restored after a reload.

use serde::{Deserialize, Serialize};
use trustdraft_core::Posture;
use trustdraft_core::PostureFile;
use trustdraft_core::Work;
use trustdraft_core::DEFAULT_FILES;

/// The version of the saved posture record.
const SOURCE_FORMAT_VERSION: u32 = 1;

/// Where the posture came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Origin {
    /// The embedded default (Glassbreak's pages).
    Default,
    /// Pages the user loaded, on this day.
    Loaded { date: String },
    /// A vendor's answer pack, opened on this day; `vendor` as its pages name themselves.
    Pack { vendor: String, file: String, date: String },
}

/// The posture's pages and where they came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostureSource {
    pub version: u32,
    pub origin: Origin,
    /// The pages; none for the embedded default, whose pages only the second module holds (the
    /// page opens their engine prebuilt).
    pub files: Vec<PostureFile>,
    /// The user's own posture that a vendor's pack replaced, kept so that opening a pack never
    /// loses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Box<PostureSource>>,
}

impl PostureSource {
    pub fn embedded() -> PostureSource {
        PostureSource { version: SOURCE_FORMAT_VERSION, origin: Origin::Default, files: Vec::new(), previous: None }
    }

    pub fn new(origin: Origin, files: Vec<PostureFile>) -> PostureSource {
        PostureSource { version: SOURCE_FORMAT_VERSION, origin, files, previous: None }
    }

    /// A pack's posture replacing `current`: the user's own loaded posture is kept to go back to
    /// (a pack replacing a pack keeps the same one).
    pub fn replacing(mut self, current: &PostureSource) -> PostureSource {
        self.previous = match &current.origin {
            Origin::Loaded { .. } => Some(Box::new(PostureSource { previous: None, ..current.clone() })),
            Origin::Pack { .. } => current.previous.clone(),
            Origin::Default => None,
        };
        self
    }

    /// The pages, for the second module: `None` is the embedded default's.
    pub fn pages(&self) -> Option<Vec<PostureFile>> {
        (self.origin != Origin::Default).then(|| self.files.clone())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<PostureSource, String> {
        let source: PostureSource =
            serde_json::from_str(text).map_err(|e| format!("the saved posture is not readable ({e})"))?;
        if source.version > SOURCE_FORMAT_VERSION {
            return Err(format!("the saved posture is from a newer trustdraft (format {})", source.version));
        }
        Ok(source)
    }

    /// One line for the Posture page and the footer.
    pub fn describe(&self) -> String {
        let names: Vec<&str> = self.files.iter().map(|f| f.name.as_str()).collect();
        match &self.origin {
            Origin::Default => format!("The embedded default posture ({})", DEFAULT_FILES.join(", ")),
            Origin::Loaded { date } => format!("Your posture, loaded {date}: {}", names.join(", ")),
            Origin::Pack { vendor, file, date } => {
                format!("{vendor}'s posture from the answer pack {file}, opened {date}")
            }
        }
    }
}

/// A change of the posture in use: the new source, and the work an answer pack brings with it.
#[derive(Clone)]
pub struct PostureChange {
    pub source: PostureSource,
    pub open: Option<Work>,
}

impl PostureChange {
    pub fn to(source: PostureSource) -> PostureChange {
        PostureChange { source, open: None }
    }
}

/// Who answers with this posture, as its pages name themselves (see
/// [`trustdraft_core::Posture::vendor`]).
pub fn vendor_of(posture: &Posture) -> String {
    posture.vendor()
}

/// Today's date in the browser (UTC), `2026-11-22`.
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_source_round_trips_and_names_the_vendor() {
        let source = PostureSource::new(
            Origin::Loaded { date: "2026-11-22".into() },
            vec![PostureFile {
                name: "n.md".into(),
                text: "# Northwind — ISO/IEC 27001:2022\n| Ref | Status |\n|---|---|\n| A.8.24 | Met |\n".into(),
            }],
        );
        let back = PostureSource::from_json(&source.to_json()).unwrap();
        assert_eq!(back, source);
        let posture = Posture::from_pages(back.files.iter().map(|f| (f.name.as_str(), f.text.as_str())));
        assert_eq!(vendor_of(&posture), "Northwind");
        assert_eq!(back.describe(), "Your posture, loaded 2026-11-22: n.md");
        assert!(PostureSource::from_json("{").unwrap_err().starts_with("the saved posture is not readable"));
        let default = PostureSource::embedded();
        assert_eq!(default.pages(), None, "the second module holds the default's pages");
        assert_eq!(
            default.describe(),
            "The embedded default posture (glassbreak-iso27001.txt, glassbreak-iso22301.txt)"
        );
        assert_eq!(back.pages().unwrap().len(), 1);
        let pack =
            PostureSource::new(Origin::Pack { vendor: "V".into(), file: "p.json".into(), date: "d".into() }, vec![])
                .replacing(&back);
        assert_eq!(pack.previous.as_deref(), Some(&back), "the user's own posture is kept");
        let second =
            PostureSource::new(Origin::Pack { vendor: "W".into(), file: "q.json".into(), date: "d".into() }, vec![])
                .replacing(&pack);
        assert_eq!(second.previous.as_deref(), Some(&back));
        assert!(PostureSource::from_json(&second.to_json()).unwrap().previous.is_some());
    }
}
