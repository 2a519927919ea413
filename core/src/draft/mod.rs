//! Drafting: for a question, the answer (`yes`, `no`, `partial`, `not-applicable`,
//! `needs-review`), a confidence, a short text in the posture's own words, the citations, the
//! ISO controls it maps to, and the support that explains it. The steps, one file each:
//!
//! 1. [`prepare`]: the posture analysed once per engine (each row's meaning without its
//!    evidence pointers, its clauses, which rows hold each word, the vocabulary's relations);
//! 2. [`certification`]: a question about holding a certification or an audit report is
//!    answered from the pages' own status, never from control rows;
//! 3. [`question`]: the question read: subject terms in essential parts, apart from generic
//!    words, boilerplate, actors and optional text; its demands and polarity;
//! 4. [`candidates`]: how search and the control mapping rank the rows for it;
//! 5. [`support`]: the rows that state each essential part;
//! 6. [`verdict`]: the answer, text, citations and confidence from those rows;
//! 7. [`suggest`]: where the rules abstain, a low-band suggestion from the closest rows, or
//!    the row that touches the question cited for the reviewer;
//! 8. [`values`]: a number, a time bound or a "how often" the cited rows answer with another
//!    value, or none, leaves the draft for review.
//!
//! Reusing an approved library answer is not drafting: it sits above it (`crate::reuse`).
//!
//! The rules, which hold without exception:
//! - `yes` only when a cited Met row states every essential part of the question and every
//!   demand (frequency, scope) it makes;
//! - a Partial row, or gap words ("not yet", "informal", "not deployed", …) in the clause that
//!   answers the question, pull the answer to `partial` or `no`;
//! - a question asking whether a bad practice is done is answered `no` from the good practice
//!   or left for review, never `yes`;
//! - certification questions are answered from the pages' own status, never from control rows;
//! - a question the posture does not cover is `needs-review` with an empty text.

mod candidates;
mod certification;
mod prepare;
mod question;
mod suggest;
mod support;
mod values;
mod verdict;

use serde::Serialize;

pub use certification::SchemeMentions;
pub use prepare::Prepared;

use crate::catalog::ControlCoverage;
use crate::crosswalk::{Crosswalk, MapSource};
use crate::model::ControlId;
use crate::model::{choose, Band, Citation, Draft, Support};
use crate::posture::Posture;

use crate::search::{DocRef, SearchIndex};

/// The parts of an engine that drafting reads.
pub(crate) struct Context<'a> {
    pub posture: &'a Posture,
    pub coverage: &'a [ControlCoverage],
    pub index: &'a SearchIndex,
    pub prepared: &'a Prepared,
    pub schemes: &'a SchemeMentions,
}

/// How many documents the index gives drafting for a question: its one query per draft.
pub(crate) const SEARCHED: usize = 25;

/// Drafts an answer to one question (with its id, explicit refs and dropdown values, if any).
pub(crate) fn draft(
    cx: &Context,
    id: &str,
    question: &str,
    refs: &[String],
    choices: Option<&[String]>,
    crosswalk: Option<&Crosswalk>,
) -> Draft {
    let searched = cx.index.search_refs(question, SEARCHED);
    draft_searched(cx, id, question, refs, choices, crosswalk, &searched)
}

/// [`draft`] from the index's answer to the question, already queried (`searched`, best first):
/// the Ask page cuts its related list from the same answer.
pub(crate) fn draft_searched(
    cx: &Context,
    id: &str,
    question: &str,
    refs: &[String],
    choices: Option<&[String]>,
    crosswalk: Option<&Crosswalk>,
    searched: &[(DocRef, f32)],
) -> Draft {
    let searched = &searched[..searched.len().min(SEARCHED)];
    let drafted = crate::limits::drafted_part(question);
    let text = question::without_label(drafted);
    let mapped = cx.prepared.mapper.map(id, text, refs, crosswalk, 5);
    let controls: Vec<ControlId> = mapped
        .iter()
        .enumerate()
        .filter(|(i, m)| m.source != MapSource::Words || (*i < 3 && m.score >= 0.25))
        .map(|(_, m)| m.control.clone())
        .collect();
    let mut draft = match certification::certification(cx, text) {
        Some(d) => d,
        None => from_rows(cx, text, searched, &mapped, &candidates::FrameworkRefs { refs, crosswalk }),
    };
    draft.id = id.to_string();
    draft.question = question.to_string();
    if draft.controls.is_empty() {
        draft.controls = controls;
    }
    draft.confidence = (draft.confidence * 100.0).round() / 100.0;
    draft.stated_band = Some(Band::of_draft(&draft));
    draft.choice = choices.and_then(|c| choose(draft.answer, c));
    if drafted.len() < question.len() {
        draft.support.notes.push(unread_note(drafted));
    }
    draft
}

