//! What cells say about their role: header text → column roles (`Answer`, `Additional
//! Information` …), answer words over mark columns, and the content signals that tell a question
//! from an id, a section title, a footer or an error value.

use serde::{Deserialize, Serialize};

#[cfg(feature = "files")]
use super::grid::Grid;
use crate::model::Answer;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Id,
    Question,
    Answer,
    Comment,
    /// Explicit framework references (ISO refs, CCM control ids).
    Refs,
    Domain,
    /// CAIQ's "SSRM Control Ownership".
    Ownership,
}

impl Role {
    pub const ALL: [Role; 7] =
        [Role::Question, Role::Id, Role::Answer, Role::Comment, Role::Refs, Role::Domain, Role::Ownership];

    pub fn label(self) -> &'static str {
        match self {
            Role::Id => "id",
            Role::Question => "question",
            Role::Answer => "answer",
            Role::Comment => "comment",
            Role::Refs => "references",
            Role::Domain => "domain",
            Role::Ownership => "ownership",
        }
    }
}

/// The columns of a sheet (0-based indexes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Columns {
    pub id: Option<u32>,
    pub question: Option<u32>,
    pub answer: Option<u32>,
    pub comment: Option<u32>,
    pub refs: Vec<u32>,
    pub domain: Option<u32>,
    pub ownership: Option<u32>,
    /// Mark columns: one column per answer value (`Yes` | `No` | `N/A`); the answer is a mark
    /// (`X`) in one of them. Used when there is no answer column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<MarkColumn>,
}

/// A column standing for one answer value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkColumn {
    pub col: u32,
    /// The column's label as the sheet writes it: `Yes`, `Not Applicable`.
    pub label: String,
}

impl Columns {
    pub fn get(&self, role: Role) -> Option<u32> {
        match role {
            Role::Id => self.id,
            Role::Question => self.question,
            Role::Answer => self.answer,
            Role::Comment => self.comment,
            Role::Refs => self.refs.first().copied(),
            Role::Domain => self.domain,
            Role::Ownership => self.ownership,
        }
    }

    pub fn set(&mut self, role: Role, col: Option<u32>) {
        match role {
            Role::Id => self.id = col,
            Role::Question => self.question = col,
            Role::Answer => self.answer = col,
            Role::Comment => self.comment = col,
            Role::Refs => self.refs = col.into_iter().collect(),
            Role::Domain => self.domain = col,
            Role::Ownership => self.ownership = col,
        }
    }
}

