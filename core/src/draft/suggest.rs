//! Step 7: a suggestion where the rules abstain. The rules of [`super::verdict`] assert only
//! what the rows state word for word; a question asked in other words is left for review even
//! when the engine's own ranking has the right row first. Here the best row that states every
//! security word of a part — missing only everyday words — is read as that part's row, the
//! verdict is taken on it, and the draft goes to the reviewer as a *suggestion*: band low,
//! the unstated words listed, never an assertion.
//!
//! When no row comes that close, two signals that read the question through different
//! resources may still agree: the search ranks a row first and the control mapping maps the
//! question onto that row's control. The row then stands for the parts no row states when it
//! also states more than half the question, speaks of a security word it shares with it, states
//! a word of it other than a participle, and says something of every part it stands for — a
//! suggestion weaker than a relaxed row (a security word it does not state may be what the
//! question turns on), so its confidence is lower still. Failing that, the row that touches the
//! question most is cited with no answer, so the reviewer starts from it; when no row touches
//! it, the best-ranked row that speaks of one of its security words is (a place to start).
//! When that row is itself only partly in place and its gap speaks of what the question asks,
//! its `partial` is suggested, at the lowest confidence of all (never `yes`).
//!
//! Before that agreement, one more reading: a row's gap may name the very thing the question
//! asks about ("managed DLP not deployed" for "has a managed DLP solution been deployed to
//! detect exfiltration?"). A thing missing is missing with any further qualifier too, so the
//! row's `no` or `partial` stands, as a suggestion.
//!
//! What may never be relaxed: a security word no cited row states (a "tenant" is not a "user"),
//! the question's polarity (a bad practice is never answered `yes`), its demands (a frequency
//! or scope no row states stays unstated), and a question of quantity ("how many") answered by a
//! row that states no number.

use super::candidates::Ranking;
use super::question::{Question, Role, Term};
use super::support::{holds, holds_plainly, speaks_of, PartSupport};
use super::verdict::verdict;
use super::Context;
use crate::model::{Answer, Draft};

/// The most a suggestion's confidence may be: below every assertion.
pub(crate) const SUGGESTION_CONFIDENCE: f32 = 0.45;
/// The share of a part's weight a relaxed row must state.
const SHARE: f32 = 0.5;
/// How many of the best-ranked rows are tried for a part.
const TRIED: usize = 8;
/// The most a suggestion from the row search and mapping agree on may be: below a relaxed row.
const AGREED_CONFIDENCE: f32 = 0.35;
/// How strongly the question must map onto the agreed row's control (see `Rank::mapped`).
const AGREED_MAPPED: f32 = 0.5;
/// The share of the question's subject weight the agreed row must state.
const AGREED_SHARE: f32 = 0.5;
/// The most a `partial` from the row to start from may be: below the agreed row.
const PARTLY_CONFIDENCE: f32 = 0.3;
/// What an everyday word the posture never uses counts for in a suggestion's share, as a part
/// of an unknown security word's weight (see `weighed`).
const UNKNOWN_SHARE: f32 = 0.3;

/// What a question asks for, as far as a row could state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// Whether a practice holds, or which value or means: a row that comes close may say.
    Practice,
    /// How many, how much: only a row that states a number answers it.
    Quantity,
}

impl Form {
    pub fn of(text: &str) -> Form {
        let lower = text.to_lowercase();
        if ["how many", "how much", "what number", "what percentage", "what proportion"]
            .iter()
            .any(|w| lower.contains(w))
        {
            Form::Quantity
        } else {
            Form::Practice
        }
    }
}

