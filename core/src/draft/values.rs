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

/// A number an assertion would confirm ("30 DR scenarios", "DR scenario 5", "three or more
/// regions") must be one the cited rows give the same thing: said beside a word the question
/// says beside it. A number they do not (the rows say "22 tested DR scenarios", "DR scenario 22",
/// "three probe regions" and two production regions) leaves the draft a suggestion with a note.
/// Left to the other checks: a standard's or a level's name ("ISO 27001", "SEV-1"), a version a
/// stated minimum covers ("TLS 1.3" for "TLS 1.2+"), and a time under a bound
/// ([`longer_than_asked`]).
pub(super) fn unstated_number(cx: &Context, q: &question::Question, text: &str, d: &mut Draft) {
    const WORDS: &[(&str, &str)] = &[
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("ten", "10"),
        ("eleven", "11"),
        ("twelve", "12"),
    ];
    /// Words whose number is a name: a standard, a severity, a level.
    const NAMES: &[&str] = &[
        "iso", "iec", "soc", "sev", "nist", "pci", "dss", "fips", "sp", "type", "level", "tier", "article", "section",
        "clause", "annex", "cis", "top", "ssae", "isae", "p", "priority", "step", "phase", "v", "version",
    ];
    const SKIP: &[&str] = &[
        "or", "more", "fewer", "less", "than", "at", "least", "most", "up", "to", "over", "the", "a", "in", "of",
        "for", "with", "by", "on", "across", "are", "is", "be", "have", "has", "run", "runs", "every", "each",
    ];
    const UNITS: &[&str] = &[
        "second", "seconds", "sec", "secs", "s", "minute", "minutes", "min", "mins", "m", "hour", "hours", "hr", "hrs",
        "h", "day", "days", "d", "week", "weeks", "month", "months", "year", "years",
    ];
    if !matches!(d.answer, Answer::Yes | Answer::Partial) || d.confidence <= super::suggest::SUGGESTION_CONFIDENCE {
        return;
    }
    let digits = |toks: Vec<String>| -> Vec<String> {
        toks.into_iter().map(|t| WORDS.iter().find(|(w, _)| *w == t).map_or(t, |(_, n)| n.to_string())).collect()
    };
    let asked = digits(value_tokens(text));
    let rows: Vec<usize> = d.citations.iter().flat_map(|c| rows_cited(cx, c)).collect();
    let said: Vec<Vec<String>> = rows
        .iter()
        .map(|&r| digits(value_tokens(&format!("{} {}", cx.posture.rows[r].requirement, cx.posture.rows[r].text))))
        .collect();
    // The same word, or one with the same first four letters ("scenario", "scenarios").
    let same_word = |a: &str, b: &str| a == b || a.len() >= 4 && b.len() >= 4 && a.get(..4) == b.get(..4);
    let lower = text.to_lowercase();
    let spoken: Vec<String> = WORDS
        .iter()
        .map(|(_, n)| n.to_string())
        .filter(|n| asked.contains(n) && !question::numbers(&lower).contains(n))
        .collect();
    for n in q.numbers.iter().chain(&spoken) {
        let Some(at) = asked.iter().position(|t| t == n) else { continue };
        let before = asked[..at].iter().rev().find(|t| !SKIP.contains(&t.as_str()));
        let after = asked.get(at + 1..).and_then(|rest| rest.iter().find(|t| !SKIP.contains(&t.as_str())));
        if before.is_some_and(|w| NAMES.contains(&w.as_str())) || after.is_some_and(|w| UNITS.contains(&w.as_str())) {
            continue;
        }
        // Said beside the same word: the row's number is followed (or preceded) by the word the
        // question's is, with nothing between but words the question says too ("22 tested DR
        // scenarios" counts scenarios; "three probe regions" counts probes' regions).
        let beside = |toks: &[String], k: usize, anchor: &str, forward: bool| -> bool {
            let near: Vec<&String> =
                if forward { toks[k + 1..].iter().take(3).collect() } else { toks[..k].iter().rev().take(3).collect() };
            near.iter()
                .position(|t| same_word(anchor, t))
                .is_some_and(|i| near[..i].iter().all(|t| SKIP.contains(&t.as_str()) || asked.contains(t)))
        };
        let stated = said.iter().any(|toks| {
            toks.iter().enumerate().filter(|(_, t)| *t == n).any(|(k, _)| {
                (before.is_none() && after.is_none())
                    || before.is_some_and(|a| beside(toks, k, a, false))
                    || after.is_some_and(|a| beside(toks, k, a, true))
            })
        });
        // "TLS 1.3" against "TLS 1.2+": a later version than a stated minimum is stated.
        let covered = rows.iter().any(|&r| {
            let text = cx.posture.rows[r].text.to_lowercase();
            before.is_some_and(|a| {
                value_tokens(&text)
                    .windows(2)
                    .any(|w| w[0] == **a && text.contains(&format!("{a} {}+", w[1])) && version(n) > version(&w[1]))
            })
        });
        if !stated && !covered {
            d.confidence = super::suggest::SUGGESTION_CONFIDENCE;
            d.support
                .notes
                .push(format!("a suggestion: “{n}” is not stated by the cited rows of what the question counts"));
            return;
        }
    }
}

