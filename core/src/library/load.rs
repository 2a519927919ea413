//! A file given as a source of earlier answers: an answer library (JSON or CSV) or any filled
//! questionnaire (workbook or CSV), read into library entries with what the file contributed.
//! A file from elsewhere is content a stranger wrote: held to the file size limit, refused by
//! name (and sheet/row) when it cannot be read, never merged in part.

use serde::{Deserialize, Serialize};

#[cfg(feature = "files")]
use super::{default_scope, from_questionnaire_for, Library, LibraryError};
#[cfg(feature = "files")]
use crate::identify::{identify, FileKind};
#[cfg(feature = "files")]
use crate::limits::MAX_FILE_BYTES;

/// What one file contributed to the library.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub file: String,
    /// `library` or `questionnaire`.
    pub kind: String,
    /// The product or service its answers were given for (empty: not recorded).
    pub scope: String,
    /// Library entries it gives.
    pub entries: usize,
    /// A questionnaire's questions: those answered with an answer word (the entries), those
    /// answered in words only (not reusable as an answer), and those left blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questions: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_words: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unanswered: Option<usize>,
    /// The importer's notes (sheets left out, cut cells).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Reads `bytes` (a file named `file`) as earlier answers. `scope` names the product they were
/// given for: entries that record none take it; a questionnaire's default is its file name.
/// `added` is the day, recorded on a questionnaire's entries.
#[cfg(feature = "files")]
pub fn read_source(
    file: &str,
    bytes: &[u8],
    scope: Option<&str>,
    added: &str,
) -> Result<(Library, Contribution), LibraryError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LibraryError::TooLarge {
            file: file.to_string(),
            megabytes: bytes.len().div_ceil(1024 * 1024),
            limit: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    let scope = scope.map(str::trim).filter(|s| !s.is_empty());
    match identify(file, bytes) {
        FileKind::Library => {
            let text = String::from_utf8_lossy(bytes);
            let mut library = if text.trim_start_matches('\u{feff}').trim_start().starts_with('{') {
                Library::from_json(file, &text)?
            } else {
                Library::from_csv(file, &text)?
            };
            if let Some(scope) = scope {
                library.entries.iter_mut().filter(|e| e.scope.is_empty()).for_each(|e| e.scope = scope.to_string());
            }
            let mut scopes: Vec<&str> = library.entries.iter().map(|e| e.scope.as_str()).collect();
            scopes.sort_unstable();
            scopes.dedup();
            let contribution = Contribution {
                file: file.to_string(),
                kind: "library".into(),
                scope: scopes.join(", "),
                entries: library.len(),
                ..Contribution::default()
            };
            Ok((library, contribution))
        }
        FileKind::Workbook | FileKind::Table => {
            let q = crate::questionnaire::import(file, bytes).map_err(|e| LibraryError::Import(e.to_string()))?;
            let scope = scope.map_or_else(|| default_scope(file), str::to_string);
            let library = from_questionnaire_for(&q, file, added, &scope);
            let with_answer = q
                .questions
                .iter()
                .filter(|x| x.existing.as_ref().and_then(|e| e.answer.as_deref()).is_some_and(|a| !a.trim().is_empty()))
                .count();
            let answered = library.len().min(with_answer);
            let contribution = Contribution {
                file: file.to_string(),
                kind: "questionnaire".into(),
                scope,
                entries: library.len(),
                questions: Some(q.questions.len()),
                answered: Some(answered),
                in_words: Some(with_answer - answered),
                unanswered: Some(q.questions.len() - with_answer),
                notes: q.notes.clone(),
            };
            Ok((library, contribution))
        }
        other => Err(LibraryError::Unreadable {
            file: file.to_string(),
            reason: format!("this is {}, not an answer library or a filled questionnaire", other.describe()),
        }),
    }
}

#[cfg(all(test, feature = "files"))]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_by_name_before_it_is_read() {
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        let err = read_source("huge.csv", &big, None, "2026-12-07").unwrap_err();
        assert_eq!(err.to_string(), "huge.csv: 51 MB is over the limit of 50 MB for a library file; nothing was read");
    }

    #[test]
    fn a_library_file_takes_the_scope_given_where_its_entries_record_none() {
        let csv =
            "question,answer,text,source,scope\nIs MFA enforced?,yes,Always.,a,\nIs data encrypted?,no,No.,b,Portal\n";
        let (lib, c) = read_source("lib.csv", csv.as_bytes(), Some("Mobile"), "").unwrap();
        let scopes: Vec<&str> = lib.entries.iter().map(|e| e.scope.as_str()).collect();
        assert_eq!(scopes, ["Mobile", "Portal"]);
        assert_eq!((c.kind.as_str(), c.entries, c.scope.as_str()), ("library", 2, "Mobile, Portal"));
    }
}