/// How far row `row` is from stating `part` of `q`: `Some(0)` when it states every subject
/// word, `Some(1)` when only everyday words the posture uses elsewhere are missing; `None` when
/// it may not stand for the part at all (a security word or a word the posture never uses is
/// missing, it states half the part or less, it does not speak of the part's security words
/// as its subject, or a question of quantity meets a row with no number).
pub(crate) fn relaxation(cx: &Context, q: &Question, form: Form, part: usize, row: usize) -> Option<u8> {
    let terms: Vec<&Term> = q.subject(part).collect();
    let total: f32 = terms.iter().map(|t| weighed(cx, t)).sum();
    if terms.is_empty() || total <= 0.0 {
        return None;
    }
    let (held, missing): (Vec<&&Term>, Vec<&&Term>) = terms.iter().partition(|t| holds(cx, t, row));
    // A security word the row does not state may be left out only when the row states a word
    // the vocabulary relates to it ("row-level" for "tenant"), other than the words of the
    // question it states already ("isolated" of "tenants isolated" says nothing of tenants).
    let hinted = |t: &Term| {
        let m = &cx.prepared.meanings[row];
        let of_held = |p: &Vec<String>| {
            held.iter().any(|h| h.stems == *p || h.stand_ins.contains(p) || p.iter().any(|s| h.stems.contains(s)))
        };
        cx.prepared.related(&t.stems).iter().any(|p| m.holds(p) && !of_held(p))
    };
    if missing.iter().any(|t| t.domain && !hinted(t)) {
        return None;
    }
    let by_hint = missing.iter().any(|t| t.domain);
    let held_weight: f32 = held.iter().map(|t| weighed(cx, t)).sum::<f32>()
        + missing.iter().filter(|t| t.domain).map(|t| 0.5 * weighed(cx, t)).sum::<f32>();
    if held_weight <= SHARE * total {
        return None;
    }
    let has_domain = terms.iter().any(|t| t.domain);
    if has_domain
        && !(held.iter().any(|t| t.domain && holds_plainly(cx, t, row))
            && held.iter().any(|t| t.domain && speaks_of(cx, t, row)))
    {
        return None;
    }
    let trade = has_domain
        || held.len() >= 2
        || held.iter().any(|t| t.stems.len() > 1 || cx.prepared.vocabulary.contains(&t.stems[0]));
    if !trade {
        return None;
    }
    if form == Form::Quantity && !cx.posture.rows[row].text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(if missing.is_empty() {
        0
    } else if by_hint {
        3
    } else if missing.iter().all(|t| t.known) {
        1
    } else {
        2
    })
}

/// The draft for a question the rules left for review: a low-band suggestion from the closest
/// rows, or the touching row cited with no answer, or `abstained` as it was.
pub(crate) fn suggest(
    cx: &Context,
    q: &Question,
    text: &str,
    parts: &[PartSupport],
    ranking: &Ranking,
    abstained: Draft,
) -> Draft {
    let form = Form::of(text);
    // The rows search and mapping found, best first: ranked once for every step below.
    let ranked = ranked_rows(cx, q, ranking);
    let suggestion = |relaxed: Vec<PartSupport>, most: f32, why: &str| {
        let mut d = verdict(cx, q, &relaxed, ranking);
        (d.answer != Answer::NeedsReview && !d.citations.is_empty()).then(|| {
            // Below every assertion: the band follows (see `Band::of_draft`).
            d.confidence = d.confidence.min(most);
            d.support.notes.push(format!("a suggestion: {why}"));
            d
        })
    };
    let relaxed = relaxed_parts(cx, q, form, parts, &ranked)
        .and_then(|r| suggestion(r, SUGGESTION_CONFIDENCE, "the cited rows do not state every word of the question"));
    if let Some(d) = relaxed {
        return d;
    }
    // The gap's row answers only as the gap does: `no` or `partial`, never `yes`.
    let gap = gap_named(cx, q, text, form, parts, &ranked)
        .and_then(|r| {
            suggestion(
                r,
                SUGGESTION_CONFIDENCE,
                "the cited row says what the question asks about is missing or not in full",
            )
        })
        .filter(|d| matches!(d.answer, Answer::No | Answer::Partial));
    if let Some(d) = gap {
        return d;
    }
    let agreed = agreed_parts(cx, q, form, parts, ranking, &ranked).and_then(|r| {
        suggestion(
            r,
            AGREED_CONFIDENCE,
            "search and the control mapping agree on the cited row, which does not state every word of the question",
        )
    });
    if let Some(d) = agreed {
        return d;
    }
    let start = touching(cx, q, &ranked).or_else(|| nearest(cx, q, &ranked));
    // The row to start from, only partly in place, whose gap speaks of what is asked: `partial`.
    let partly = start
        .filter(|&row| gap_touched(cx, q, form, row))
        .and_then(|row| {
            suggestion(
                standing_for_empty(parts, row),
                PARTLY_CONFIDENCE,
                "the closest row is only partly in place, and what it lacks is of what the question asks",
            )
        })
        .filter(|d| d.answer == Answer::Partial);
    if let Some(d) = partly {
        return d;
    }
    match start {
        Some(row) if abstained.citations.is_empty() => {
            let mut d = abstained;
            d.citations = vec![super::cite_row(cx, row)];
            d.support.notes.push("the closest row, for the reviewer: it does not answer the question".to_string());
            d
        }
        _ => abstained,
    }
}

