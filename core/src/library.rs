//! The answer library: every answer a reviewer approved (question, answer, text, citations with
//! the status each cited row had then), reused when the same or a near-identical question comes
//! again — unless a cited row's status has changed since, in which case the question is flagged
//! for review instead.
//!
//! Matching is in two steps: the normalised text (lower case, words only) must be equal, or the
//! question's subject stems (the search analyzer's stems without filler words such as "perform"
//! or "maintain") must overlap by at least [`CLOSE_MATCH`] (Jaccard), or differ by one stem that
//! is not a security word ("your new staff members"), and the negation must be the same.

use serde::{Deserialize, Serialize};

mod load;
mod matching;

#[cfg(feature = "files")]
pub use load::read_source;
pub use load::Contribution;

pub use matching::{default_scope, mapped_controls, LibraryIndex};

#[cfg(feature = "files")]
use crate::model::Status;
use crate::model::StatusChange;
use crate::model::{Answer, Citation, Draft};
use crate::posture::Posture;

/// The version written by this build; older versions keep loading.
pub const LIBRARY_FORMAT_VERSION: u32 = 1;

/// The least stem overlap (Jaccard) for two wordings to count as the same question.
pub const CLOSE_MATCH: f32 = 0.8;

/// One approved answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub question: String,
    pub answer: Answer,
    /// The dropdown value approved, if the answer cell had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    pub text: String,
    /// The rows the answer rests on, with their status when it was approved.
    #[serde(default)]
    pub citations: Vec<Citation>,
    /// The day it was approved: `2026-11-22`.
    pub approved: String,
    /// Where it was approved: `caiq.xlsx › A&A-01.1`.
    #[serde(default)]
    pub source: String,
    /// The product or service it answered for (empty: not recorded). An entry of another scope
    /// than the one drafted for is never reused as an answer.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// The question's own reference cells (CCM ids, a HECVAT's standards columns), which bridge
    /// questionnaire families.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<String>,
    /// The day it was retired (withdrawn by the user: kept, shown as retired, never matched);
    /// empty while it is in use.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub retired: String,
}

/// A library file or saved library that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LibraryError {
    #[error("{file}: not a trustdraft answer library ({reason})")]
    Unreadable { file: String, reason: String },
    #[error("{file}: the library is from a newer trustdraft (format {found}, this one reads up to {LIBRARY_FORMAT_VERSION})")]
    TooNew { file: String, found: u32 },
    #[error("{file}: row {row}: {reason}")]
    Row { file: String, row: usize, reason: String },
    #[error("{file}: {megabytes} MB is over the limit of {limit} MB for a library file; nothing was read")]
    TooLarge { file: String, megabytes: usize, limit: usize },
    /// A filled questionnaire that cannot be imported (the message names file, sheet and row).
    #[error("{0}")]
    Import(String),
}

/// Every approved answer, newest wording last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub version: u32,
    pub entries: Vec<Entry>,
}

impl Default for Library {
    fn default() -> Library {
        Library { version: LIBRARY_FORMAT_VERSION, entries: Vec::new() }
    }
}