fn normalize(header: &str) -> String {
    header
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '#' | '/' | '&') { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn has_word(h: &str, word: &str) -> bool {
    h.split([' ', '/']).any(|w| w == word)
}

/// How strongly a header text suggests each role (0 = not at all).
pub fn role_score(header: &str, role: Role) -> u8 {
    let h = normalize(header);
    // A header is a label: a sentence that mentions an answer is not one.
    if h.is_empty() || h.len() > 80 || h.split(' ').count() > 8 {
        return 0;
    }
    match role {
        Role::Id => id_score(&h),
        Role::Question => question_score(&h),
        Role::Answer => answer_score(&h),
        Role::Comment => comment_score(&h),
        Role::Refs => refs_score(&h),
        Role::Domain => {
            if h.contains("domain") || h == "category" || h == "section" || h == "topic" || h == "area" {
                6
            } else {
                0
            }
        }
        Role::Ownership => {
            if h.contains("ownership") || h == "owner" {
                6
            } else {
                0
            }
        }
    }
}

/// A normalized header that names a number or identifier (`id`, `no`, `#`, `ref`, `qid`).
fn names_an_id(h: &str) -> bool {
    has_word(h, "id")
        || has_word(h, "num")
        || has_word(h, "number")
        || has_word(h, "no")
        || h.contains('#')
        || has_word(h, "ref")
        || has_word(h, "qid")
}

/// [`role_score`] for [`Role::Id`], on a normalized header.
fn id_score(h: &str) -> u8 {
    let id_ish = names_an_id(h);
    if h.contains("ccm") || h.contains("iso") || h.contains("27001") {
        0
    } else if (h.contains("question") || h.starts_with("ques")) && id_ish {
        10
    } else if matches!(
        h,
        "id" | "#"
            | "no"
            | "num"
            | "number"
            | "ref"
            | "ref #"
            | "ref no"
            | "reference"
            | "item"
            | "item #"
            | "item no"
            | "sl no"
            | "s no"
            | "sr no"
            | "q#"
            | "q #"
            | "qid"
            | "key"
    ) {
        8
    } else if id_ish
        && h.split(' ').count() <= 3
        && !h.contains("answer")
        && !h.contains("response")
        && !h.contains("yes")
    {
        5
    } else {
        0
    }
}

/// [`role_score`] for [`Role::Question`], on a normalized header.
fn question_score(h: &str) -> u8 {
    if (names_an_id(h) && (h.contains("question") || h.starts_with("ques"))) || h.contains("questionnaire") {
        0
    } else if matches!(
        h,
        "question"
            | "questions"
            | "question text"
            | "question/request"
            | "security question"
            | "control question"
            | "assessment question"
    ) {
        10
    } else if h.contains("question") {
        8
    } else if matches!(
        h,
        "requirement"
            | "requirements"
            | "request"
            | "control"
            | "control statement"
            | "control requirement"
            | "query"
            | "criteria"
            | "requirement description"
            | "control description"
            | "text"
            | "question/text"
    ) {
        6
    } else if h == "description" || h == "item description" {
        4
    } else {
        0
    }
}

/// [`role_score`] for [`Role::Answer`], on a normalized header.
fn answer_score(h: &str) -> u8 {
    if h.contains("comment") || h.contains("additional") || h.contains("description") || h.contains("explan") {
        0
    } else if h.contains("answer") {
        10
    } else if h.contains("response") || h.contains("yes/no") || h == "y/n" {
        9
    } else if h.contains("compliant") || h == "compliance" || h == "reply" {
        6
    } else if h == "status" {
        3
    } else {
        0
    }
}

/// [`role_score`] for [`Role::Comment`], on a normalized header.
fn comment_score(h: &str) -> u8 {
    if h.contains("comment")
        || h.contains("additional info")
        || h.contains("explanation")
        || h.contains("explain")
        || h.contains("remark")
        || h.contains("justification")
        || h.contains("implementation description")
        || h == "notes"
        || h == "note"
        || h.contains("supporting")
        || h == "details"
    {
        8
    } else if h.contains("evidence") || (h.contains("description") && (h.contains("response") || h.contains("csp"))) {
        7
    } else {
        0
    }
}

/// [`role_score`] for [`Role::Refs`], on a normalized header.
fn refs_score(h: &str) -> u8 {
    if h.contains("ccm control id") || h.contains("iso") || h.contains("27001") || h.contains("22301") {
        8
    } else if h.contains("mapping") || h.contains("framework ref") || h.contains("control ref") {
        6
    } else {
        0
    }
}

/// The answer a mark column's label (or a listed choice) stands for, if the label is one:
/// `Yes`, `No`, `N/A`, `Not Applicable`, `Partial` … (any case) — the dropdown mapping's own
/// inverse, so that a label and a dropdown value mean the same.
pub fn answer_word(text: &str) -> Option<Answer> {
    crate::model::answer_for_choice(text)
}

/// Mark columns in a row: two or more answer words (Yes and No among them) in its cells.
pub fn mark_columns(cells: &[String]) -> Vec<MarkColumn> {
    let marks: Vec<MarkColumn> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| answer_word(c).is_some())
        .map(|(i, c)| MarkColumn { col: i as u32, label: c.trim().to_string() })
        .collect();
    let has = |a: Answer| marks.iter().any(|m| answer_word(&m.label) == Some(a));
    if has(Answer::Yes) && has(Answer::No) {
        marks
    } else {
        Vec::new()
    }
}