/// What the draft of a question longer than [`crate::limits::MAX_DRAFTED_CHARS`] says of it.
pub(crate) fn unread_note(read: &str) -> String {
    format!("drafted from the question's first {} characters: the rest was not read", read.chars().count())
}

fn from_rows(
    cx: &Context,
    text: &str,
    searched: &[(DocRef, f32)],
    mapped: &[crate::crosswalk::Mapped],
    framework: &candidates::FrameworkRefs,
) -> Draft {
    let q = question::read(cx.prepared, text);
    if !q.has_subject() {
        let support = Support {
            notes: vec!["the question names no subject the posture could state".to_string()],
            ..Support::default()
        };
        return Draft { support, ..Draft::needs_review() };
    }
    let ranking = candidates::rank(cx, text, searched, mapped, framework);
    let parts = support::support(cx, &q, &ranking);
    let drafted = verdict::verdict(cx, &q, &parts, &ranking);
    let mut d = match drafted.answer {
        crate::model::Answer::NeedsReview => suggest::suggest(cx, &q, text, &parts, &ranking, drafted),
        _ => drafted,
    };
    ruled_out(cx, text, &mut d);
    title_only(cx, &q, &mut d);
    for_whom(cx, text, &mut d);
    for_which_staff(cx, text, &mut d);
    named_document(cx, text, &mut d);
    values::other_value(cx, &q, text, &mut d);
    values::longer_than_asked(cx, text, &mut d);
    values::how_often(cx, text, &mut d);
    values::unstated_number(cx, &q, text, &mut d);
    values::unstated_moment(cx, text, &mut d);
    values::other_doer(cx, text, &mut d);
    d
}

/// A draft whose question has no security word, and whose cited rows say none of its words in
/// their own text — only in their requirement's title ("Awareness, education and training" for
/// "existing education customers") — is a suggestion at most: a title names a control's topic,
/// and a Met status says the control is in place, not that the question's everyday word is
/// meant as the title means it.
fn title_only(cx: &Context, q: &question::Question, d: &mut Draft) {
    if d.answer == crate::model::Answer::NeedsReview
        || d.citations.is_empty()
        || d.confidence <= suggest::SUGGESTION_CONFIDENCE
    {
        return;
    }
    let subject: Vec<&question::Term> = q.terms.iter().filter(|t| t.role == question::Role::Subject).collect();
    if subject.is_empty() || subject.iter().any(|t| t.domain) {
        return;
    }
    let said = d
        .citations
        .iter()
        .flat_map(|c| rows_cited(cx, c))
        .any(|r| subject.iter().any(|t| support::holds(cx, t, r) && support::speaks_of(cx, t, r)));
    if !said {
        d.confidence = suggest::SUGGESTION_CONFIDENCE;
        d.support.notes.push("a suggestion: the cited rows name what is asked only in their titles".to_string());
    }
}

/// The posture rows citation `c` names, by index.
pub(super) fn rows_cited<'a>(cx: &'a Context, c: &'a crate::model::Citation) -> impl Iterator<Item = usize> + 'a {
    cx.posture
        .rows
        .iter()
        .enumerate()
        .filter(move |(_, r)| r.page == c.page && r.reference == c.reference)
        .map(|(i, _)| i)
}

/// Whether a control is about the company's own people: ISO 27001's people controls (A.6:
/// screening, awareness training, confidentiality agreements) and either standard's clause 7
/// (support: competence, awareness).
fn of_own_people(k: &ControlId) -> bool {
    match k.standard {
        crate::model::Standard::Iso27001 => k.id.starts_with("A.6.") || ["7", "7.2", "7.3"].contains(&k.id.as_str()),
        crate::model::Standard::Iso22301 => ["7", "7.2", "7.3"].contains(&k.id.as_str()),
    }
}