/// When in a process the question asks a thing to happen ("before the start date", "prior to
/// their first access", "upon termination"): the question reads the moment as a detail of the
/// act (see `question::optional_spans`), so a row stating the act is found; but an assertion
/// confirms the moment too, and a cited row must name it — a word of the moment in its own text
/// ("on termination", "production access requires …"). Otherwise the draft is a suggestion
/// (medium: the act is stated), the rows kept for the reviewer: "background checks completed"
/// says nothing of when.
pub(super) fn unstated_moment(cx: &Context, text: &str, d: &mut Draft) {
    /// Words of a moment that name nothing a row could say.
    const EMPTY: &[&str] = &[
        "the",
        "their",
        "they",
        "them",
        "his",
        "her",
        "its",
        "any",
        "each",
        "every",
        "all",
        "being",
        "been",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "given",
        "granted",
        "first",
        "time",
        "this",
        "that",
        "those",
        "these",
        "our",
        "your",
        "you",
        "one",
        "which",
        "who",
        "for",
        "with",
        "from",
        "such",
        "person",
        "individual",
        "user",
        "users",
        "date",
    ];
    let most = super::verdict::PIECED_CONFIDENCE;
    if !matches!(d.answer, Answer::Yes | Answer::Partial) || d.confidence <= most {
        return;
    }
    let lower = text.to_lowercase();
    let asked = lower.split('?').next().unwrap_or(&lower);
    let mut said: Option<Vec<Vec<String>>> = None;
    for marker in question::TIMING {
        for at in super::prepare::word_at(asked, marker) {
            let rest = &asked[at + marker.len()..];
            let end =
                [",", ";", ".", " and ", " or ", "("].iter().filter_map(|s| rest.find(s)).min().unwrap_or(rest.len());
            let moment = rest[..end].trim();
            let words: Vec<String> = value_tokens(moment)
                .into_iter()
                .filter(|w| {
                    w.chars().count() >= 3 && w.chars().all(char::is_alphabetic) && !EMPTY.contains(&w.as_str())
                })
                .collect();
            if words.is_empty() {
                continue;
            }
            let said = said.get_or_insert_with(|| cited_tokens(cx, d));
            let named = said.iter().any(|toks| words.iter().any(|w| toks.iter().any(|t| same_word(w, t))));
            if !named {
                d.confidence = most;
                d.support.notes.push(format!(
                    "a suggestion: when it happens (“{marker} {moment}”) is not stated by the cited rows"
                ));
                return;
            }
        }
    }
}

/// The same word, or one of the same first five letters ("terminated", "termination").
fn same_word(a: &str, b: &str) -> bool {
    a == b || {
        let (x, y): (Vec<char>, Vec<char>) = (a.chars().take(5).collect(), b.chars().take(5).collect());
        x.len() == 5 && x == y
    }
}