/// Each part's rows, a part no row states taking the best-ranked row that comes close to it;
/// `None` when a part has no such row, or when no part needed relaxing.
fn relaxed_parts(
    cx: &Context,
    q: &Question,
    form: Form,
    parts: &[PartSupport],
    ranked: &[usize],
) -> Option<Vec<PartSupport>> {
    if parts.is_empty() || parts.iter().all(|p| !p.rows.is_empty()) {
        return None;
    }
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        if !p.rows.is_empty() {
            out.push(p.clone());
            continue;
        }
        let tried = ranked.iter().copied().take(TRIED).chain(p.closest);
        let best = tried
            .filter_map(|r| relaxation(cx, q, form, p.part, r).map(|level| (level, r)))
            .min_by(|a, b| a.0.cmp(&b.0).then(position(ranked, a.1).cmp(&position(ranked, b.1))))?;
        out.push(PartSupport { part: p.part, rows: vec![best.1], closest: p.closest, absent: false });
    }
    Some(out)
}

/// Each part's rows, the parts no row states taking the row search and mapping agree on (the
/// best-ranked row, of a control the question maps onto), when that row states more than
/// [`AGREED_SHARE`] of the question's subject, plainly states and speaks of one of its security
/// words, states a word of it other than a participle, and a word of every part it stands for.
/// `None` otherwise, or when no part needed it.
fn agreed_parts(
    cx: &Context,
    q: &Question,
    form: Form,
    parts: &[PartSupport],
    ranking: &Ranking,
    ranked: &[usize],
) -> Option<Vec<PartSupport>> {
    let empty: Vec<&PartSupport> = parts.iter().filter(|p| p.rows.is_empty()).collect();
    if empty.is_empty() {
        return None;
    }
    let row = *ranked.first()?;
    if ranking.of(row).mapped < AGREED_MAPPED {
        return None;
    }
    if form == Form::Quantity && !cx.posture.rows[row].text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let subject: Vec<&Term> = q.terms.iter().filter(|t| t.role == Role::Subject).collect();
    let weight = |terms: &[&Term], held: bool| -> f32 {
        terms.iter().filter(|t| !held || holds(cx, t, row)).map(|t| weighed(cx, t)).sum()
    };
    if weight(&subject, true) < AGREED_SHARE * weight(&subject, false) {
        return None;
    }
    let security: Vec<&&Term> = subject.iter().filter(|t| t.domain && holds(cx, t, row)).collect();
    let any_security = subject.iter().any(|t| t.domain);
    if any_security
        && !(security.iter().any(|t| holds_plainly(cx, t, row)) && security.iter().any(|t| speaks_of(cx, t, row)))
    {
        return None;
    }
    // Agreement on what is done ("vetted, validated and verified") is no agreement on what it
    // is done to: the row must state a word of the question other than a participle.
    if subject.iter().filter(|t| holds(cx, t, row)).all(|t| is_participle(&t.words)) {
        return None;
    }
    if empty.iter().any(|p| !q.subject(p.part).any(|t| holds(cx, t, row))) {
        return None;
    }
    Some(standing_for_empty(parts, row))
}

/// Words of a gap clause that say only that something is missing ("not yet", "today").
const ABSENCE_WORDS: &[&str] = &["not", "yet", "no", "never", "today", "current", "currently"];

