//! The answer pack: one JSON file a vendor hands to a customer, holding the vendor's posture
//! pages, the answers the vendor approved, and the trustdraft version that made it. Opened in
//! the app (offline, nothing installed), it shows the answers with their citations, the
//! coverage of the vendor's posture, and answers further questions against it.
//!
//! A pack is a stranger's file: nothing in it is vouched for. Opening one re-derives every
//! answer's citations from the pack's own posture ([`contradictions`]: the row exists, its
//! status is the one cited, its evidence is the row's, its ref names real controls, a Yes rests
//! on a Met row) and names the vendor as the pages name themselves ([`vendor_of`]); the pack's
//! `vendor` field is only its claim. A pack carries the SHA-256 of its posture pages
//! ([`fingerprint`]), recomputed on opening, so that two packs can be told apart (or shown to
//! carry the same posture) and pages edited after export are noticed.
//!
//! The format is documented in `docs/ANSWER-PACK.md`. Packs of every older format version keep
//! opening; `tests/fixtures/packs/` holds one per version.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::answer::{Answer, Citation};
use crate::catalog::ControlId;
use crate::posture::Posture;
#[cfg(feature = "files")]
use {
    crate::answer::Draft,
    crate::catalog::{self, Catalog, RefExpansion},
    crate::limits,
    crate::posture::Status,
    crate::questionnaire::{Format, Question, Questionnaire},
    crate::workspace::{Review, Work},
    sha2::{Digest, Sha256},
    std::collections::HashMap,
};

/// The `format` field of every pack.
pub const PACK_FORMAT: &str = "trustdraft-answer-pack";
/// The version written by this build.
pub const PACK_FORMAT_VERSION: u32 = 1;
/// The version of trustdraft writing packs.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A posture page as the vendor loaded it: the file name and its text (markdown, text or HTML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostureFile {
    pub name: String,
    pub text: String,
}

/// One approved answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackAnswer {
    #[serde(default)]
    pub sheet: String,
    pub id: String,
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    pub answer: Answer,
    /// The dropdown value written in the vendor's workbook, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    pub text: String,
    #[serde(default)]
    pub citations: Vec<Citation>,
    #[serde(default)]
    pub controls: Vec<ControlId>,
}

/// An answer pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerPack {
    /// Always [`PACK_FORMAT`].
    pub format: String,
    pub version: u32,
    /// The trustdraft version that wrote it.
    pub app_version: String,
    /// When it was made: `2026-11-22`.
    pub created: String,
    /// Who answered: the title of the posture's first page unless the vendor named it.
    pub vendor: String,
    /// The questionnaire's file name.
    pub questionnaire: String,
    pub posture: Vec<PostureFile>,
    /// The [`fingerprint`] of `posture` when the pack was written (absent in packs written
    /// before it was added; readers recompute it and compare).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posture_sha256: Option<String>,
    pub answers: Vec<PackAnswer>,
    /// What opening left out (pages and answers over the limits), one line each; never written.
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// What the workspace remembers of a pack it was opened from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackInfo {
    /// The pack's own claim of who made it (its `vendor` field), never shown as fact.
    pub vendor: String,
    pub app_version: String,
    pub created: String,
    pub version: u32,
    /// The fingerprint the pack states ([`AnswerPack::posture_sha256`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posture_sha256: Option<String>,
    /// What opening the pack left out ([`AnswerPack::notes`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// What opening the pack found, once its posture was parsed ([`check_work`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<PackCheck>,
}

/// A pack checked against its own posture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackCheck {
    /// Who the posture's pages say they are ([`vendor_of`]).
    pub named_by_pages: String,
    /// The [`fingerprint`] of the pages as opened.
    pub fingerprint: String,
    /// The fingerprint the pack states, when it differs from the pages' own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_fingerprint: Option<String>,
    /// Per answer, in order: what in it contradicts the pack's own posture.
    pub contradictions: Vec<Vec<Contradiction>>,
    /// Pages, rows and answers left out by the limits, and other notes on the pages.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl PackCheck {
    /// How many answers contradict their posture.
    pub fn contradicted(&self) -> usize {
        self.contradictions.iter().filter(|c| !c.is_empty()).count()
    }
}

