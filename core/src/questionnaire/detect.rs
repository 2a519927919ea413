//! Finding a sheet's header row and what each column is, from header text alone.

use serde::{Deserialize, Serialize};

use super::grid::Grid;

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
    if h.is_empty() || h.len() > 80 {
        return 0;
    }
    let id_ish = has_word(&h, "id")
        || has_word(&h, "num")
        || has_word(&h, "number")
        || has_word(&h, "no")
        || h.contains('#')
        || has_word(&h, "ref")
        || has_word(&h, "qid");
    match role {
        Role::Id => {
            if h.contains("ccm") || h.contains("iso") || h.contains("27001") {
                0
            } else if (h.contains("question") || h.starts_with("ques")) && id_ish {
                10
            } else if matches!(
                h.as_str(),
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
        Role::Question => {
            if (id_ish && (h.contains("question") || h.starts_with("ques"))) || h.contains("questionnaire") {
                0
            } else if matches!(
                h.as_str(),
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
                h.as_str(),
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
        Role::Answer => {
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
        Role::Comment => {
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
            } else if h.contains("evidence")
                || (h.contains("description") && (h.contains("response") || h.contains("csp")))
            {
                7
            } else {
                0
            }
        }
        Role::Refs => {
            if h.contains("ccm control id") || h.contains("iso") || h.contains("27001") || h.contains("22301") {
                8
            } else if h.contains("mapping") || h.contains("framework ref") || h.contains("control ref") {
                6
            } else {
                0
            }
        }
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

/// The columns a header row gives, and its score (0 when it has no question column).
pub fn columns_of_header(cells: &[String]) -> (Columns, u32) {
    let mut used = vec![false; cells.len()];
    let mut columns = Columns::default();
    let mut score = 0u32;
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
    if columns.question.is_none() {
        return (columns, 0);
    }
    (columns, score)
}

/// How far down a header row is looked for.
pub const HEADER_SEARCH_ROWS: u32 = 30;

/// The most header-like row among the first rows, with its columns; `None` when no row has a
/// question column next to at least one other recognised column.
pub fn find_header(grid: &Grid) -> Option<(u32, Columns)> {
    let mut best: Option<(u32, Columns, u32)> = None;
    for row in 0..grid.rows().min(HEADER_SEARCH_ROWS) {
        let cells = &grid.cells[row as usize];
        let non_empty = cells.iter().filter(|c| !c.is_empty()).count();
        if non_empty < 2 && !(non_empty == 1 && cells.iter().any(|c| role_score(c, Role::Question) == 10)) {
            continue;
        }
        let (columns, score) = columns_of_header(cells);
        if score == 0 {
            continue;
        }
        if best.as_ref().is_none_or(|(_, _, s)| score > *s) {
            best = Some((row, columns, score));
        }
    }
    best.map(|(row, columns, _)| (row, columns))
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
    fn prose_is_not_a_header() {
        let (_, score) = columns_of_header(&[
            "Please answer every question in this workbook before the deadline and return it to procurement."
                .to_string(),
            "x".into(),
        ]);
        assert_eq!(score, 0);
    }
}