/// A named row's own claim that rules a happening out ("No single-cloud failure can take
/// production down", "A vertical loss does not lock customers out of their data") answers a
/// question asking whether it can happen ("Can the failure of a single cloud provider take
/// production down?") `no`, not `yes`: the question says what the claim rules out (its verb and
/// what it acts on) and what would cause it (the claim's subject).
fn ruled_out(cx: &Context, text: &str, d: &mut Draft) {
    use crate::model::Answer;
    const ASKS_WHETHER: &[&str] = &["can", "could", "would", "will", "does", "do", "is", "might", "may"];
    if !matches!(d.answer, Answer::Yes | Answer::Partial) {
        return;
    }
    let lower = text.to_lowercase();
    let mut words = lower.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty());
    if !words.next().is_some_and(|w| ASKS_WHETHER.contains(&w)) {
        return;
    }
    // A question that itself rules the happening out ("… so that a provider failure cannot
    // prevent resolution?") asks whether the claim holds: its `yes` stands.
    if words.any(|w| ["not", "cannot", "no", "never", "without"].contains(&w) || w.ends_with("n't")) {
        return;
    }
    // The claims of the cited Met named rows that rule something out: (row, cause, outcome).
    let claims: Vec<(usize, String, String)> = d
        .citations
        .iter()
        .flat_map(|c| rows_cited(cx, c))
        .filter(|&r| {
            // A claim the row meets only in part ("currently a single-vertical dependency")
            // rules nothing out.
            !cx.prepared.meanings[r].claim.is_empty() && cx.posture.rows[r].status == crate::model::Status::Met
        })
        .filter_map(|r| {
            let claim = cx.posture.rows[r].requirement.to_lowercase();
            let (cause, outcome) = match claim.strip_prefix("no ") {
                Some(rest) => rest.split_once(" can ")?,
                None => claim.split_once(" does not ").or_else(|| claim.split_once(" cannot "))?,
            };
            Some((r, cause.to_string(), outcome.to_string()))
        })
        .collect();
    if claims.is_empty() {
        return;
    }
    let mut analyzer = cx.prepared.analyzer.clone();
    let asked: std::collections::HashSet<String> = crate::search::stems(&mut analyzer, text).into_iter().collect();
    for (r, cause, outcome) in claims {
        let row = &cx.posture.rows[r];
        let outcome = crate::search::stems(&mut analyzer, &outcome);
        let cause = crate::search::stems(&mut analyzer, &cause);
        if !outcome.is_empty()
            && outcome.iter().all(|s| asked.contains(s))
            && cause.last().is_some_and(|head| asked.contains(head))
        {
            d.answer = Answer::No;
            d.text = format!("No. {}. {}", row.requirement.trim_end_matches('.'), row.text);
            d.support.notes.push(format!("the row rules it out: “{}”", row.requirement));
            return;
        }
    }
}

/// A question asking for a document ("a documented password policy", "an incident response
/// plan", "a risk register") is not asserted from rows that state the practice but name no
/// document — no policy, procedure, plan, runbook, register or template in their words, no page
/// or file among their evidence: a control in place is no written policy. A suggestion, with a
/// note.
fn named_document(cx: &Context, text: &str, d: &mut Draft) {
    use crate::model::{Answer, EvidenceKind};
    /// The documents a question asks for; a row names one by these or by the others.
    const ASKED: &[&str] = &[
        "policy",
        "policies",
        "plan",
        "plans",
        "procedure",
        "procedures",
        "register",
        "runbook",
        "runbooks",
        "playbook",
    ];
    const OTHERS: &[&str] = &[
        "playbooks",
        "template",
        "templates",
        "documented",
        "document",
        "documents",
        "charter",
        "programme",
        "program",
    ];
    if !matches!(d.answer, Answer::Yes | Answer::Partial) || d.confidence <= suggest::SUGGESTION_CONFIDENCE {
        return;
    }
    // Whole words: "policy-based access control" asks for no policy.
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    // "plan to …" is a verb: "do you plan to encrypt …".
    let asks = words.iter().enumerate().any(|(i, w)| {
        ASKED.contains(&w.as_str()) && !(w.starts_with("plan") && words.get(i + 1).is_some_and(|n| n == "to"))
    });
    if !asks {
        return;
    }
    let named = d.citations.iter().flat_map(|c| rows_cited(cx, c)).any(|r| {
        let row = &cx.posture.rows[r];
        row.evidence
            .iter()
            .any(|e| matches!(e.kind, EvidenceKind::SitePath | EvidenceKind::RepoPath | EvidenceKind::Workflow))
            || format!("{} {}", row.requirement, row.text)
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| ASKED.contains(&w) || OTHERS.contains(&w))
    });
    if !named {
        d.confidence = suggest::SUGGESTION_CONFIDENCE;
        d.support.notes.push("a suggestion: the question asks for a document; the cited rows name none".to_string());
    }
}

