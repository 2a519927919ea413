//! Values a question asks of a thing against the values the cited rows give it: a number after
//! the same word ("TLS 1.0" against "TLS 1.2+"), a time bound every stated time exceeds ("RTO
//! under 10 minutes" against "RTO ≤ 30 minutes"), a frequency asked of rows that state none ("how
//! often …"). Each leaves a `yes` or `partial` for review, the rows kept beside it with the value
//! they say.

use super::{question, rows_cited, Context};
use crate::model::{Answer, Draft};

/// A draft the cited rows do not answer, kept with its rows for the reviewer.
fn leave_for_review(d: &mut Draft, note: String) {
    d.answer = Answer::NeedsReview;
    d.confidence = 0.0;
    d.text.clear();
    d.support.notes.push(note);
}

/// "How often is the incident response plan tested?" asks for a frequency: rows that state none
/// ("tested in DR scenario 7") do not answer it with `yes`; they stay for the reviewer.
pub(super) fn how_often(cx: &Context, text: &str, d: &mut Draft) {
    if !matches!(d.answer, Answer::Yes | Answer::Partial) {
        return;
    }
    let lower = text.to_lowercase();
    if !["how often", "how frequently", "what frequency", "how regularly"].iter().any(|w| lower.contains(w)) {
        return;
    }
    let stated = d
        .citations
        .iter()
        .flat_map(|c| rows_cited(cx, c))
        .any(|r| cx.prepared.clauses[r].iter().any(|c| c.frequency.is_some()));
    if !stated {
        leave_for_review(d, "asks how often: the cited rows state no frequency".to_string());
    }
}

/// A number the question asks of a thing ("TLS 1.0", "RSA-2048") that the cited rows give
/// another value of ("TLS 1.2+", "RSA-OAEP-8192") is not answered `yes` or `partial` by them: the
/// row is kept for the reviewer, with the value it says, and the draft needs review.
pub(super) fn other_value(cx: &Context, q: &question::Question, text: &str, d: &mut Draft) {
    if !matches!(d.answer, Answer::Yes | Answer::Partial) || q.numbers.is_empty() {
        return;
    }
    const NOT_ANCHORS: &[&str] = &[
        "than", "least", "most", "within", "under", "over", "at", "to", "of", "the", "for", "every", "in", "after",
        "before", "and", "or", "a", "an", "is", "are", "by", "with", "only", "minimum", "maximum",
    ];
    let is_number =
        |t: &str| t.starts_with(|c: char| c.is_ascii_digit()) && t.chars().all(|c| c.is_ascii_digit() || c == '.');
    let asked = value_tokens(text);
    let rows: Vec<usize> = d.citations.iter().flat_map(|c| rows_cited(cx, c)).collect();
    let said: Vec<Vec<String>> = rows
        .iter()
        .map(|&r| value_tokens(&format!("{} {}", cx.posture.rows[r].requirement, cx.posture.rows[r].text)))
        .collect();
    for n in &q.numbers {
        if said.iter().any(|toks| toks.contains(n)) {
            continue;
        }
        let Some(at) = asked.iter().position(|t| t == n) else { continue };
        let Some(anchor) = at.checked_sub(1).map(|i| &asked[i]) else { continue };
        if anchor.len() < 2 || is_number(anchor) || NOT_ANCHORS.contains(&anchor.as_str()) {
            continue;
        }
        let other = said.iter().find_map(|toks| {
            toks.iter()
                .enumerate()
                .filter(|(_, t)| *t == anchor)
                .find_map(|(k, _)| toks[k + 1..].iter().take(2).find(|t| is_number(t)).filter(|m| *m != n))
        });
        // "TLS 1.2+" says 1.2 and later: a later version asked is left as drafted.
        let plus =
            |m: &str| rows.iter().any(|&r| cx.posture.rows[r].text.to_lowercase().contains(&format!("{anchor} {m}+")));
        if let Some(m) = other.filter(|m| !(plus(m) && version(n) > version(m))) {
            let plus = if plus(m) { "+" } else { "" };
            leave_for_review(d, format!("“{anchor} {n}” is not stated: the cited row says {anchor} {m}{plus}"));
            return;
        }
    }
}

/// A time the question bounds ("RTO under 10 minutes", "notified within 1 hour") that every value
/// the cited rows give the same thing exceeds ("RTO ≤ 30 minutes") is not met by them: like
/// [`other_value`], the draft needs review with the row and the value it says.
pub(super) fn longer_than_asked(cx: &Context, text: &str, d: &mut Draft) {
    use crate::pattern::Regex;
    use std::sync::OnceLock;
    static BOUND: OnceLock<Regex> = OnceLock::new();
    static VALUE: OnceLock<Regex> = OnceLock::new();
    const UNIT: &str = r"(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|months?|years?)\b";
    if !matches!(d.answer, Answer::Yes | Answer::Partial) || !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let bound = BOUND.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)\b(?:within|under|less than|no more than|at most|below|<|≤)\s*(\d+(?:\.\d+)?)\s*{UNIT}"
        ))
        .expect("bound pattern")
    });
    let value = VALUE.get_or_init(|| {
        Regex::new(&format!(r"(?i)\b([a-z][a-z0-9-]*)\s*(?:≤|<=|<|=|:|within|under|of)?\s*(\d+(?:\.\d+)?)\s*{UNIT}"))
            .expect("value pattern")
    });
    let seconds = |n: &str, unit: &str| -> Option<f64> {
        let n: f64 = n.parse().ok()?;
        let unit = unit.to_lowercase();
        let per = match unit.as_str() {
            u if u.starts_with("mo") => 2_629_800.0,
            u if u.starts_with('s') => 1.0,
            u if u.starts_with('m') => 60.0,
            u if u.starts_with('h') => 3_600.0,
            u if u.starts_with('d') => 86_400.0,
            u if u.starts_with('w') => 604_800.0,
            _ => 31_557_600.0,
        };
        Some(n * per)
    };
    let Some(asked) = bound.captures(text) else { return };
    let Some(limit) = seconds(&asked[1], &asked[2]) else { return };
    let words: Vec<String> =
        text.to_lowercase().split(|c: char| !c.is_alphanumeric() && c != '-').map(str::to_string).collect();
    let rows: Vec<usize> = d.citations.iter().flat_map(|c| rows_cited(cx, c)).collect();
    let given: Vec<(String, f64)> = rows
        .iter()
        .flat_map(|&r| value.captures_iter(&cx.posture.rows[r].text).collect::<Vec<_>>())
        .filter(|c| c[1].len() >= 2 && words.contains(&c[1].to_lowercase()))
        .filter_map(|c| Some((c[0].trim().to_string(), seconds(&c[2], &c[3])?)))
        .collect();
    if given.is_empty() || given.iter().any(|(_, s)| *s <= limit) {
        return;
    }
    let mut said: Vec<&str> = given.iter().map(|(t, _)| t.as_str()).collect();
    said.dedup();
    leave_for_review(d, format!("“{}” is not stated: the cited rows say {}", asked[0].trim(), said.join("; ")));
}

/// A dotted number as its parts, for ordering versions: "1.10" after "1.2".
fn version(n: &str) -> Vec<u64> {
    n.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

/// Lower-case words and numbers ("1.2", "8192") of a text, for reading which value a row gives
/// a thing: "TLS 1.2+" is `tls`, `1.2`; "RSA-OAEP-8192" is `rsa`, `oaep`, `8192`.
fn value_tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}