/// Each part's rows, the parts no row states taking a row whose gap says a thing is missing or
/// not in full when the question asks whether that thing, or a narrower one, is in place: every
/// security word of the gap's content ("formal authority-contact register not maintained":
/// authority, contact, register; "managed DLP not deployed") is a word of the question, at least
/// half its content words are (a gap names its thing partly in words of its own: "full BCMS
/// audit not yet a recurring scope" for "is the BCMS audited in full every year?"), and the gap
/// states a subject word of the question. What is not there is not there with the question's
/// further qualifiers either ("a register of contacts with regulators, law enforcement and other
/// relevant authorities"; "a managed DLP solution deployed to detect or block exfiltration"), so
/// the row's verdict stands for the parts no row states. Only a plain yes/no question; the
/// caller keeps the draft only when it is `no` or `partial`.
fn gap_named(
    cx: &Context,
    q: &Question,
    text: &str,
    form: Form,
    parts: &[PartSupport],
    ranked: &[usize],
) -> Option<Vec<PartSupport>> {
    if form != Form::Practice
        || q.polarity != super::question::Polarity::Plain
        || parts.iter().all(|p| !p.rows.is_empty())
        || !ranked.iter().take(TRIED).any(|&r| cx.prepared.clauses[r].iter().any(|c| c.gap))
    {
        return None;
    }
    if !super::question::asks_yes_no(crate::limits::drafted_part(text)) {
        return None;
    }
    let prepared = cx.prepared;
    // The question's words in every role, and what stands in for them: a gap's words are
    // looked for here (generic words are no gap's content, so their absence changes nothing).
    let asked: std::collections::HashSet<&String> =
        q.terms.iter().flat_map(|t| t.stems.iter().chain(t.stand_ins.iter().flatten())).collect();
    let subject: Vec<&Term> = q.terms.iter().filter(|t| t.role == Role::Subject).collect();
    let row = ranked.iter().copied().take(TRIED).find(|&row| {
        prepared.clauses[row].iter().filter(|c| c.gap).any(|c| {
            let content: Vec<&String> = c
                .stems
                .iter()
                .filter(|s| {
                    !prepared.generic.contains(*s)
                        && !prepared.boilerplate.contains(*s)
                        && !prepared.actors.contains(*s)
                        && !ABSENCE_WORDS.contains(&s.as_str())
                })
                .collect();
            let in_question = content.iter().filter(|s| asked.contains(*s)).count();
            !content.is_empty()
                && content.iter().any(|s| prepared.domain.contains(*s))
                && content.iter().filter(|s| prepared.domain.contains(**s)).all(|s| asked.contains(s))
                && 2 * in_question >= content.len()
                && subject.iter().any(|t| {
                    std::iter::once(&t.stems).chain(&t.stand_ins).any(|p| p.iter().all(|s| c.stems.contains(s)))
                })
        })
    })?;
    Some(standing_for_empty(parts, row))
}

/// Whether the row to start from (touching the question, or the best-ranked speaking of one of
/// its security words) may give its `partial` for a plain question of practice: the row is
/// itself only partly in place (Partial or Not met), and a gap clause of it states a subject
/// word of the question ("SSO and SCIM provisioning not yet available" for a question on SSO
/// standards). What the row lacks is then of what is asked, so `yes` is ruled out, and the
/// posture's own account of that thing — partly there — is the best reading for the reviewer.
/// Weaker than [`gap_named`] (the gap need not name all of it): a suggestion at
/// [`PARTLY_CONFIDENCE`], and only ever `partial`.
fn gap_touched(cx: &Context, q: &Question, form: Form, row: usize) -> bool {
    use crate::model::Status;
    if form != Form::Practice || q.polarity != super::question::Polarity::Plain {
        return false;
    }
    if !matches!(cx.posture.rows[row].status, Status::Partial | Status::NotMet) {
        return false;
    }
    cx.prepared.clauses[row].iter().filter(|c| c.gap).any(|c| {
        q.terms
            .iter()
            .filter(|t| t.role == Role::Subject)
            .any(|t| std::iter::once(&t.stems).chain(&t.stand_ins).any(|p| p.iter().all(|s| c.stems.contains(s))))
    })
}

