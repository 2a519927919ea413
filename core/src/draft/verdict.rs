//! Step 6: the answer, from the rows that state each essential part. Each part's row gives an
//! answer by its status and the clauses that speak to the part (a gap clause pulls a Met row
//! to `partial`; a Partial row whose only matching clause says something is absent gives
//! `no`; a Met row saying "no X" when asked about X gives `no`). A demand the row does not
//! state (a frequency, a scope) keeps it from `yes`: `partial` when the row states less (a
//! lower frequency, a limited scope), `needs-review` when it says nothing of it. A question
//! asking whether a bad practice is done is `no` from the good practice, never `yes`. The
//! answer follows the weakest part; a part no row states leaves the question for review.

use std::collections::HashSet;

use super::candidates::Ranking;
use super::prepare::Clause;
use super::question::{numbers, per_each, Demand, Polarity, Question, Role, Term};
use super::support::{coverage, holds, names_as_head, row_frequency, PartSupport};
use super::{cite_row, evidence_strings, sentence, Context};
use crate::model::Status;
use crate::model::{Answer, Draft, Stated, Support};

/// What one row says to one part.
struct Reading {
    row: usize,
    answer: Answer,
    /// A clause of the row says "no X" of the question's subject.
    negated: bool,
    /// The row's own sentences that speak to the part: what it does, and its gaps.
    positive: Vec<String>,
    gaps: Vec<String>,
    notes: Vec<String>,
    /// Another Met row of the same security words that states the frequency asked.
    also: Option<usize>,
    /// `partial` only by the row's status: none of its gaps speaks to the part ("HSTS" in a
    /// partly-met row whose gap is managed DLP).
    status_only: bool,
}

/// A Met row other than `row` that states every security word of the part and says as often
/// as `times` (the policy row saying "reviewed annually" beside the one naming its approver).
fn frequency_elsewhere(cx: &Context, q: &Question, subject: &[&Term], row: usize, times: f32) -> Option<usize> {
    // A part of everyday words only ("published") is of the question's security subject.
    let asked = asked_subject(q);
    let of_part: Vec<&&Term> = subject.iter().filter(|t| t.domain).collect();
    let security: Vec<&&Term> = if of_part.is_empty() { asked.iter().filter(|t| t.domain).collect() } else { of_part };
    let first = security.first()?;
    let mut rows: Vec<usize> = Vec::new();
    for phrase in std::iter::once(&first.stems).chain(&first.stand_ins) {
        rows.extend(cx.prepared.rows_holding(phrase).into_iter().map(|r| r as usize));
    }
    rows.into_iter().find(|&r| {
        r != row
            && cx.posture.rows[r].status == Status::Met
            && security.iter().all(|t| holds(cx, t, r))
            && row_frequency(cx, r, &asked_subject(q)).is_some_and(|f| f >= times)
    })
}

/// Every subject term of the question: a frequency may be said of any of its parts ("a
/// programme under which suppliers are re-assessed periodically").
fn asked_subject(q: &Question) -> Vec<&Term> {
    q.terms.iter().filter(|t| t.role == Role::Subject).collect()
}

fn clause_speaks(cx: &Context, terms: &[&Term], clause: &Clause) -> usize {
    let _ = cx;
    terms
        .iter()
        .filter(|t| std::iter::once(&t.stems).chain(&t.stand_ins).any(|p| p.iter().all(|s| clause.stems.contains(s))))
        .count()
}

/// Times a year in words.
fn frequency_words(times: f32) -> &'static str {
    match times {
        t if t.is_infinite() => "continuously",
        t if t >= 8760.0 => "hourly",
        t if t >= 365.0 => "daily",
        t if t >= 52.0 => "weekly",
        t if t >= 12.0 => "monthly",
        t if t >= 4.0 => "quarterly",
        t if t >= 2.0 => "twice a year",
        t if t >= 1.0 => "annually",
        _ => "on a schedule",
    }
}

/// The clauses of one row as they stand to one part of a question.
struct RowClauses<'c> {
    row: usize,
    status: &'c Status,
    clauses: &'c [Clause],
    /// The clauses that speak to the part, and of them the ones that state it and the gaps.
    scored: Vec<&'c Clause>,
    positive: Vec<&'c Clause>,
    gaps: Vec<&'c Clause>,
    /// A positive clause says "no X" of the question's subject.
    negated: bool,
}