/// Each cited row's value tokens (requirement and text).
fn cited_tokens(cx: &Context, d: &Draft) -> Vec<Vec<String>> {
    d.citations
        .iter()
        .flat_map(|c| rows_cited(cx, c))
        .map(|r| value_tokens(&format!("{} {}", cx.posture.rows[r].requirement, cx.posture.rows[r].text)))
        .collect()
}

/// Who the question says does a thing ("approved by the Security Officer") against who the
/// cited rows say does it ("approved by leadership, with the Security Officer named as
/// accountable owner"): when a cited row names another doer of the same act and none names the
/// question's, the row does not confirm it, and the draft is a suggestion with both named. A
/// row that names no doer is left to the other rules. The doer's distinctive words count
/// ("Chief Information Security Officer" is not "Chief Executive Officer").
pub(super) fn other_doer(cx: &Context, text: &str, d: &mut Draft) {
    /// Words of a title that do not tell one doer from another.
    const TITLE: &[&str] = &["chief", "officer", "officers", "team", "head", "senior", "lead", "group", "department"];
    if !matches!(d.answer, Answer::Yes | Answer::Partial) || d.confidence <= super::suggest::SUGGESTION_CONFIDENCE {
        return;
    }
    let asked = doers(text.split('?').next().unwrap_or(text));
    if asked.is_empty() {
        return;
    }
    let rows: Vec<Vec<(String, Vec<String>)>> =
        d.citations.iter().flat_map(|c| rows_cited(cx, c)).map(|r| doers(&cx.posture.rows[r].text)).collect();
    for (act, who) in &asked {
        let distinct: Vec<&String> = who.iter().filter(|w| !TITLE.contains(&w.as_str())).collect();
        let key: Vec<&String> = if distinct.is_empty() { who.iter().collect() } else { distinct };
        let of_act: Vec<&Vec<String>> =
            rows.iter().flatten().filter(|(a, _)| same_word(a, act)).map(|(_, o)| o).collect();
        let named = of_act.iter().any(|other| key.iter().all(|w| other.iter().any(|o| same_word(w, o))));
        if let Some(other) = of_act.first().filter(|_| !named) {
            d.confidence = super::suggest::SUGGESTION_CONFIDENCE;
            d.support.notes.push(format!(
                "a suggestion: the cited row says {act} by {}, not by {}",
                other.join(" "),
                who.join(" ")
            ));
            return;
        }
    }
}

/// Each "… -ed by <doer>" of `text`: the act and the doer's words (up to four, without
/// articles and possessives, ending at a joining word or a comma). "By default", "by design"
/// name no doer.
fn doers(text: &str) -> Vec<(String, Vec<String>)> {
    text.split([',', ';', ':', '(', ')']).flat_map(|segment| doers_in(&value_tokens(segment))).collect()
}

/// [`doers`] of one segment's tokens.
fn doers_in(tokens: &[String]) -> Vec<(String, Vec<String>)> {
    const SKIP: &[&str] = &["the", "a", "an", "our", "your", "its", "their", "his", "her"];
    const END: &[&str] = &[
        "and", "or", "with", "at", "in", "for", "on", "every", "each", "before", "after", "within", "annually", "to",
        "as", "is", "are", "was", "were", "who", "which", "that", "of", "per", "by",
    ];
    const NO_DOER: &[&str] = &["default", "design", "policy", "hand", "email", "phone"];
    tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| *t == "by" && *i > 0 && tokens[i - 1].chars().count() > 3 && tokens[i - 1].ends_with("ed"))
        .filter_map(|(i, _)| {
            let who: Vec<String> = tokens[i + 1..]
                .iter()
                .skip_while(|t| SKIP.contains(&t.as_str()))
                .take_while(|t| !END.contains(&t.as_str()))
                .take(4)
                .filter(|t| t.chars().all(char::is_alphabetic))
                .cloned()
                .collect();
            let named = who.first().is_some_and(|w| !NO_DOER.contains(&w.as_str()));
            named.then(|| (tokens[i - 1].clone(), who))
        })
        .collect()
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