/// `parts` with `row` standing for each part no row states.
fn standing_for_empty(parts: &[PartSupport], row: usize) -> Vec<PartSupport> {
    parts
        .iter()
        .map(|p| match p.rows.is_empty() {
            true => PartSupport { part: p.part, rows: vec![row], closest: p.closest, absent: false },
            false => p.clone(),
        })
        .collect()
}

/// What a term counts for in a suggestion's share of the question. An everyday word the posture
/// never uses counts little for reading ("quickly", "zone"), but when a suggestion leaves it
/// unstated it may be what the question is about ("adversarial training", "safeguards … for
/// malicious activity"): it counts at least [`UNKNOWN_SHARE`] of an unknown security word.
fn weighed(cx: &Context, t: &Term) -> f32 {
    if !t.known && !t.domain {
        t.weight.max(UNKNOWN_SHARE * cx.prepared.unknown_weight())
    } else {
        t.weight
    }
}

/// A single word in "-ed" ("vetted", "verified"): what is done, not what it is done to.
fn is_participle(words: &str) -> bool {
    let w = words.to_ascii_lowercase();
    !w.contains(' ') && w.ends_with("ed") && w.len() > 4
}

/// Where `row` stands in `ranked` (rows not ranked last).
fn position(ranked: &[usize], row: usize) -> usize {
    ranked.iter().position(|&r| r == row).unwrap_or(usize::MAX)
}

/// The rows search and mapping found, best first, by the share of the question they state.
fn ranked_rows(cx: &Context, q: &Question, ranking: &Ranking) -> Vec<usize> {
    let mut rows: Vec<(usize, f32)> =
        ranking.rows.keys().map(|&r| (r, ranking.score(cx, r, super::support::coverage(cx, q, &[r])))).collect();
    rows.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then(a.0.cmp(&b.0)));
    rows.into_iter().map(|(r, _)| r).collect()
}

/// The best-ranked row that touches the question: it states every security word of its
/// subject, misses only everyday words the posture uses, and holds at least half its weight.
fn touching(cx: &Context, q: &Question, ranked: &[usize]) -> Option<usize> {
    let subject: Vec<&Term> = q.terms.iter().filter(|t| t.role == Role::Subject).collect();
    let total: f32 = subject.iter().map(|t| t.weight).sum();
    if subject.is_empty() || total <= 0.0 {
        return None;
    }
    ranked.iter().copied().take(TRIED).find(|&row| {
        let (held, missing): (Vec<&&Term>, Vec<&&Term>) = subject.iter().partition(|t| holds(cx, t, row));
        let held_weight: f32 = held.iter().map(|t| t.weight).sum();
        held.iter().any(|t| t.domain) && missing.iter().all(|t| !t.domain && t.known) && held_weight >= 0.5 * total
    })
}

/// Failing a touching row, the best-ranked row when it plainly states a security word of the
/// question's subject and speaks of it: the row a reviewer would open first ("Are audit logs
/// shipped to a SIEM?" — the logging row), though it may miss the question's other security
/// words. Only cited, never answered from: one row sharing one word is a place to start, not a
/// reading (its verdict taken as the answer was right for fewer than half of such questions).
fn nearest(cx: &Context, q: &Question, ranked: &[usize]) -> Option<usize> {
    let row = *ranked.first()?;
    q.terms
        .iter()
        .any(|t| t.role == Role::Subject && t.domain && holds_plainly(cx, t, row) && speaks_of(cx, t, row))
        .then_some(row)
}

#[cfg(test)]
mod tests {
    use super::Form;
    use crate::engine::Engine;
    use crate::model::{Answer, Band};

    fn engine() -> Engine {
        Engine::embedded_default().unwrap()
    }

    #[test]
    fn a_question_every_word_of_which_a_met_row_states_is_an_assertion() {
        let d = engine().draft_text("Is there a documented incident response procedure with a post-mortem template?");
        assert_eq!(d.answer, Answer::Yes);
        assert_eq!(d.band(), Band::High);
        assert!(d.is_assertion());
        assert!(d.support.missing.is_empty());
    }