/// What a company does for its own people (ISO 27001's people controls, A.6: screening,
/// awareness training, confidentiality agreements) is no statement of what it does for its
/// customers' people: a question asking it *to* or *for* customers, clients, institutions,
/// tenants or users ("security awareness training to your customers") rests on such rows only as
/// a suggestion, below every assertion. So does a question naming the served other than as whose
/// data is held ("customer contracts", "customer clocks", "can customers install …") when no
/// cited row names them: the rows speak of the company's own.
fn for_whom(cx: &Context, text: &str, d: &mut Draft) {
    if d.answer == crate::model::Answer::NeedsReview
        || d.citations.is_empty()
        || !(question::for_the_served(text) || question::names_the_served(text))
    {
        return;
    }
    let people_only = d.citations.iter().all(|c| {
        rows_cited(cx, c).all(|r| {
            let controls = &cx.posture.rows[r].controls;
            !controls.is_empty() && controls.iter().all(of_own_people)
        })
    });
    if d.confidence <= suggest::SUGGESTION_CONFIDENCE {
        return;
    }
    if people_only {
        d.confidence = suggest::SUGGESTION_CONFIDENCE;
        d.support.notes.push(
            "a suggestion: the cited rows speak of the company's own people; the question asks it for the customer's"
                .to_string(),
        );
    } else if !d
        .citations
        .iter()
        .flat_map(|c| rows_cited(cx, c))
        .any(|r| names_the_served(&cx.posture.rows[r], question::by_the_served(text)))
    {
        d.confidence = suggest::SUGGESTION_CONFIDENCE;
        d.support.notes.push(
            "a suggestion: the question asks it of the customer or their things; the cited rows do not name them"
                .to_string(),
        );
    }
}

/// People who work for a company without being its employees: contractors, consultants,
/// temporary staff, interns, subcontractors. A practice stated for the workforce at large ("on
/// joining", "at hire") may not reach them; a question asking it of them is confirmed only by a
/// cited row that names them, or the workforce as a whole.
const EXTENDED_STAFF: &[&str] = &[
    "contractor",
    "contractors",
    "consultant",
    "consultants",
    "temps",
    "temporary staff",
    "temporary workers",
    "intern",
    "interns",
    "subcontractor",
    "subcontractors",
    "freelancer",
    "freelancers",
];

/// A draft whose question asks a practice of contractors and the like ([`EXTENDED_STAFF`]) is a
/// suggestion when no cited row names them or the workforce: the rows may speak of employees.
fn for_which_staff(cx: &Context, text: &str, d: &mut Draft) {
    use crate::model::Answer;
    if !matches!(d.answer, Answer::Yes | Answer::Partial) || d.confidence <= suggest::SUGGESTION_CONFIDENCE {
        return;
    }
    let lower = text.to_lowercase();
    let Some(named) = EXTENDED_STAFF.iter().find(|w| !prepare::word_at(&lower, w).is_empty()) else { return };
    // The named word or its other number ("contractor agreements" names contractors; a
    // "contract" does not).
    let forms: Vec<&str> = EXTENDED_STAFF
        .iter()
        .copied()
        .filter(|w| *w == *named || w.strip_suffix('s') == Some(named) || named.strip_suffix('s') == Some(w))
        .chain(["workforce"])
        .collect();
    let names = d.citations.iter().flat_map(|c| rows_cited(cx, c)).any(|r| {
        let row = cx.posture.rows[r].text.to_lowercase();
        forms.iter().any(|w| prepare::has_word(&row, w))
    });
    if !names {
        d.confidence = suggest::SUGGESTION_CONFIDENCE;
        d.support.notes.push(format!("a suggestion: the question asks it of {named}; the cited rows do not name them"));
    }
}