impl<'c> RowClauses<'c> {
    fn of(cx: &'c Context, q: &Question, part: usize, row: usize) -> RowClauses<'c> {
        let clauses = &cx.prepared.clauses[row];
        let subject: Vec<&Term> = q.subject(part).collect();
        let speaking: Vec<&Term> =
            q.terms.iter().filter(|t| t.part == part && matches!(t.role, Role::Subject | Role::Optional)).collect();
        let scored: Vec<&Clause> = clauses.iter().filter(|c| clause_speaks(cx, &speaking, c) > 0).collect();
        let positive: Vec<&Clause> = scored.iter().copied().filter(|c| !c.gap).collect();
        let gaps: Vec<&Clause> = scored.iter().copied().filter(|c| c.gap).collect();
        // A positive clause that says "no X" of the question's subject: X's head is a subject
        // word of the part, most of X is in the question ("no manual installs" says nothing of
        // installing updates), and so is the kind X's first word rules out ("no manual
        // production installs" says nothing of installing through CI).
        let asked: Vec<&String> = q.terms.iter().flat_map(|t| t.stems.iter()).collect();
        let negated = positive.iter().flat_map(|c| c.negated.iter()).any(|phrase| {
            let head = phrase.last().is_some_and(|h| subject.iter().any(|t| t.stems.contains(h)));
            let in_question = phrase.iter().filter(|s| asked.contains(s)).count();
            let kind = phrase.len() == 1 || asked.contains(&&phrase[0]);
            head && kind && 2 * in_question >= phrase.len()
        });
        RowClauses { row, status: &cx.posture.rows[row].status, clauses, scored, positive, gaps, negated }
    }

    /// The answer the row's status and clauses give, before the question's polarity and
    /// demands.
    fn by_status(&self, q: &Question, notes: &mut Vec<String>) -> Answer {
        let (negated, gaps, positive) = (self.negated, &self.gaps, &self.positive);
        let absent = gaps.iter().any(|c| c.absent);
        match self.status {
            // What a clause rules out is ruled out whatever else the row lacks ("no third-party
            // tracking on authenticated pages" in a partly-met leakage row).
            Status::Met | Status::Partial if negated && q.polarity != Polarity::Negative && !q.opposes => Answer::No,
            // The clauses that speak to the part say it does not apply ("N/A for serverless
            // production (no persistent compute surface)"): the row's Met is for the rest.
            Status::Met | Status::Partial
                if q.polarity == Polarity::Plain
                    && !positive.is_empty()
                    && positive.iter().all(|c| inapplicable(&c.text)) =>
            {
                Answer::NotApplicable
            }
            Status::Met if !gaps.is_empty() => Answer::Partial,
            Status::Met => Answer::Yes,
            Status::Partial if absent && positive.is_empty() => Answer::No,
            Status::Partial => Answer::Partial,
            Status::NotMet | Status::Planned => Answer::No,
            Status::NotApplicable => Answer::NotApplicable,
            // A row that states no status (a control list, a control page) answers only where
            // its own words state the practice in place; a requirement is not a fact.
            Status::Unstated => {
                let said: Vec<&Clause> =
                    if positive.is_empty() { self.clauses.iter().collect() } else { positive.clone() };
                if !said.iter().any(|c| !c.gap && crate::posture::states_in_place(&c.text)) {
                    notes.push("the row states no status, and its words do not say this is in place".to_string());
                    Answer::NeedsReview
                } else if negated && q.polarity != Polarity::Negative && !q.opposes {
                    Answer::No
                } else if !gaps.is_empty() {
                    Answer::Partial
                } else {
                    Answer::Yes
                }
            }
            Status::Other(_) => Answer::NeedsReview,
        }
    }

    /// The answer once the question's polarity is read: a bad practice is `no` from the good
    /// one, past events and negative questions only from what the row rules out.
    fn by_polarity(&self, cx: &Context, q: &Question, by_status: Answer, notes: &mut Vec<String>) -> Answer {
        let (status, positive) = (self.status, &self.positive);
        match &q.polarity {
            Polarity::Plain => by_status,
            Polarity::Bad { words, good } => {
                let good_stated = good.iter().any(|g| positive.iter().any(|c| g.iter().all(|s| c.stems.contains(s))))
                    || good.iter().any(|g| cx.prepared.meanings[self.row].holds(g))
                        && positive.is_empty()
                        && self.gaps.is_empty();
                if *status == Status::Met && (good_stated || self.negated) {
                    notes.push(format!("asks whether “{words}” is done: the row states the good practice"));
                    Answer::No
                } else {
                    notes.push(format!("asks whether “{words}” is done: the row does not rule it out"));
                    Answer::NeedsReview
                }
            }
            Polarity::PastEvents => {
                if self.negated && *status == Status::Met {
                    Answer::No
                } else {
                    notes.push("asks about past events: the posture does not say".to_string());
                    Answer::NeedsReview
                }
            }
            Polarity::Negative => {
                if by_status == Answer::Yes {
                    notes.push("asked in the negative: the row states the good practice".to_string());
                    Answer::No
                } else {
                    notes.push("asked in the negative: a reviewer decides".to_string());
                    Answer::NeedsReview
                }
            }
        }
    }
}

/// What a `yes` becomes under the question's demands: a frequency the row (or another Met row
/// of the same words) states as often, a scope the row states whole; less pulls it to
/// `partial`, silence to `needs-review`. A frequency is the question's, not one part's: the row
/// of another part (`peers`) stating it about the question's subject meets it ("policy …
/// approved by leadership … reviewed at least annually": the policy row says annually, the
/// leadership row need not). Adds the other row's sentence to `positive_text`.
fn under_demands(
    cx: &Context,
    q: &Question,
    rc: &RowClauses,
    subject: &[&Term],
    peers: &[usize],
    notes: &mut Vec<String>,
    positive_text: &mut Vec<String>,
) -> (Answer, Option<usize>) {
    let (mut answer, mut also) = (Answer::Yes, None);
    for demand in &q.demands {
        match demand {
            Demand::Frequency { times, words } => match row_frequency(cx, rc.row, &asked_subject(q)) {
                Some(f) if f >= *times => {}
                _ if frequency_elsewhere(cx, q, subject, rc.row, *times).is_some() => {
                    also = frequency_elsewhere(cx, q, subject, rc.row, *times);
                    let said = also.iter().flat_map(|&r| &cx.prepared.clauses[r]);
                    for c in said.filter(|c| c.frequency.is_some_and(|f| f >= *times)).take(1) {
                        positive_text.push(sentence(&c.text));
                    }
                }
                None if peers
                    .iter()
                    .any(|&r| r != rc.row && row_frequency(cx, r, &asked_subject(q)).is_some_and(|f| f >= *times)) => {}
                Some(f) => {
                    answer = answer.min_with(Answer::Partial);
                    notes.push(format!("“{words}” is not stated: the row says {}", frequency_words(f)));
                }
                None => {
                    answer = Answer::NeedsReview;
                    notes.push(format!("“{words}” is not stated"));
                }
            },
            Demand::Scope { words, of } => {
                if let Some(c) = rc.positive.iter().find(|c| c.limiting) {
                    answer = answer.min_with(Answer::Partial);
                    notes.push(format!("“{words}” is not stated: the row says “{}”", c.text.trim_end_matches('.')));
                } else if !rc.positive.iter().any(|c| c.universal || per_each(&c.text, of)) {
                    answer = Answer::NeedsReview;
                    notes.push(format!("“{words}” is not stated"));
                }
            }
        }
    }
    (answer, also)
}

fn read_row(cx: &Context, q: &Question, support: &PartSupport, peers: &[usize]) -> Reading {
    let (part, row) = (support.part, support.rows[0]);
    let rc = RowClauses::of(cx, q, part, row);
    let clauses = rc.clauses;
    let mut notes = Vec::new();
    let by_status = rc.by_status(q, &mut notes);
    // The text: the row's own clauses that speak to the question.
    let pick: Vec<&Clause> = if rc.scored.is_empty() { clauses.iter().take(2).collect() } else { rc.scored.clone() };
    let mut positive_text: Vec<String> = pick.iter().filter(|c| !c.gap).map(|c| sentence(&c.text)).collect();
    if rc.scored.is_empty() {
        positive_text.clear();
    }
    let mut gap_text: Vec<String> = pick.iter().filter(|c| c.gap).map(|c| sentence(&c.text)).collect();
    if gap_text.is_empty() && by_status == Answer::Partial {
        gap_text = clauses.iter().filter(|c| c.gap).map(|c| sentence(&c.text)).collect();
    }
    if support.absent {
        // The row says the part's subject is absent: `no`, whatever its other words.
        let answer = if q.polarity == Polarity::Plain { Answer::No } else { Answer::NeedsReview };
        let gaps: Vec<String> = clauses.iter().filter(|c| c.absent).map(|c| sentence(&c.text)).collect();
        let note = "the row says this is not there".to_string();
        return Reading {
            row,
            answer,
            negated: false,
            positive: Vec::new(),
            gaps,
            notes: vec![note],
            also: None,
            status_only: false,
        };
    }
    let mut answer = rc.by_polarity(cx, q, by_status, &mut notes);
    let mut also = None;
    if answer == Answer::Yes {
        let subject: Vec<&Term> = q.subject(part).collect();
        (answer, also) = under_demands(cx, q, &rc, &subject, peers, &mut notes, &mut positive_text);
    }
    if positive_text.is_empty() && rc.scored.is_empty() {
        positive_text = clauses.iter().filter(|c| !c.gap).take(2).map(|c| sentence(&c.text)).collect();
    }
    if gap_text.is_empty() && answer == Answer::No {
        gap_text = clauses.iter().filter(|c| c.gap).map(|c| sentence(&c.text)).collect();
    }
    let status_only = answer == Answer::Partial && rc.gaps.is_empty() && *rc.status == Status::Partial;
    Reading { row, answer, negated: rc.negated, positive: positive_text, gaps: gap_text, notes, also, status_only }
}

trait Weakest {
    fn min_with(self, other: Answer) -> Answer;
}

impl Weakest for Answer {
    /// The weaker of two substantive answers: `yes` > `partial`.
    fn min_with(self, other: Answer) -> Answer {
        if self == Answer::Yes {
            other
        } else {
            self
        }
    }
}

/// The words of `q`'s subject and optional terms that `row` states.
fn stated_by(cx: &Context, q: &Question, row: usize) -> Stated {
    Stated {
        words: q
            .terms
            .iter()
            .filter(|t| matches!(t.role, Role::Subject | Role::Optional) && holds(cx, t, row))
            .map(|t| t.words.clone())
            .collect(),
        reference: cx.posture.rows[row].reference.clone(),
    }
}

/// The words of `q`'s subject, the words saying how ("remotely", "externally") and who takes
/// part ("with customers") that none of `rows` states, and the question's numbers none of them
/// says. A manner, a participant or a number a row may leave unsaid for a suggestion keeps a
/// draft from being an assertion: "remotely wiped" is not stated by a row on erasure at
/// decommissioning, nor "TLS 1.0" by a row on TLS 1.2+, nor "tested with customers" by a row
/// on the tested DR scenarios of the customer-facing API.
fn missing_words(cx: &Context, q: &Question, rows: &[usize]) -> Vec<String> {
    let words = q
        .terms
        .iter()
        .filter(|t| match t.role {
            Role::Subject | Role::Manner => !rows.iter().any(|&r| holds(cx, t, r)),
            // Named as a head, not as the modifier of another word: a "customer-facing API"
            // is an API, and says nothing of customers taking part.
            Role::Participant => !rows.iter().any(|&r| names_as_head(cx, t, r)),
            _ => false,
        })
        .map(|t| t.words.clone());
    let said: Vec<String> = rows
        .iter()
        .flat_map(|&r| {
            let row = &cx.posture.rows[r];
            numbers(&format!("{} | {} | {}", row.reference, row.requirement, row.text))
        })
        .collect();
    let numbers = q.numbers.iter().filter(|n| !said.contains(n)).cloned();
    words.chain(numbers).collect()
}

/// The draft of a question from the rows that state its parts.
pub(crate) fn verdict(cx: &Context, q: &Question, parts: &[PartSupport], ranking: &Ranking) -> Draft {
    let empty = Draft::needs_review();
    // A part answered `no` answers a question of parts joined by "and" `no`, whatever the
    // others: "SSO for users and administrators" when there is no SSO.
    let stated: Vec<&PartSupport> = parts.iter().filter(|p| !p.rows.is_empty()).collect();
    let unstated = stated.len() < parts.len();
    let peers: Vec<usize> = stated.iter().map(|p| p.rows[0]).collect();
    let any_no = unstated
        && q.polarity == Polarity::Plain
        && stated.iter().any(|p| read_row(cx, q, p, &peers).answer == Answer::No);
    let parts: Vec<PartSupport> = if any_no { stated.iter().map(|p| (*p).clone()).collect() } else { parts.to_vec() };
    let parts = parts.as_slice();
    if parts.is_empty() || parts.iter().any(|p| p.rows.is_empty()) {
        return Draft { support: unstated_support(cx, q, parts), ..empty };
    }
    let readings: Vec<Reading> = parts.iter().map(|p| read_row(cx, q, p, &peers)).collect();
    let answer = combined(q, any_no, &readings);
    let cited = citations(cx, q, parts, &readings, ranking);
    let mut notes: Vec<String> = readings.iter().flat_map(|r| r.notes.iter().cloned()).collect();
    notes.dedup();
    let support = Support {
        stated: cited.iter().map(|&r| stated_by(cx, q, r)).filter(|s| !s.words.is_empty()).collect(),
        missing: missing_words(cx, q, &cited),
        notes: notes.clone(),
    };
    if answer == Answer::NeedsReview {
        return Draft { support, ..empty };
    }
    let (mut text, seen_rows) = answer_text(q, answer, &readings, &notes);
    if answer != Answer::No {
        append_evidence(cx, &seen_rows, &mut text);
    }
    // An SoA's justification says why a control applies, not that it is in place.
    let justified_only = seen_rows
        .iter()
        .any(|&r| cx.posture.rows[r].text.trim().is_empty() && !cx.posture.rows[r].justification.is_empty());
    if justified_only {
        text.push_str(
            " The Statement of Applicability gives only a justification for this control (why it applies), not how it is implemented.",
        );
        text = text.trim().to_string();
    }
    let mut confidence = confidence(cx, q, answer, &cited);
    // An assertion rests, for each part, on one row that states the whole of it: words of one
    // part gathered from several rows ("database" and "restricted" from one, "read" from
    // another) make a reading for the reviewer, not an answer to send.
    if parts.iter().any(|p| !q.subject(p.part).all(|t| holds(cx, t, p.rows[0]))) {
        confidence = confidence.min(PIECED_CONFIDENCE);
    }
    // Nor on words of one part a row says apart, in different sentences or items of its own
    // ("AES-256-GCM at rest, TLS 1.2+ in transit": AES is not said of transit): some row
    // stating the part must say them together.
    let mut support = support;
    if confidence > PIECED_CONFIDENCE
        && parts.iter().any(|p| {
            let whole: Vec<usize> =
                p.rows.iter().copied().filter(|&r| q.subject(p.part).all(|t| holds(cx, t, r))).collect();
            !whole.is_empty() && !whole.iter().any(|&r| said_together(cx, q, p.part, r))
        })
    {
        confidence = confidence.min(PIECED_CONFIDENCE);
        support.notes.push(
            "a suggestion: the row says the words of the question apart, in different sentences or list items"
                .to_string(),
        );
    }
    // A `partial` that only the row's status gives — its gaps are about something else — is
    // the reviewer's to weigh: the asked practice may be wholly in place.
    if answer == Answer::Partial && readings.iter().filter(|r| r.answer == Answer::Partial).all(|r| r.status_only) {
        confidence = confidence.min(PIECED_CONFIDENCE);
        support
            .notes
            .push("a suggestion: the row is partly met for a reason the question does not ask about".to_string());
    }
    let citations = cited.iter().map(|&r| cite_row(cx, r)).collect();
    Draft { answer, confidence, text, citations, support, ..empty }
}

/// Whether one sentence of `row` says every word of `part` the row says, and within it one
/// item of a list, or items joined by a head or a shared tail. Words of the row's requirement
/// or claim, and the names of the pages it points to, scope the whole row and may be said
/// anywhere; a word the row states only through its meaning as a whole is not weighed.
fn said_together(cx: &Context, q: &Question, part: usize, row: usize) -> bool {
    let m = &cx.prepared.meanings[row];
    let row_data = &cx.posture.rows[row];
    // A row longer than a page of text is not parsed into sentences per question (the work
    // grows with the row); its words are weighed as the row's, as before this rule.
    if row_data.text.len() > LONGEST_SPLIT_ROW {
        return true;
    }
    let forms = |t: &Term| -> Vec<Vec<String>> {
        std::iter::once(t.stems.clone()).chain(t.stand_ins.iter().cloned()).collect()
    };
    let in_set = |p: &[String], set: &HashSet<String>| p.iter().all(|s| set.contains(s));
    let mut analyzer = cx.prepared.analyzer.clone();
    let mut stems_of = |text: &str| -> HashSet<String> {
        crate::search::stems(&mut analyzer, &super::prepare::meaning_text(text, row_data)).into_iter().collect()
    };
    let pages = stems_of(&super::prepare::page_names(&row_data.text));
    let whole =
        |p: &Vec<String>| p.iter().all(|s| m.requirement.contains(s) || m.claim.contains(s)) || in_set(p, &pages);
    let held: Vec<Vec<Vec<String>>> =
        q.subject(part).filter(|t| holds(cx, t, row)).map(forms).filter(|fs| !fs.iter().any(whole)).collect();
    if held.len() < 2 {
        return true;
    }
    let sentences: Vec<(String, HashSet<String>)> =
        sentences(&row_data.text).into_iter().map(|t| (t.to_string(), stems_of(t))).collect();
    let said = |fs: &Vec<Vec<String>>, set: &HashSet<String>| fs.iter().any(|p| in_set(p, set));
    let placed: Vec<&Vec<Vec<String>>> =
        held.iter().filter(|fs| sentences.iter().any(|(_, set)| said(fs, set))).collect();
    if placed.len() < 2 {
        return true;
    }
    sentences.iter().filter(|(_, set)| placed.iter().all(|fs| said(fs, set))).any(|(text, _)| {
        // Items of a list the sentence makes ("AES-256-GCM at rest, TLS 1.2+ in transit";
        // "glassbreak.io uses DNSimple + deSEC; glass-break.com uses Route 53"): what one item
        // pairs is not said of another's. A head before "with", "including" or a colon in the
        // first item ("procedure … with SEV classification, response phases, …") is said of
        // every item, and so is a last item after a comma not joined by "and" ("SEV-1 (≤ 1h),
        // SEV-2 (≤ 4h), SEV-3 (≤ 24h) notification SLAs": the SLAs are each one's).
        // A head before a colon is said of the whole list; before "with" or "including", of
        // the items up to the first semicolon ("Passwords hashed with bcrypt; refresh tokens
        // rotated with a peppered HMAC" says no HMAC of passwords). A tail needs a list of three
        // or more ("AES-256-GCM at rest, TLS 1.2+ in transit" shares nothing).
        let items = list_items(text);
        if items.len() < 2 {
            return true;
        }
        let first = items[0].0.to_ascii_lowercase();
        let head_at = HEAD_MARKERS.iter().filter_map(|m| first.find(m).map(|at| (at, *m))).min();
        let head = head_at.map(|(at, _)| stems_of(&items[0].0[..at]));
        let head_reach = match head_at {
            Some((_, ":")) => items.len(),
            _ => items.iter().position(|(_, semi)| *semi).unwrap_or(items.len()),
        };
        let tail = items
            .last()
            .filter(|(t, semi)| {
                items.len() >= 3
                    && !semi
                    && !["and ", "or ", "plus "].iter().any(|w| t.to_ascii_lowercase().starts_with(w))
            })
            .map(|(t, _)| stems_of(t));
        let item_stems: Vec<HashSet<String>> = items.iter().map(|(i, _)| stems_of(i)).collect();
        let in_tail = |fs: &Vec<Vec<String>>| tail.as_ref().is_some_and(|t| said(fs, t));
        let in_head = |fs: &Vec<Vec<String>>| head.as_ref().is_some_and(|h| said(fs, h));
        // Every word is said by one item, or by the head and one item it reaches, or by the
        // tail and one item.
        item_stems
            .iter()
            .enumerate()
            .any(|(k, set)| placed.iter().all(|fs| said(fs, set) || in_tail(fs) || k < head_reach && in_head(fs)))
    })
}

/// A row's text as sentences: split after a full stop followed by a space.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, _) in text.match_indices(". ") {
        out.push(&text[from..=i]);
        from = i + 2;
    }
    out.push(&text[from..]);
    out.into_iter().map(str::trim).filter(|t| !t.is_empty()).collect()
}