    #[test]
    fn a_question_in_other_words_is_a_suggestion_with_its_row_and_the_unstated_words() {
        let d = engine().draft_text("Do employees receive security awareness instruction when they join?");
        assert_ne!(d.answer, Answer::NeedsReview, "{d:?}");
        assert_eq!(d.band(), Band::Low);
        assert!(!d.is_assertion(), "a suggestion is never an assertion");
        assert!(!d.citations.is_empty(), "the row it rests on is cited");
        assert!(d.support.missing.iter().any(|w| w == "instruction"), "{:?}", d.support.missing);
        assert!(d.confidence <= 0.45);
    }

    #[test]
    fn a_row_search_and_mapping_agree_on_is_a_weaker_suggestion_with_the_unstated_words() {
        let d = engine().draft_text(
            "Are found technical vulnerabilities each given an owner, a severity and a deadline for the fix?",
        );
        assert_eq!(d.answer, Answer::Yes, "{d:?}");
        assert_eq!(d.band(), Band::Low);
        assert!(!d.is_assertion());
        assert!(d.confidence <= super::AGREED_CONFIDENCE, "{}", d.confidence);
        assert_eq!(d.citations.iter().map(|c| c.reference.as_str()).collect::<Vec<_>>(), ["A.8.8"]);
        assert!(d.support.missing.iter().any(|w| w == "fix"), "{:?}", d.support.missing);
        assert!(d.support.notes.iter().any(|n| n.contains("agree")), "{:?}", d.support.notes);
    }

    #[test]
    fn with_no_touching_row_the_best_row_speaking_of_a_security_word_is_cited_with_no_answer() {
        // The logging row states "audit logs"; nothing states where they are shipped.
        let d = engine().draft_text("Are audit logs shipped to a SIEM?");
        assert_eq!(d.answer, Answer::NeedsReview, "{d:?}");
        assert!(!d.is_assertion());
        assert_eq!(d.citations.iter().map(|c| c.reference.as_str()).collect::<Vec<_>>(), ["A.8.15"]);
        assert!(d.support.notes.iter().any(|n| n.contains("does not answer")), "{:?}", d.support.notes);
        // A question with no security word a row speaks of cites nothing: not covered.
        let d = engine().draft_text("Do you offer a free trial?");
        assert_eq!(d.answer, Answer::NeedsReview);
        assert!(d.citations.is_empty(), "{d:?}");
    }

    #[test]
    fn a_partly_met_row_whose_gap_speaks_of_what_is_asked_suggests_only_partial() {
        // The BIA row is Partial; its gap ("formal BIA … not yet a controlled document") speaks
        // of the business impact analysis the question asks about, in words of its own.
        let d = engine().draft_text(
            "Is there a controlled business impact analysis setting the longest tolerable outage for each activity?",
        );
        assert_eq!(d.answer, Answer::Partial, "{d:?}");
        assert_eq!(d.band(), Band::Low);
        assert!(d.confidence <= super::PARTLY_CONFIDENCE, "{}", d.confidence);
        assert_eq!(d.citations.iter().map(|c| c.reference.as_str()).collect::<Vec<_>>(), ["Clause 8.2"]);
        assert!(d.support.notes.iter().any(|n| n.contains("only partly in place")), "{:?}", d.support.notes);
        // A Met row to start from gives no `partial` (nor `yes`): the audit-log row is cited only.
        let d = engine().draft_text("Are audit logs shipped to a SIEM?");
        assert_eq!(d.answer, Answer::NeedsReview, "{d:?}");
    }

    #[test]
    fn rows_agreeing_only_on_what_is_done_are_no_agreement() {
        // The screening row says "vetted" and "verified" of people; the question asks it of a
        // model's training data.
        let d = engine().draft_text("Are ML training sets vetted, validated and verified before the model is trained?");
        assert_eq!(d.answer, Answer::NeedsReview, "{d:?}");
    }

    #[test]
    fn the_agreed_row_never_stands_for_a_part_it_says_nothing_of() {
        // The supplier row states "subprocessors" and the mapping agrees on it, but it says
        // nothing of the second part ("the use of AI"): that part is the reviewer's.
        let d = engine().draft_text(
            "Are contracts with subprocessors in place covering the protection of customer data and the use of AI?",
        );
        assert_eq!(d.answer, Answer::NeedsReview, "{d:?}");
    }