/// Whether a row names the people or organisations a company serves ("customer-facing API",
/// "per-organisation isolation", "end users") or what they do themselves ("self-service
/// erasure"): a row that does may say what is done for or by them.
fn names_the_served(row: &crate::model::ControlRow, as_doers: bool) -> bool {
    const SERVED: &[&str] = &[
        "customer",
        "client",
        "tenant",
        "user",
        "institution",
        "organisation",
        "organization",
        "subscriber",
        "recipient",
    ];
    let text = format!("{} {}", row.requirement, row.text).to_lowercase();
    // As who does a thing ("classified by the customer"), the served are named as people, not
    // as the first half of a compound ("customer-notification SLAs" are the company's).
    let split = |c: char| !(c.is_alphanumeric() || as_doers && c == '-');
    text.contains("self-service")
        || text.split(split).any(|w| {
            !(as_doers && w.contains('-'))
                && SERVED
                    .iter()
                    .any(|s| w.starts_with(s) && !w.starts_with("organisational") && !w.starts_with("organizational"))
        })
}

/// A term of a question as drafting read it.
#[derive(Debug, Clone, Serialize)]
pub struct ReadTerm {
    pub words: String,
    /// `subject`, `optional`, `boilerplate`, `actor` or `bad practice`.
    pub role: &'static str,
    pub part: usize,
    pub weight: f32,
    /// A security word (of the vocabularies), which a row must state.
    pub security: bool,
}

/// How a question was read and which rows state each of its parts: what `ask --explain` prints
/// beside the draft's own [`Support`].
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub terms: Vec<ReadTerm>,
    /// Demands in the question's words: `annually`, `all`.
    pub demands: Vec<String>,
    /// `plain`, `bad practice: …`, `past events` or `negative`.
    pub polarity: String,
    /// (control, score)
    pub mapped: Vec<(String, f32)>,
    /// For each essential part, the refs of the rows that state it, best first.
    pub parts: Vec<Vec<String>>,
}

pub(crate) fn explain(cx: &Context, text: &str) -> Explanation {
    let text = crate::limits::drafted_part(text);
    let q = question::read(cx.prepared, text);
    let mapped = cx.prepared.mapper.map("", text, &[], None, 5);
    let searched = cx.index.search_refs(text, SEARCHED);
    let ranking =
        candidates::rank(cx, text, &searched, &mapped, &candidates::FrameworkRefs { refs: &[], crosswalk: None });
    let parts = support::support(cx, &q, &ranking);
    Explanation {
        terms: q
            .terms
            .iter()
            .map(|t| ReadTerm {
                words: t.words.clone(),
                role: t.role.label(),
                part: t.part,
                weight: t.weight,
                security: t.domain,
            })
            .collect(),
        demands: q.demands.iter().map(|d| d.words().to_string()).collect(),
        polarity: match &q.polarity {
            question::Polarity::Plain => "plain".to_string(),
            question::Polarity::Bad { words, .. } => format!("bad practice: {words}"),
            question::Polarity::PastEvents => "past events".to_string(),
            question::Polarity::Negative => "negative".to_string(),
        },
        mapped: mapped.iter().map(|m| (m.control.to_string(), m.score)).collect(),
        parts: parts.iter().map(|p| p.rows.iter().map(|&r| cx.posture.rows[r].reference.clone()).collect()).collect(),
    }
}

fn evidence_strings(e: &[crate::model::EvidenceRef]) -> Vec<String> {
    e.iter().map(|x| x.to_string()).collect()
}

fn cite_row(cx: &Context, i: usize) -> Citation {
    let row = &cx.posture.rows[i];
    Citation {
        page: row.page.clone(),
        section: row.section.clone(),
        reference: row.reference.clone(),
        status: Some(row.status.clone()),
        evidence: evidence_strings(&row.evidence),
    }
}

fn first_upper(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn sentence(s: &str) -> String {
    let t = first_upper(s.trim());
    if t.ends_with(['.', '!', '?']) {
        t
    } else {
        format!("{t}.")
    }
}