/// The columns a header row gives, and its score (0 when it is not a header). A header names a
/// question column next to another role, or an answer column next to another role (real
/// workbooks often leave the question column's header empty). Cells longer than a header
/// (prose) score nothing.
pub fn columns_of_header(cells: &[String]) -> (Columns, u32) {
    let mut used = vec![false; cells.len()];
    let mut columns = Columns::default();
    let mut score = 0u32;
    let mut roles = 0u32;
    // Answer words side by side (`Yes` | `No` | `N/A`) are mark columns, not ids ("No").
    let marks = mark_columns(cells);
    for m in &marks {
        used[m.col as usize] = true;
        score += 3;
    }
    for role in Role::ALL {
        let best = cells
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, c)| (i, role_score(c, role)))
            .filter(|(_, s)| *s >= 3)
            .max_by_key(|(i, s)| (*s, std::cmp::Reverse(*i)));
        if let Some((i, s)) = best {
            used[i] = true;
            score += s as u32;
            roles += 1;
            if role == Role::Refs {
                // Several reference columns may exist (ISO, CCM): take every one.
                columns.refs.push(i as u32);
                for (j, c) in cells.iter().enumerate() {
                    if !used[j] && role_score(c, Role::Refs) >= 6 {
                        used[j] = true;
                        columns.refs.push(j as u32);
                    }
                }
            } else {
                columns.set(role, Some(i as u32));
            }
        }
    }
    columns.marks = marks;
    let question_led = columns.question.is_some() && roles >= 2;
    let answer_led = (columns.answer.is_some_and(|c| role_score(&cells[c as usize], Role::Answer) >= 9)
        || !columns.marks.is_empty())
        && (roles >= 2 || columns.question.is_some());
    let lone_question = columns.question.is_some_and(|c| role_score(&cells[c as usize], Role::Question) == 10);
    if !(question_led || answer_led || lone_question) {
        return (columns, 0);
    }
    (columns, score)
}

/// `A&A-01.1`, `D.1`, `1.2`, `Q4`, `IAM-14.2`, `DOCU-01`: short, no spaces, a digit.
pub fn looks_like_id(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().count() <= 24
        && !t.contains(char::is_whitespace)
        && t.chars().any(|c| c.is_ascii_digit())
        && !is_error_value(t)
}

/// A spreadsheet error shown as a value: `#REF!`, `#N/A`, `#VALUE!` (calamine writes `#Ref`).
pub fn is_error_value(text: &str) -> bool {
    let t = text.trim().to_ascii_uppercase();
    t.starts_with('#')
        && ["#REF", "#N/A", "#NA", "#VALUE", "#DIV", "#NAME", "#NULL", "#NUM", "#GETTINGDATA", "#SPILL", "#CALC"]
            .iter()
            .any(|e| t.starts_with(e))
}

/// A footer row's text: copyright and licence notices, `End of Standard`, `End Table Data`.
pub fn is_footer(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.contains('©')
        || t.starts_with("copyright")
        || t.contains("all rights reserved")
        || t.starts_with("licensed under")
        || t.contains("creative commons")
        || t == "end"
        || (t.starts_with("end ") && t.split_whitespace().count() <= 4)
}

/// Words a question starts with: asking (`Do`, `Is`, `How`) or requesting (`Describe`, `List`).
const QUESTION_STARTS: &[&str] = &[
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "can",
    "could",
    "will",
    "would",
    "shall",
    "should",
    "may",
    "must",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "where",
    "why",
    "how",
    "describe",
    "provide",
    "list",
    "explain",
    "please",
    "indicate",
    "specify",
    "state",
    "identify",
    "confirm",
    "outline",
    "detail",
    "attach",
    "upload",
    "share",
    "summarize",
    "summarise",
    "define",
    "include",
    "enter",
    "name",
];