/// Something an answer of a pack states that the pack's own posture does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Contradiction {
    /// The cited row (or, for page prose, the section) is not in the posture.
    NoSuchRow {
        page: String,
        #[serde(rename = "ref")]
        reference: String,
    },
    /// The row's status in the posture is not the one the pack cites.
    Status {
        #[serde(rename = "ref")]
        reference: String,
        stated: String,
        actual: String,
    },
    /// The ref names a control that no catalog has (`A.9.99`).
    NoSuchControl {
        #[serde(rename = "ref")]
        reference: String,
        control: String,
        standard: String,
    },
    /// Evidence cited that the row (or section) does not name.
    Evidence {
        #[serde(rename = "ref")]
        reference: String,
        evidence: String,
    },
    /// A Yes that no Met row of the posture supports.
    YesWithoutMet,
}

impl fmt::Display for Contradiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Contradiction::NoSuchRow { page, reference } => {
                write!(f, "the pack cites {reference} on \u{201c}{page}\u{201d}; its posture has no such row")
            }
            Contradiction::Status { reference, stated, actual } => {
                write!(f, "{reference}: the pack says {stated}; its posture says {actual}")
            }
            Contradiction::NoSuchControl { reference, control, standard } => {
                write!(f, "{reference}: {control} is not a control of {standard}")
            }
            Contradiction::Evidence { reference, evidence } => write!(
                f,
                "{reference}: the pack cites \u{201c}{evidence}\u{201d} as evidence; its posture does not name it there"
            ),
            Contradiction::YesWithoutMet => {
                f.write_str("the pack answers Yes, but no row it cites is Met in its posture")
            }
        }
    }
}

/// A file that is not a usable pack.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PackError {
    #[error("{file}: not a trustdraft answer pack ({reason})")]
    Unreadable { file: String, reason: String },
    #[error("{file}: the answer pack is from a newer trustdraft ({app}, pack format {found}; this one reads up to {PACK_FORMAT_VERSION}); open it with trustdraft {app} or later")]
    TooNew { file: String, found: u32, app: String },
    #[error("{file}: the answer pack holds no posture pages")]
    NoPosture { file: String },
    #[error("{file}: the answer pack is {mb:.1} MB, over the limit of {limit} MB for an answer pack")]
    TooLarge { file: String, mb: f64, limit: usize },
}

/// Does this file look like an answer pack (see [`crate::identify::identify`])?
#[cfg(feature = "files")]
pub fn is_pack(bytes: &[u8]) -> bool {
    crate::identify::identify("", bytes) == crate::identify::FileKind::AnswerPack
}