/// Whether a clause says what it names does not apply ("N/A for …", "not applicable to …").
fn inapplicable(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["n/a", "not applicable"].iter().any(|w| !super::prepare::word_at(&lower, w).is_empty())
}

/// Words after which the first item of a list is the head the other items are said of.
const HEAD_MARKERS: &[&str] = &[" with ", " including ", ":"];

/// The longest row text [`said_together`] splits into sentences and items (bytes).
const LONGEST_SPLIT_ROW: usize = 2_000;

/// A sentence's items: its text split at commas and semicolons outside parentheses (not a
/// thousands comma: "10,000"), each with whether a semicolon comes before it.
fn list_items(text: &str) -> Vec<(&str, bool)> {
    let mut items = Vec::new();
    let (mut depth, mut from, mut after_semicolon) = (0usize, 0usize, false);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 && !text[i + 1..].starts_with(|c: char| c.is_ascii_digit()) => {
                items.push((&text[from..i], after_semicolon));
                from = i + 1;
                after_semicolon = c == ';';
            }
            _ => {}
        }
    }
    items.push((&text[from..], after_semicolon));
    items.into_iter().map(|(t, semi)| (t.trim(), semi)).filter(|(t, _)| !t.is_empty()).collect()
}

/// A part no row states: for review, with what the closest rows state and what they lack.
fn unstated_support(cx: &Context, q: &Question, parts: &[PartSupport]) -> Support {
    let mut shown: Vec<usize> = Vec::new();
    for r in parts.iter().filter_map(|p| p.rows.first().copied().or(p.closest)) {
        if !shown.contains(&r) {
            shown.push(r);
        }
    }
    let mut notes = Vec::new();
    if !q.has_subject() {
        notes.push("the question names no subject the posture could state".to_string());
    }
    Support {
        stated: shown.iter().map(|&r| stated_by(cx, q, r)).filter(|s| !s.words.is_empty()).collect(),
        missing: missing_words(cx, q, &shown),
        notes,
    }
}

