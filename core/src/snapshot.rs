//! A prebuilt engine: the posture already parsed and its index already written, saved at build
//! time and opened in the page without parsing or indexing anything. The web app embeds one of
//! the default posture (built by `web/build.rs`): a first visit then runs no parser, no indexer
//! and no regex compiler before it can answer; any posture the user loads is still built in the page.
//!
//! The second module makes one for every posture the user loads, in its worker, and hands it to
//! the page, which opens it the same way.
//!
//! The format is private to one build of trustdraft (the page only opens snapshots made by the
//! same build): a header line with the version; a JSON part (the app version, the posture, the
//! index's document list); the drafting data in postcard's compact binary form (two thirds of
//! the snapshot, and most of the time opening it took as JSON); then each index file as name
//! and bytes. Each part is preceded by its length, a little-endian `u32`.

use serde::{Deserialize, Serialize};

use crate::draft::Prepared;
use crate::engine::Engine;
use crate::posture::Posture;
use crate::search::{DocRef, SearchError, SearchIndex};

/// The first bytes of a snapshot; the number changes with the format.
const MAGIC: &[u8] = b"trustdraft engine snapshot 2\n";

#[derive(Serialize, Deserialize)]
struct Head {
    app_version: String,
    posture: Posture,
    docs: Vec<DocRef>,
}

/// A snapshot could not be written or read back.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("not an engine snapshot of this version of trustdraft")]
    NotASnapshot,
    #[error("the snapshot was written by trustdraft {0}, not {1}")]
    Version(String, String),
    #[error("the snapshot is cut short")]
    Truncated,
    #[error("the snapshot's posture could not be read: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the snapshot's drafting data could not be read: {0}")]
    Binary(#[from] postcard::Error),
    #[error(transparent)]
    Search(#[from] SearchError),
}

impl Engine {
    /// The engine saved as bytes, for [`Engine::from_snapshot`] in the same build.
    #[cfg(feature = "files")]
    pub fn to_snapshot(&self) -> Result<Vec<u8>, SnapshotError> {
        let head = Head {
            app_version: crate::pack::APP_VERSION.to_string(),
            posture: self.posture.clone(),
            docs: self.index().docs().to_vec(),
        };
        let mut out = MAGIC.to_vec();
        push_part(&mut out, &serde_json::to_vec(&head)?);
        push_part(&mut out, &postcard::to_allocvec(self.prepared())?);
        for (name, bytes) in self.index().files()? {
            push_part(&mut out, name.as_bytes());
            push_part(&mut out, &bytes);
        }
        Ok(out)
    }

    /// Opens an engine saved with [`Engine::to_snapshot`].
    pub fn from_snapshot(bytes: &[u8]) -> Result<Engine, SnapshotError> {
        let mut rest = bytes.strip_prefix(MAGIC).ok_or(SnapshotError::NotASnapshot)?;
        let head: Head = serde_json::from_slice(take_part(&mut rest)?)?;
        if head.app_version != crate::pack::APP_VERSION {
            return Err(SnapshotError::Version(head.app_version, crate::pack::APP_VERSION.to_string()));
        }
        let prepared: Prepared = postcard::from_bytes(take_part(&mut rest)?)?;
        let mut files = Vec::new();
        while !rest.is_empty() {
            let name = std::str::from_utf8(take_part(&mut rest)?).map_err(|_| SnapshotError::NotASnapshot)?.to_string();
            files.push((name, take_part(&mut rest)?.to_vec()));
        }
        let index = SearchIndex::open(&files, head.docs)?;
        Ok(Engine::with_parts(head.posture, index, prepared))
    }
}

#[cfg(feature = "files")]
fn push_part(out: &mut Vec<u8>, part: &[u8]) {
    out.extend_from_slice(&(part.len() as u32).to_le_bytes());
    out.extend_from_slice(part);
}

fn take_part<'a>(rest: &mut &'a [u8]) -> Result<&'a [u8], SnapshotError> {
    let (len, tail) = rest.split_first_chunk::<4>().ok_or(SnapshotError::Truncated)?;
    let len = u32::from_le_bytes(*len) as usize;
    if tail.len() < len {
        return Err(SnapshotError::Truncated);
    }
    let (part, tail) = tail.split_at(len);
    *rest = tail;
    Ok(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_opens_as_the_same_engine() {
        let built = Engine::embedded_default().unwrap();
        let bytes = built.to_snapshot().unwrap();
        let opened = Engine::from_snapshot(&bytes).unwrap();
        assert_eq!(opened.posture, built.posture);
        assert_eq!(opened.index().docs(), built.index().docs());
        let mut questions: Vec<String> =
            ["Are you ISO 27001 certified?", "What is your RTO for the customer-facing API?", "A.8.24"]
                .map(String::from)
                .to_vec();
        for (name, bytes) in [
            ("sig-style.xlsx", &include_bytes!("../../tests/fixtures/questionnaires/sig-style.xlsx")[..]),
            ("caiq-layout.xlsx", &include_bytes!("../../tests/fixtures/questionnaires/caiq-layout.xlsx")[..]),
            ("customer-messy.xlsx", &include_bytes!("../../tests/fixtures/questionnaires/customer-messy.xlsx")[..]),
        ] {
            let q = crate::questionnaire::import(name, bytes).unwrap();
            questions.extend(q.questions.iter().map(|q| q.text.clone()));
        }
        assert!(questions.len() > 30, "{} questions", questions.len());
        for question in &questions {
            assert_eq!(opened.search(question, 5), built.search(question, 5), "{question}");
            assert_eq!(opened.draft_text(question), built.draft_text(question), "{question}");
        }
    }

    #[test]
    fn a_damaged_snapshot_is_refused() {
        let bytes = Engine::embedded_default().unwrap().to_snapshot().unwrap();
        assert!(matches!(Engine::from_snapshot(b"{}"), Err(SnapshotError::NotASnapshot)));
        assert!(matches!(Engine::from_snapshot(&bytes[..bytes.len() - 10]), Err(SnapshotError::Truncated)));
        let mut wrong = bytes.clone();
        let at = MAGIC.len() + 4 + 20;
        wrong[at] = b'#';
        assert!(Engine::from_snapshot(&wrong).is_err());
        // The drafting data: the part after the JSON one, overwritten.
        let json_len = u32::from_le_bytes(bytes[MAGIC.len()..MAGIC.len() + 4].try_into().unwrap()) as usize;
        let at = MAGIC.len() + 4 + json_len + 4;
        let mut wrong = bytes.clone();
        wrong[at..at + 64].fill(0xFF);
        let err = Engine::from_snapshot(&wrong).unwrap_err();
        assert!(matches!(err, SnapshotError::Binary(_)), "{err}");
        assert!(err.to_string().starts_with("the snapshot's drafting data could not be read: "), "{err}");
    }
}