/// How much a cell reads like a question (0–3): it ends with a question mark (critical-question
/// asterisks allowed), starts like a question or request, or is at least a phrase of text. Ids,
/// numbers, error values, footers and addresses score nothing.
pub fn question_likeness(text: &str) -> u8 {
    let t = text.trim();
    if t.is_empty() || looks_like_id(t) || is_error_value(t) || is_footer(t) || t.starts_with("http") {
        return 0;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 {
        return 0;
    }
    if t.trim_end_matches(['*', ' ', ')', '"', '\'', '\u{201d}']).ends_with('?') {
        return 3;
    }
    let first =
        t.split(|c: char| !c.is_alphanumeric() && c != '\'').find(|w| !w.is_empty()).unwrap_or("").to_lowercase();
    if QUESTION_STARTS.contains(&first.as_str()) && t.split_whitespace().count() >= 3 {
        return 2;
    }
    u8::from(t.split_whitespace().count() >= 3)
}

/// A cell that asks: a question of four words or more ending with `?`, or a request of six or
/// more (`Describe how backups are tested and how often.`).
fn asks(text: &str) -> bool {
    let n = text.split_whitespace().count();
    match question_likeness(text) {
        3 => n >= 4,
        2 => n >= 6,
        _ => false,
    }
}

/// A question row, already answered or not, never a header: a cell that asks beside an id or an
/// answer word. A header holds labels; an answered row's cells can look like labels (`No` like
/// the `No.` of a numbering column, a question mentioning "response" like a `Response` column).
pub fn is_question_row(cells: &[String]) -> bool {
    let Some(q) = cells.iter().position(|c| asks(c)) else { return false };
    cells.iter().enumerate().any(|(i, c)| i != q && (looks_like_id(c) || answer_word(c).is_some()))
}

/// Words that name the form itself: a paragraph that speaks of them explains how to fill the
/// sheet.
const FORM_WORDS: &[&str] = &[
    "questionnaire",
    "questionnaires",
    "workbook",
    "spreadsheet",
    "worksheet",
    "sheet",
    "sheets",
    "tab",
    "tabs",
    "column",
    "columns",
    "dropdown",
    "drop-down",
    "cell",
    "cells",
];

/// Words that tell the reader how to fill the form in.
const FILLING_WORDS: &[&str] = &[
    "answer",
    "answers",
    "answering",
    "complete",
    "completed",
    "completing",
    "fill",
    "filled",
    "populate",
    "populated",
    "select",
    "choose",
    "enter",
    "mark",
    "respond",
    "return",
    "type",
    "skip",
    "instructions",
];

/// An instruction about the form, not a question: text that does not end with a question mark,
/// tells how to fill the form in (answer, complete, select, skip …) and speaks of the form itself
/// (this sheet, the answer column, each section, the questions below).
pub fn is_instruction(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['*', ' ', ')', '"', '\'', '\u{201d}']);
    if t.ends_with('?') {
        return false;
    }
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let has = |set: &[&str]| words.iter().any(|w| set.contains(w));
    let of_the_form = has(FORM_WORDS)
        || (has(&["below", "above", "following", "next", "each", "every"])
            && has(&["question", "questions", "section", "sections"]));
    has(FILLING_WORDS) && of_the_form
}

/// A header row: where it is, the columns it names and how strongly it reads as a header.
#[cfg(feature = "files")]
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub row: u32,
    pub columns: Columns,
    pub score: u32,
}