/// The answer the parts' readings give together: `no` when a part of a plain question is
/// absent, for review when any part is, the one answer they agree on, else `partial` (for
/// review when the question is not plain).
fn combined(q: &Question, any_no: bool, readings: &[Reading]) -> Answer {
    let answers: Vec<Answer> = readings.iter().map(|r| r.answer).collect();
    if any_no {
        Answer::No
    } else if answers.contains(&Answer::NeedsReview) {
        Answer::NeedsReview
    } else if answers.iter().all(|a| *a == answers[0]) {
        answers[0]
    } else if q.polarity != Polarity::Plain {
        Answer::NeedsReview
    } else {
        Answer::Partial
    }
}

/// Citations: each part's row, then up to two rows that state the first part nearly as well.
fn citations(cx: &Context, q: &Question, parts: &[PartSupport], readings: &[Reading], ranking: &Ranking) -> Vec<usize> {
    let mut cited: Vec<usize> = Vec::new();
    for r in readings {
        for row in std::iter::once(r.row).chain(r.also) {
            if !cited.contains(&row) {
                cited.push(row);
            }
        }
    }
    let primary = cited[0];
    let primary_rank = ranking.of(primary);
    let primary_cover = coverage(cx, q, &[primary]);
    for &other in parts[0].rows.iter().skip(1) {
        if cited.len() >= 3 {
            break;
        }
        let r = ranking.of(other);
        let relevant = coverage(cx, q, &[other]) >= (0.8 * primary_cover).max(0.4)
            && (r.retrieval > 0.15 || r.mapped > 0.0 || primary_rank.retrieval == 0.0);
        let row = &cx.posture.rows[other];
        let same =
            cited.iter().any(|&c| cx.posture.rows[c].reference == row.reference && cx.posture.rows[c].page == row.page);
        if relevant && !same && states_scope(cx, q, parts[0].part, other) {
            cited.push(other);
        }
    }
    cited
}