    #[test]
    fn a_gap_naming_what_is_asked_answers_a_narrower_question_no_or_partial() {
        // The data-leakage row's gap: "managed DLP not deployed". The question adds what the
        // tool would be for, which no row states; what is not deployed is not deployed for
        // that either.
        let d = engine().draft_text(
            "Is a managed DLP product deployed to stop staff emailing customer spreadsheets to themselves?",
        );
        assert_eq!(d.answer, Answer::No, "{d:?}");
        assert!(!d.is_assertion(), "a suggestion, never an assertion");
        assert!(d.citations.iter().any(|c| c.reference == "A.8.12"), "{:?}", d.citations);
        assert!(d.support.notes.iter().any(|n| n.contains("missing or not in full")), "{:?}", d.support.notes);
        assert!(!d.support.missing.is_empty(), "the words no row states are marked");
        // The authority-contact row's gap ("formal authority-contact register not maintained")
        // for a register of some of those contacts: never yes.
        let d = engine().draft_text(
            "Do you maintain a register of contacts at authorities that staff would phone during a breach?",
        );
        assert!(matches!(d.answer, Answer::No | Answer::Partial), "{d:?}");
        assert!(!d.is_assertion());
        assert!(d.citations.iter().any(|c| c.reference == "A.5.3–5.6"), "{:?}", d.citations);
        // A gap names its thing partly in words of its own ("formal endpoint inventory not yet
        // centralised"): its security words and half its words are the question's.
        let d = engine()
            .draft_text("Is there a centralised, formal inventory of laptops and phones, including staff-owned ones?");
        assert!(matches!(d.answer, Answer::No | Answer::Partial), "{d:?}");
        assert!(!d.is_assertion());
        assert!(d.support.notes.iter().any(|n| n.contains("missing or not in full")), "{:?}", d.support.notes);
    }

    #[test]
    fn a_gap_answers_only_a_yes_no_question_holding_its_security_words() {
        // The gap's security words must be the question's (a question on blocking USB storage
        // is not one on DLP), and only a yes/no question is answered from a gap.
        for q in ["Are USB storage devices blocked on staff laptops?", "Which managed DLP product is deployed?"] {
            let d = engine().draft_text(q);
            assert!(!d.support.notes.iter().any(|n| n.contains("missing or not in full")), "{q}: {d:?}");
            assert_ne!(d.answer, Answer::Yes, "{q}: {d:?}");
        }
    }

    #[test]
    fn words_the_posture_never_uses_count_when_a_suggestion_leaves_them_unstated() {
        // The awareness-training row states "training"; the question is about another kind
        // of training, in three words the posture never uses.
        let d = engine().draft_text("Is adversarial model defense training used?");
        assert_eq!(d.answer, Answer::NeedsReview, "{d:?}");
        // One such word beside the rest stated still leaves a suggestion for the reviewer.
        let d = engine().draft_text("Do employees receive security awareness instruction when they join?");
        assert_ne!(d.answer, Answer::NeedsReview, "{d:?}");
    }

    #[test]
    fn a_bad_practice_is_never_suggested_yes() {
        for q in ["Do you store passwords in plaintext?", "Are customer passwords kept unhashed anywhere?"] {
            let d = engine().draft_text(q);
            assert_ne!(d.answer, Answer::Yes, "{q}: {d:?}");
        }
    }

    #[test]
    fn a_question_of_quantity_is_not_answered_by_a_row_without_a_number() {
        assert_eq!(Form::of("How many staff work in security?"), Form::Quantity);
        assert_eq!(Form::of("Is security staffed?"), Form::Practice);
        let d = engine().draft_text("How many staff work in security?");
        assert_eq!(d.answer, Answer::NeedsReview);
        assert!(!d.is_assertion());
    }

    #[test]
    fn a_question_nothing_touches_stays_not_covered_with_no_text() {
        let d = engine().draft_text("Do you run a cafeteria with vegetarian meals for visitors?");
        assert_eq!(d.answer, Answer::NeedsReview);
        assert!(d.text.is_empty());
        assert!(d.citations.is_empty(), "{:?}", d.citations);
        assert_eq!(d.band(), Band::Low);
    }
}