#[cfg(feature = "files")]
impl AnswerPack {
    /// The pack of `work`'s approved answers with the posture they rest on.
    pub fn from_work(work: &Work, posture: Vec<PostureFile>, vendor: &str, created: &str) -> AnswerPack {
        let answers = (0..work.drafts.len())
            .filter(|&i| work.reviews.get(i).is_some_and(|r| r.approved))
            .map(|i| {
                let f = work.final_answer(i);
                let q = &work.questionnaire.questions[i];
                PackAnswer {
                    sheet: q.sheet.clone(),
                    id: q.id.clone(),
                    question: q.text.clone(),
                    domain: q.domain.clone(),
                    answer: f.answer,
                    choice: f.choice,
                    text: f.text,
                    citations: f.citations,
                    controls: work.drafts[i].controls.clone(),
                }
            })
            .collect();
        AnswerPack {
            format: PACK_FORMAT.to_string(),
            version: PACK_FORMAT_VERSION,
            app_version: APP_VERSION.to_string(),
            created: created.to_string(),
            vendor: vendor.to_string(),
            questionnaire: work.file_name.clone(),
            posture_sha256: Some(fingerprint(&posture)),
            posture,
            answers,
            notes: Vec::new(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a pack of this or an older format version; `file` names it in errors. Pages and
    /// answers over the limits are left out, each said in [`AnswerPack::notes`].
    pub fn from_json(file: &str, bytes: &[u8]) -> Result<AnswerPack, PackError> {
        if bytes.len() > limits::MAX_PACK_BYTES {
            return Err(PackError::TooLarge {
                file: file.to_string(),
                mb: bytes.len() as f64 / 1e6,
                limit: limits::MAX_PACK_BYTES / (1024 * 1024),
            });
        }
        let unreadable = |reason: String| PackError::Unreadable { file: file.to_string(), reason };
        let text = std::str::from_utf8(bytes).map_err(|_| unreadable("the file is not UTF-8 text".into()))?;
        let value: serde_json::Value =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| unreadable(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(PACK_FORMAT) {
            return Err(unreadable(format!("no `\"format\": \"{PACK_FORMAT}\"` field")));
        }
        let version =
            value.get("version").and_then(|v| v.as_u64()).ok_or_else(|| unreadable("no format version".into()))? as u32;
        if version > PACK_FORMAT_VERSION {
            let app = value.get("app_version").and_then(|v| v.as_str()).unwrap_or("a newer version").to_string();
            return Err(PackError::TooNew { file: file.to_string(), found: version, app });
        }
        // Version 1 is the first; migrations from older versions go here.
        let mut pack: AnswerPack = serde_json::from_value(value).map_err(|e| unreadable(e.to_string()))?;
        if pack.posture.is_empty() {
            return Err(PackError::NoPosture { file: file.to_string() });
        }
        pack.keep_within_limits(file);
        Ok(pack)
    }

    /// Leaves out pages past [`limits::MAX_PAGES`] or over [`limits::MAX_PAGE_BYTES`] and answers
    /// past [`limits::MAX_QUESTIONS`], saying so in `notes` as for pages a user loads.
    fn keep_within_limits(&mut self, file: &str) {
        let mut kept = Vec::new();
        let mut past_count = Vec::new();
        for page in std::mem::take(&mut self.posture) {
            if page.text.len() > limits::MAX_PAGE_BYTES {
                self.notes.push(format!(
                    "{file}: page {}: not loaded: the page is {:.1} MB, over the limit of {} MB for a posture page",
                    page.name,
                    page.text.len() as f64 / 1e6,
                    limits::MAX_PAGE_BYTES / (1024 * 1024)
                ));
            } else if kept.len() >= limits::MAX_PAGES {
                past_count.push(page.name);
            } else {
                kept.push(page);
            }
        }
        if !past_count.is_empty() {
            let names = match past_count.as_slice() {
                [one] => one.clone(),
                [first, .., last] => format!("{first} … {last}"),
                [] => String::new(),
            };
            self.notes.push(format!(
                "{file}: {} pages not loaded ({names}): at most {} posture pages are loaded at once",
                past_count.len(),
                limits::MAX_PAGES
            ));
        }
        self.posture = kept;
        if self.answers.len() > limits::MAX_QUESTIONS {
            self.notes.push(format!(
                "{file}: only the first {} of {} answers were opened: at most {} answers are read from one pack",
                limits::MAX_QUESTIONS,
                self.answers.len(),
                limits::MAX_QUESTIONS
            ));
            self.answers.truncate(limits::MAX_QUESTIONS);
        }
    }

    /// The pack as work in the workspace: one question per answer, each approved. It has no
    /// original workbook, so it exports as CSV or JSON.
    pub fn to_work(&self, file: &str) -> Work {
        let questions: Vec<Question> = self
            .answers
            .iter()
            .enumerate()
            .map(|(n, a)| Question {
                id: a.id.clone(),
                text: a.question.clone(),
                sheet: a.sheet.clone(),
                row: n as u32,
                section: None,
                domain: a.domain.clone(),
                answer_cell: None,
                comment_cell: None,
                choices: None,
                refs: Vec::new(),
                ..Question::default()
            })
            .collect();
        let questionnaire = Questionnaire {
            file: self.questionnaire.clone(),
            format: Format::Generic,
            sheets: Vec::new(),
            questions,
            notes: Vec::new(),
        };
        let mut work = Work::new(file, Vec::new(), Default::default(), questionnaire);
        work.drafts = self
            .answers
            .iter()
            .map(|a| Draft {
                id: a.id.clone(),
                question: a.question.clone(),
                answer: a.answer,
                confidence: 1.0,
                text: a.text.clone(),
                controls: a.controls.clone(),
                citations: a.citations.clone(),
                choice: a.choice.clone(),
                library: None,
                support: Default::default(),
                // A vendor's published answer: what they assert.
                stated_band: Some(crate::answer::Band::High),
            })
            .collect();
        work.reviews = vec![Review { approved: true, ..Review::default() }; work.drafts.len()];
        work.pack = Some(PackInfo {
            vendor: self.vendor.clone(),
            app_version: self.app_version.clone(),
            created: self.created.clone(),
            version: self.version,
            posture_sha256: self.posture_sha256.clone(),
            notes: self.notes.clone(),
            check: None,
        });
        work
    }

    /// Checks every answer against the pack's own posture (parsed from [`AnswerPack::pages`]).
    pub fn check(&self, posture: &Posture, catalog: &Catalog) -> PackCheck {
        let contradictions = self
            .answers
            .iter()
            .map(|a| contradictions(a.answer, &a.citations, &a.controls, posture, catalog))
            .collect();
        PackCheck::new(contradictions, &self.posture, self.posture_sha256.as_deref(), &self.notes, posture)
    }

    /// The posture pages as `(name, text)` pairs, for [`crate::Posture::from_pages`].
    pub fn pages(&self) -> impl Iterator<Item = (&str, &str)> {
        self.posture.iter().map(|p| (p.name.as_str(), p.text.as_str()))
    }
}

/// Checks work opened from a pack (see [`AnswerPack::to_work`]; one draft per answer) against
/// the pack's posture — its `pages`, and `posture` parsed from them — and keeps the result in
/// the work's [`PackInfo`]. Work that is not from a pack is left as it is.
#[cfg(feature = "files")]
pub fn check_work(work: &mut Work, pages: &[PostureFile], posture: &Posture, catalog: &Catalog) {
    let contradictions =
        work.drafts.iter().map(|d| contradictions(d.answer, &d.citations, &d.controls, posture, catalog)).collect();
    if let Some(info) = work.pack.as_mut() {
        info.check = Some(PackCheck::new(contradictions, pages, info.posture_sha256.as_deref(), &info.notes, posture));
    }
}

#[cfg(feature = "files")]
impl PackCheck {
    fn new(
        contradictions: Vec<Vec<Contradiction>>,
        pages: &[PostureFile],
        stated: Option<&str>,
        notes: &[String],
        posture: &Posture,
    ) -> PackCheck {
        let fingerprint = fingerprint(pages);
        let mut notes = notes.to_vec();
        notes.extend(posture.diagnostics.iter().map(|d| d.to_string()));
        PackCheck {
            named_by_pages: vendor_of(posture),
            stated_fingerprint: stated.filter(|s| *s != fingerprint).map(str::to_string),
            fingerprint,
            contradictions,
            notes,
        }
    }
}

/// The SHA-256 of posture pages, as `sha256:` and 64 hex digits: each page's name and text,
/// each preceded by its length in bytes, in order. Equal for equal pages, whatever the pack
/// around them says.
#[cfg(feature = "files")]
pub fn fingerprint(pages: &[PostureFile]) -> String {
    let mut hash = Sha256::new();
    for page in pages {
        for part in [&page.name, &page.text] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part.as_bytes());
        }
    }
    let digest = hash.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Who a posture's pages say they are: the part of each page title before ` — `
/// (`Northwind Analytics — ISO/IEC 27001:2022` → `Northwind Analytics`), distinct, joined by
/// ` and `; `the vendor` when no page names anyone.
pub fn vendor_of(posture: &Posture) -> String {
    let mut names: Vec<&str> = Vec::new();
    for page in &posture.pages {
        let name = page.title.split(" — ").next().unwrap_or(&page.title).trim();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        "the vendor".to_string()
    } else {
        names.join(" and ")
    }
}

/// What an answer's citations and controls state that `posture` (the pack's own) does not: each
/// cited row must exist on the page named, with the status cited and the evidence cited; page
/// prose must exist under the heading cited; every ref and control must be in the catalog; and
/// a Yes must rest on a row that is Met.
#[cfg(feature = "files")]
pub fn contradictions(
    answer: Answer,
    citations: &[Citation],
    controls: &[ControlId],
    posture: &Posture,
    catalog: &Catalog,
) -> Vec<Contradiction> {
    let mut rows: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, r) in posture.rows.iter().enumerate() {
        rows.entry((r.page.as_str(), r.reference.as_str())).or_default().push(i);
    }
    let mut found = Vec::new();
    let mut met = false;
    let push = |c: Contradiction, found: &mut Vec<Contradiction>| {
        if !found.contains(&c) {
            found.push(c);
        }
    };
    for c in citations {
        let page = posture.pages.iter().find(|p| p.title == c.page);
        if let RefExpansion::Controls(ids) = catalog::expand_ref(&c.reference, page.and_then(|p| p.standard)) {
            for id in ids.iter().filter(|id| !catalog.contains(id)) {
                let control = id.id.clone();
                let standard = id.standard.name().to_string();
                push(Contradiction::NoSuchControl { reference: c.reference.clone(), control, standard }, &mut found);
            }
        }
        let cited_rows = rows.get(&(c.page.as_str(), c.reference.as_str()));
        let named: Vec<String> = match (cited_rows, &c.status) {
            (Some(indexes), status) => {
                let statuses: Vec<&Status> = indexes.iter().map(|&i| &posture.rows[i].status).collect();
                met |= statuses.contains(&&Status::Met);
                if let Some(stated) = status {
                    if !statuses.contains(&stated) {
                        let actual = statuses[0].label().to_string();
                        let stated = stated.label().to_string();
                        push(Contradiction::Status { reference: c.reference.clone(), stated, actual }, &mut found);
                    }
                }
                indexes.iter().flat_map(|&i| posture.rows[i].evidence.iter().map(|e| e.to_string())).collect()
            }
            (None, None) => {
                // Page prose: the page's status line, or the passages under the heading cited.
                let status_line = c.reference == "Status" && page.is_some_and(|p| p.status_line.is_some());
                let passages: Vec<_> =
                    posture.passages.iter().filter(|p| p.page == c.page && p.section == c.reference).collect();
                if !status_line && passages.is_empty() {
                    push(Contradiction::NoSuchRow { page: c.page.clone(), reference: c.reference.clone() }, &mut found);
                    continue;
                }
                passages.iter().flat_map(|p| p.evidence.iter().map(|e| e.to_string())).collect()
            }
            (None, Some(_)) => {
                push(Contradiction::NoSuchRow { page: c.page.clone(), reference: c.reference.clone() }, &mut found);
                continue;
            }
        };
        for e in c.evidence.iter().filter(|e| !named.contains(e)) {
            push(Contradiction::Evidence { reference: c.reference.clone(), evidence: e.clone() }, &mut found);
        }
    }
    for id in controls.iter().filter(|id| !catalog.contains(id)) {
        let said = found.iter().any(|c| matches!(c, Contradiction::NoSuchControl { control, .. } if *control == id.id));
        if said {
            continue;
        }
        let contradiction = Contradiction::NoSuchControl {
            reference: id.to_string(),
            control: id.id.clone(),
            standard: id.standard.name().to_string(),
        };
        push(contradiction, &mut found);
    }
    if answer == Answer::Yes && !met {
        push(Contradiction::YesWithoutMet, &mut found);
    }
    found
}