/// Whether row `row` states every scope the question demands ("each customer's data": a
/// clause saying all, or per organisation): a row cited beside the answering one must, or it is
/// cited for a word it shares ("isolated") and not for what is asked.
fn states_scope(cx: &Context, q: &Question, part: usize, row: usize) -> bool {
    let scopes: Vec<&Vec<String>> =
        q.demands.iter().filter_map(|d| if let Demand::Scope { of, .. } = d { Some(of) } else { None }).collect();
    if scopes.is_empty() {
        return true;
    }
    let rc = RowClauses::of(cx, q, part, row);
    scopes.iter().all(|of| rc.positive.iter().any(|c| !c.limiting && (c.universal || per_each(&c.text, of))))
}

/// The answer's text from each row's own sentences, once; and the rows it took them from.
fn answer_text(q: &Question, answer: Answer, readings: &[Reading], notes: &[String]) -> (String, Vec<usize>) {
    let mut positive: Vec<String> = Vec::new();
    let mut gaps: Vec<String> = Vec::new();
    let mut reasons: Vec<String> = Vec::new();
    let mut seen_rows: Vec<usize> = Vec::new();
    let push = |list: &mut Vec<String>, items: &[String]| {
        for t in items {
            if !list.contains(t) {
                list.push(t.clone());
            }
        }
    };
    for r in readings {
        if seen_rows.contains(&r.row) {
            continue;
        }
        seen_rows.push(r.row);
        if r.answer == Answer::No && q.polarity == Polarity::Plain && !r.negated {
            push(&mut reasons, &r.gaps);
            push(&mut positive, &r.positive);
        } else if r.answer == Answer::No {
            push(&mut reasons, &r.positive);
        } else {
            push(&mut positive, &r.positive);
            push(&mut gaps, &r.gaps);
        }
    }
    let not_stated: Vec<String> = notes.iter().filter(|n| n.contains("is not stated")).map(|n| sentence(n)).collect();
    let text = match answer {
        Answer::Yes | Answer::NotApplicable => positive.join(" "),
        Answer::Partial => {
            let mut t = format!("Partially. {}", positive.join(" "));
            gaps.extend(reasons.iter().cloned());
            if !gaps.is_empty() {
                t.push_str(&format!(" However: {}", gaps.join(" ")));
            }
            if !not_stated.is_empty() {
                t.push_str(&format!(" {}", not_stated.join(" ")));
            }
            t
        }
        Answer::No => {
            let context = if positive.is_empty() { String::new() } else { format!(" {}", positive.join(" ")) };
            format!("No. {}{context}", reasons.join(" "))
        }
        Answer::NeedsReview => String::new(),
    };
    (text.split_whitespace().collect::<Vec<_>>().join(" "), seen_rows)
}