/// Every header row of a sheet, top to bottom: real workbooks repeat the header over each
/// section, anywhere down the sheet.
#[cfg(feature = "files")]
pub fn header_rows(grid: &Grid) -> Vec<Header> {
    let mut out = Vec::new();
    for row in 0..grid.rows() {
        let cells = &grid.cells[row as usize];
        let non_empty = cells.iter().filter(|c| !c.is_empty()).count();
        if non_empty == 0 || (non_empty == 1 && !cells.iter().any(|c| role_score(c, Role::Question) == 10)) {
            continue;
        }
        if is_question_row(cells) {
            continue;
        }
        let (columns, score) = columns_of_header(cells);
        if score > 0 {
            out.push(Header { row, columns, score });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(headers: &[&str], expected: &[(Role, Option<u32>)]) {
        let cells: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        let (columns, score) = columns_of_header(&cells);
        assert!(score > 0, "{headers:?}");
        for (role, col) in expected {
            assert_eq!(columns.get(*role), *col, "{role:?} in {headers:?}");
        }
    }

    #[test]
    fn caiq_header_is_understood() {
        check(
            &[
                "Question ID",
                "Question",
                "CSP CAIQ Answer",
                "SSRM Control Ownership",
                "CSP Implementation Description (Optional/Recommended)",
                "CSC Responsibilities (Optional/Recommended)",
                "",
                "",
                "CCM Control ID",
                "CCM Control Specification",
                "CCM Control Title",
                "CCM Domain Title",
            ],
            &[
                (Role::Id, Some(0)),
                (Role::Question, Some(1)),
                (Role::Answer, Some(2)),
                (Role::Ownership, Some(3)),
                (Role::Comment, Some(4)),
                (Role::Refs, Some(8)),
                (Role::Domain, Some(11)),
            ],
        );
    }

    #[test]
    fn sig_and_customer_headers_are_understood() {
        check(
            &["Ques Num", "Question/Request", "Response", "Additional Information", "ISO 27001:2022 Ref"],
            &[
                (Role::Id, Some(0)),
                (Role::Question, Some(1)),
                (Role::Answer, Some(2)),
                (Role::Comment, Some(3)),
                (Role::Refs, Some(4)),
            ],
        );
        check(
            &["#", "Requirement", "Vendor Response", "Comments"],
            &[(Role::Id, Some(0)), (Role::Question, Some(1)), (Role::Answer, Some(2)), (Role::Comment, Some(3))],
        );
        check(&["id", "question"], &[(Role::Id, Some(0)), (Role::Question, Some(1)), (Role::Answer, None)]);
        check(
            &["Control", "Yes/No", "Explanation", "Evidence"],
            &[(Role::Question, Some(0)), (Role::Answer, Some(1)), (Role::Comment, Some(2))],
        );
    }

    #[test]
    fn an_answered_row_is_never_a_header() {
        // An answer `No` (an id header's word) beside a question naming "response" (an answer
        // header's word): read alone, the cells score as a header.
        let row: Vec<String> =
            ["IR-04", "Is there a written incident response plan?", "No", ""].iter().map(|s| s.to_string()).collect();
        assert!(columns_of_header(&row).1 > 0, "the cells alone read as labels");
        assert!(is_question_row(&row));
        let header: Vec<String> = ["Ref", "Question", "Response", "Comments"].iter().map(|s| s.to_string()).collect();
        assert!(!is_question_row(&header));
    }

    #[test]
    fn instructions_speak_of_the_form() {
        assert!(is_instruction("Please answer every question on this sheet before the deadline."));
        assert!(is_instruction("Answer these first: they decide which sections below apply to you."));
        assert!(!is_instruction("Is customer data encrypted at rest?"));
        assert!(!is_instruction("Describe how backups are tested and how often."));
        assert!(!is_instruction("Do you list the columns of this sheet?"), "a question stays a question");
        assert!(!is_instruction("Provide the product's data sheet and its column-level encryption settings."));
    }

    #[test]
    fn prose_is_not_a_header() {
        let (_, score) = columns_of_header(&[
            "Please answer every question in this workbook before the deadline and return it to procurement."
                .to_string(),
            "x".into(),
        ]);
        assert_eq!(score, 0);
    }
}