/// Lower case, words only, single spaces: `Is data encrypted at rest?` → `is data encrypted at rest`.
pub fn normalise(question: &str) -> String {
    question
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn negated(question: &str) -> bool {
    normalise(question).split(' ').any(|w| {
        matches!(
            w,
            "not" | "no" | "never" | "without" | "nor" | "none" | "cannot" | "dont" | "doesnt" | "isnt" | "arent"
        )
    })
}

impl Library {
    /// Adds an approved answer, replacing any entry of the same normalised question.
    pub fn record(&mut self, entry: Entry) {
        let key = normalise(&entry.question);
        self.entries.retain(|e| normalise(&e.question) != key);
        self.entries.push(entry);
    }

    /// Removes the entry of this question recorded from `source` (an approval withdrawn).
    pub fn withdraw(&mut self, question: &str, source: &str) {
        let key = normalise(question);
        self.entries.retain(|e| !(e.source == source && normalise(&e.question) == key));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a library of this or an older format version; `file` names it in errors.
    pub fn from_json(file: &str, text: &str) -> Result<Library, LibraryError> {
        let unreadable = |reason: String| LibraryError::Unreadable { file: file.to_string(), reason };
        let value: serde_json::Value =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| unreadable(e.to_string()))?;
        let version =
            value.get("version").and_then(|v| v.as_u64()).ok_or_else(|| unreadable("no format version".into()))? as u32;
        if version > LIBRARY_FORMAT_VERSION {
            return Err(LibraryError::TooNew { file: file.to_string(), found: version });
        }
        let mut library: Library = serde_json::from_value(value).map_err(|e| unreadable(e.to_string()))?;
        library.version = LIBRARY_FORMAT_VERSION;
        Ok(library)
    }

    /// One row per entry: question, answer, choice, text, citations (`page › ref [status]`
    /// separated by `; `), approved, source. Cells are formula-safe.
    #[cfg(feature = "files")]
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["question", "answer", "choice", "text", "citations", "approved", "source", "scope"]);
        for e in &self.entries {
            let citations: Vec<String> = e
                .citations
                .iter()
                .map(|c| match &c.status {
                    Some(s) => format!("{} › {} [{}]", c.page, c.reference, s.label()),
                    None => format!("{} › {}", c.page, c.reference),
                })
                .collect();
            let cells = [
                e.question.clone(),
                e.answer.as_str().to_string(),
                e.choice.clone().unwrap_or_default(),
                e.text.clone(),
                citations.join("; "),
                e.approved.clone(),
                e.source.clone(),
                e.scope.clone(),
            ];
            let _ = w.write_record(cells.iter().map(|c| crate::export::safe_cell(c)));
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// Reads the CSV [`Library::to_csv`] writes (columns found by header name; `question`,
    /// `answer` and `text` are required).
    #[cfg(feature = "files")]
    pub fn from_csv(file: &str, text: &str) -> Result<Library, LibraryError> {
        let unreadable = |reason: String| LibraryError::Unreadable { file: file.to_string(), reason };
        let mut reader =
            csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> =
            reader.headers().map_err(|e| unreadable(e.to_string()))?.iter().map(|h| h.trim().to_lowercase()).collect();
        let col = |name: &str| headers.iter().position(|h| h == name);
        let (Some(q), Some(a), Some(t)) = (col("question"), col("answer"), col("text")) else {
            return Err(unreadable("the header row needs question, answer and text columns".into()));
        };
        let mut library = Library::default();
        for (n, record) in reader.records().enumerate() {
            let row = n + 2;
            let record =
                record.map_err(|e| LibraryError::Row { file: file.to_string(), row, reason: e.to_string() })?;
            let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map(|s| unescape(s.trim())).unwrap_or_default();
            let question = cell(Some(q));
            if question.is_empty() {
                continue;
            }
            let answer_text = cell(Some(a));
            let answer = Answer::parse(&answer_text).ok_or_else(|| LibraryError::Row {
                file: file.to_string(),
                row,
                reason: format!("answer `{answer_text}` is not one of yes, no, partial, not-applicable, needs-review"),
            })?;
            let citations =
                cell(col("citations")).split("; ").filter(|c| !c.trim().is_empty()).map(parse_citation).collect();
            let choice = Some(cell(col("choice"))).filter(|c| !c.is_empty());
            library.record(Entry {
                question,
                answer,
                choice,
                text: cell(Some(t)),
                citations,
                approved: cell(col("approved")),
                source: cell(col("source")),
                scope: cell(col("scope")),
                refs: Vec::new(),
                retired: String::new(),
            });
        }
        Ok(library)
    }

    /// Adds every entry of `other` as another source: entries of the same question are kept side
    /// by side (their disagreement is a conflict drafting shows), only an entry equal in
    /// question, answer and scope to one already there is left out. Returns how many were added.
    pub fn gather(&mut self, other: Library) -> usize {
        let before = self.entries.len();
        for e in other.entries {
            let key = normalise(&e.question);
            let known = self
                .entries
                .iter()
                .any(|x| x.answer == e.answer && x.scope == e.scope && normalise(&x.question) == key);
            if !known {
                self.entries.push(e);
            }
        }
        self.entries.len() - before
    }

    /// Adds every entry of `other` (an imported library); its entries win on equal questions.
    pub fn merge(&mut self, other: Library) -> usize {
        let n = other.entries.len();
        for e in other.entries {
            self.record(e);
        }
        n
    }
}

/// `safe_cell` prefixes a quote to formula-like text; reading back removes it.
#[cfg(feature = "files")]
fn unescape(cell: &str) -> String {
    crate::export::unescape_cell(cell).to_string()
}

/// `Page › Ref [Status]` back into a citation.
#[cfg(feature = "files")]
fn parse_citation(text: &str) -> Citation {
    let text = text.trim();
    let (body, status) = match text.rsplit_once(" [") {
        Some((body, rest)) if rest.ends_with(']') => (body, Some(Status::parse(&rest[..rest.len() - 1]))),
        _ => (text, None),
    };
    let (page, reference) = body.split_once(" › ").unwrap_or(("", body));
    Citation {
        page: page.trim().to_string(),
        section: String::new(),
        reference: reference.trim().to_string(),
        status,
        evidence: Vec::new(),
    }
}

/// The cited rows of `entry` whose status in `posture` differs from the status approved
/// (matched by page title and ref; by ref alone when the page was renamed).
pub fn status_changes(entry: &Entry, posture: &Posture) -> Vec<StatusChange> {
    entry
        .citations
        .iter()
        .filter(|c| c.status.is_some())
        .filter_map(|c| {
            let row = posture.rows.iter().find(|r| r.page == c.page && r.reference == c.reference).or_else(|| {
                let mut same_ref = posture.rows.iter().filter(|r| r.reference == c.reference);
                match (same_ref.next(), same_ref.next()) {
                    (Some(only), None) => Some(only),
                    _ => None,
                }
            });
            let now = row.map(|r| r.status.clone());
            (now != c.status).then(|| StatusChange {
                page: c.page.clone(),
                reference: c.reference.clone(),
                was: c.status.clone(),
                now,
            })
        })
        .collect()
}

impl Library {
    /// The answers a filled questionnaire already holds, as library entries (see [`from_questionnaire`]).
    pub fn from_questionnaire(q: &crate::questionnaire::Questionnaire, file: &str, added: &str) -> Library {
        from_questionnaire(q, file, added)
    }
}

impl Entry {
    /// The library entry for an approved draft.
    pub fn of(
        draft: &Draft,
        answer: Answer,
        choice: Option<String>,
        text: String,
        approved: &str,
        source: &str,
    ) -> Entry {
        Entry {
            question: draft.question.clone(),
            answer,
            choice,
            text,
            citations: draft.citations.clone(),
            approved: approved.to_string(),
            source: source.to_string(),
            scope: String::new(),
            refs: Vec::new(),
            retired: String::new(),
        }
    }

    /// The question's wording normalised, as the library keys it ([`normalise`]).
    pub fn key(&self) -> String {
        normalise(&self.question)
    }
}

/// The answers a filled questionnaire already holds (last year's work), as library entries
/// marked with the file and the day they were added: `security-2025.xlsx › S-1 (answered before)`,
/// scoped to the product the file name says ([`default_scope`]; see [`from_questionnaire_for`]).
/// A question whose answer cell holds no answer word (`Yes`, `No`, `N/A`, a mark …) is left out.
pub fn from_questionnaire(q: &crate::questionnaire::Questionnaire, file: &str, added: &str) -> Library {
    from_questionnaire_for(q, file, added, &default_scope(file))
}

/// [`from_questionnaire`] with the scope (product or service) the answers were given for.
pub fn from_questionnaire_for(
    q: &crate::questionnaire::Questionnaire,
    file: &str,
    added: &str,
    scope: &str,
) -> Library {
    let mut library = Library::default();
    for question in &q.questions {
        let Some(existing) = &question.existing else { continue };
        let Some(said) = existing.answer.as_deref() else { continue };
        let Some(answer) = crate::model::answer_for_choice(said) else { continue };
        library.record(Entry {
            question: question.text.clone(),
            answer,
            choice: question.choices.as_ref().and_then(|c| c.iter().find(|v| v.trim() == said.trim()).cloned()),
            text: existing.comment.clone().unwrap_or_default(),
            citations: Vec::new(),
            approved: added.to_string(),
            source: format!("{file} \u{203a} {} (answered before)", question.id),
            scope: scope.to_string(),
            refs: question.refs.clone(),
            retired: String::new(),
        });
    }
    library
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Match;

    #[test]
    fn a_filled_questionnaires_answers_become_library_entries() {
        let csv = "id,question,answer,comments\nQ1,Is MFA enforced?,YES,For every admin.\nQ2,Do you have CCTV?,,\nQ3,Is there a DPO?,maybe,\nQ4,Are backups encrypted?,N/A,No backups kept.\n";
        let q = crate::questionnaire::import("last-year.csv", csv.as_bytes()).unwrap();
        let lib = from_questionnaire(&q, "last-year.csv", "2026-11-30");
        let got: Vec<(&str, Answer, &str, &str)> =
            lib.entries.iter().map(|e| (e.question.as_str(), e.answer, e.text.as_str(), e.source.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Is MFA enforced?", Answer::Yes, "For every admin.", "last-year.csv \u{203a} Q1 (answered before)"),
                (
                    "Are backups encrypted?",
                    Answer::NotApplicable,
                    "No backups kept.",
                    "last-year.csv \u{203a} Q4 (answered before)"
                ),
            ]
        );
        assert!(lib.entries.iter().all(|e| e.approved == "2026-11-30"));
    }

    fn entry(q: &str) -> Entry {
        Entry {
            question: q.into(),
            answer: Answer::Yes,
            choice: None,
            text: "=Yes, AES-256.".into(),
            citations: vec![Citation {
                page: "ISO/IEC 27001:2022".into(),
                section: String::new(),
                reference: "A.8.24".into(),
                status: Some(Status::Met),
                evidence: Vec::new(),
            }],
            approved: "2026-11-22".into(),
            source: "q.xlsx › E1".into(),
            scope: String::new(),
            refs: Vec::new(),
            retired: String::new(),
        }
    }

    #[test]
    fn questions_normalise_to_words() {
        assert_eq!(normalise("  Is data  encrypted at REST? "), "is data encrypted at rest");
        assert_eq!(normalise("(A) Do you—really—log?"), "a do you really log");
    }

    #[test]
    fn recording_the_same_question_replaces_it_and_withdrawing_removes_it() {
        let mut lib = Library::default();
        lib.record(entry("Is data encrypted at rest?"));
        lib.record(entry("is data encrypted at rest"));
        assert_eq!(lib.len(), 1);
        lib.withdraw("IS DATA ENCRYPTED AT REST", "other.xlsx › E1");
        assert_eq!(lib.len(), 1, "only the source that approved it withdraws it");
        lib.withdraw("IS DATA ENCRYPTED AT REST", "q.xlsx › E1");
        assert!(lib.is_empty());
    }

    #[test]
    fn csv_and_json_round_trip() {
        let mut lib = Library::default();
        lib.record(entry("Is data encrypted at rest?"));
        lib.record(Entry { choice: Some("Yes".into()), ..entry("Do you log, \"all\" access?") });
        let csv = lib.to_csv();
        assert!(csv.contains("'=Yes, AES-256."), "formula-safe: {csv}");
        assert_eq!(Library::from_csv("lib.csv", &csv).unwrap(), lib);
        assert_eq!(Library::from_json("lib.json", &lib.to_json()).unwrap(), lib);
    }

    #[test]
    fn bad_library_files_are_named() {
        assert_eq!(
            Library::from_csv("lib.csv", "question,answer,text\nIs it?,maybe,x\n").unwrap_err().to_string(),
            "lib.csv: row 2: answer `maybe` is not one of yes, no, partial, not-applicable, needs-review"
        );
        assert!(Library::from_csv("lib.csv", "a,b\n")
            .unwrap_err()
            .to_string()
            .starts_with("lib.csv: not a trustdraft answer library"));
        assert_eq!(
            Library::from_json("lib.json", r#"{"version": 7, "entries": []}"#).unwrap_err().to_string(),
            "lib.json: the library is from a newer trustdraft (format 7, this one reads up to 1)"
        );
    }

    #[test]
    fn close_wording_matches_but_negation_and_other_subjects_do_not() {
        let mut lib = Library::default();
        lib.record(entry("Is customer data encrypted at rest?"));
        let words = |q: &str| -> Vec<String> {
            normalise(q)
                .split(' ')
                .filter(|w| !matches!(*w, "is" | "are" | "at" | "all" | "the" | "when" | "not" | "you" | "do"))
                .map(|w| w.trim_end_matches('s').to_string())
                .collect()
        };
        let index = LibraryIndex::new(&lib, words);
        let find = |q: &str| index.find(q, &words(q), |w| w == "transit").map(|(_, m)| m);
        assert_eq!(find("is customer data encrypted at rest"), Some(Match::Same));
        assert_eq!(find("Is all customer data encrypted when at rest?"), Some(Match::Close));
        assert_eq!(find("Is customer data not encrypted at rest?"), None);
        assert_eq!(find("Is customer data encrypted in transit?"), None);
        assert_eq!(find("Is customer data encrypted at rest and in transit?"), None, "one security word more");
        assert_eq!(find("Is our customer data encrypted at rest?"), Some(Match::Close), "one plain word more");
    }

    #[test]
    fn a_retired_entry_is_kept_but_never_found() {
        let mut lib = Library::default();
        lib.record(Entry { retired: "2026-12-07".into(), ..entry("Is customer data encrypted at rest?") });
        let words = |q: &str| -> Vec<String> { normalise(q).split(' ').map(str::to_string).collect() };
        let index = LibraryIndex::new(&lib, words);
        let q = "Is customer data encrypted at rest?";
        assert_eq!(index.find(q, &words(q), |_| false), None);
        assert!(index.lookup(q, &words(q), |_| false, &[], &[]).is_none());
        let back = Library::from_json("l.json", &lib.to_json()).unwrap();
        assert_eq!(back.entries[0].retired, "2026-12-07", "kept retired through a save");
    }

    #[test]
    fn a_changed_or_removed_row_is_reported() {
        let posture = Posture::embedded_default();
        let mut e = entry("q");
        e.citations[0].page = posture.rows.iter().find(|r| r.reference == "A.8.24").unwrap().page.clone();
        assert!(status_changes(&e, &posture).is_empty());
        e.citations[0].status = Some(Status::Partial);
        assert_eq!(status_changes(&e, &posture)[0].describe(), "A.8.24: Partial → Met");
        e.citations[0].reference = "A.9.99".into();
        assert_eq!(status_changes(&e, &posture)[0].describe(), "A.9.99: Partial → no longer on the page");
    }
}