/// The evidence of `rows` the text does not show yet, added to its end.
fn append_evidence(cx: &Context, rows: &[usize], text: &mut String) {
    let mut unshown: Vec<String> = Vec::new();
    for &r in rows {
        for e in evidence_strings(&cx.posture.rows[r].evidence) {
            if !text.contains(e.split(" §").next().unwrap_or(&e)) && !unshown.contains(&e) {
                unshown.push(e);
            }
        }
    }
    if !unshown.is_empty() {
        text.push_str(&format!(" Evidence: {}.", unshown.join("; ")));
    }
}

/// The most a draft may be confident when a part's words come from more than one row: below
/// an assertion.
pub(crate) const PIECED_CONFIDENCE: f32 = 0.7;

/// Confidence follows how much of the question the rows state, and whether its subject is
/// there in the question's own words or only through the vocabulary.
fn confidence(cx: &Context, q: &Question, answer: Answer, cited: &[usize]) -> f32 {
    let cover = coverage(cx, q, cited);
    let literal = q
        .terms
        .iter()
        .filter(|t| t.role == Role::Subject)
        .any(|t| cited.iter().any(|&r| cx.prepared.meanings[r].holds(&t.stems)));
    let mut confidence = match answer {
        Answer::Yes => 0.35 + 0.6 * cover,
        Answer::NotApplicable => 0.35 + 0.4 * cover,
        _ => 0.35 + 0.5 * cover,
    };
    if !literal {
        confidence *= 0.85;
    }
    if cover < 0.5 {
        confidence = confidence.min(0.6);
    }
    // Without a stated status, never high confidence: the reviewer confirms it is in place.
    if cited.iter().any(|&r| cx.posture.rows[r].status == Status::Unstated) {
        confidence = confidence.min(0.6);
    }
    confidence.min(0.97)
}
