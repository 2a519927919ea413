//! Step 5: which rows state each essential part of a question. A row states a term when its
//! meaning holds the term's words or a stand-in of the same (or a narrower) meaning; it states
//! a part when it states every security word of it and at least one: an everyday word the
//! posture uses elsewhere ("public", "served") may be missing, but a security word, or a word
//! the posture never uses, may not: "virtualization" that no row says leaves the question
//! unanswered, however many other words match. When no row states a part, a row that says its
//! security subject is absent ("SSO … not yet available") answers it `no`: what is not there
//! at all is not there in any form either.

use super::candidates::Ranking;
use super::prepare::Clause;
use super::question::{Demand, Question, Role, Term};
use super::Context;

/// The share of a part's weight a row must state when an everyday word of the part is missing …
const SHARE: f32 = 0.5;
/// … and when the part holds no security word.
const PLAIN_SHARE: f32 = 0.6;
/// How much more a row ranks when its requirement names the part (it is about it).
const ABOUT: f32 = 0.1;

/// Whether row `row` states `term`.
pub(crate) fn holds(cx: &Context, term: &Term, row: usize) -> bool {
    let states = in_sense(cx, row);
    states(&term.stems) || term.stand_ins.iter().any(|s| states(s))
}

/// Whether row `row` states `term` in its words or in words of the same meaning (not only an
/// instance of it).
pub(crate) fn holds_plainly(cx: &Context, term: &Term, row: usize) -> bool {
    let states = in_sense(cx, row);
    states(&term.stems) || term.same.iter().any(|s| states(s))
}

/// Whether row `row` holds a phrase in the sense a question means it: one word is not stated
/// where the row says it only in another sense ("screened" is not in "clear screen").
fn in_sense<'a>(cx: &'a Context, row: usize) -> impl Fn(&[String]) -> bool + 'a {
    let m = &cx.prepared.meanings[row];
    move |p: &[String]| m.holds(p) && !(p.len() == 1 && m.bound.contains(&p[0]))
}

/// Whether row `row` speaks of `term` as its subject, not in passing: its text says it as what
/// a phrase is about (not only as the modifier of another word: "network choice" is a choice,
/// "remediation deadline" a deadline), or its own claim says it (a named row's requirement:
/// `Multi-cloud`: "no single-cloud failure …"), or its requirement names it and its text says
/// it too. A catalog control's name alone is a topic, not a statement ("Configuration
/// management: infrastructure state under version control" says nothing of the configuration
/// of laptops), and a named row's ref is its label ("Web — authenticated" is about the web).
pub(crate) fn speaks_of(cx: &Context, term: &Term, row: usize) -> bool {
    let m = &cx.prepared.meanings[row];
    let clauses = &cx.prepared.clauses[row];
    std::iter::once(&term.stems).chain(&term.stand_ins).any(|p| {
        let said = |c: &&Clause| p.iter().all(|s| c.stems.contains(s));
        let as_head = clauses.iter().filter(said).any(|c| p.last().is_some_and(|h| !c.modifiers.contains(h)));
        let claimed = p.iter().all(|s| m.claim.contains(s));
        let named = p.iter().all(|s| m.requirement.contains(s)) && clauses.iter().any(|c| said(&c));
        as_head || claimed || named
    })
}

/// Whether row `row` names `term` as what one of its phrases is about, not only as the modifier
/// of another word: a "customer-facing API" is an API, and names no customer taking part.
pub(crate) fn names_as_head(cx: &Context, term: &Term, row: usize) -> bool {
    std::iter::once(&term.stems).chain(&term.stand_ins).any(|p| {
        cx.prepared.clauses[row]
            .iter()
            .filter(|c| p.iter().all(|s| c.stems.contains(s)))
            .any(|c| p.last().is_some_and(|h| !c.modifiers.contains(h)))
    })
}

/// The most often row `row` says one of `subject` is done (times a year), if it says: only a
/// clause naming one of them counts ("Supply-chain risk plan; annual re-assessment of
/// suppliers" does not say a risk assessment is annual), unless the row's requirement names
/// one (every clause of `Policies for information security` speaks of the policies). With no
/// subject, any clause.
pub(crate) fn row_frequency(cx: &Context, row: usize, subject: &[&Term]) -> Option<f32> {
    let names = |stems: &dyn Fn(&String) -> bool| {
        subject.iter().any(|t| std::iter::once(&t.stems).chain(&t.stand_ins).any(|p| p.iter().all(stems)))
    };
    let requirement = &cx.prepared.meanings[row].requirement;
    let about = subject.is_empty() || names(&|s| requirement.contains(s));
    // A clause giving the frequency of a narrower thing the question names than the row's topic
    // ("tabletop exercises … quarterly" in an exercise programme run nightly) is the one that
    // counts for it.
    let narrower = |c: &Clause| {
        c.frequency.is_some()
            && subject.iter().any(|t| {
                t.stems.iter().all(|s| c.stems.contains(s)) && !t.stems.iter().all(|s| requirement.contains(s))
            })
    };
    let clauses = &cx.prepared.clauses[row];
    if about && clauses.iter().any(narrower) {
        return clauses.iter().filter(|c| narrower(c)).filter_map(|c| c.frequency).reduce(f32::max);
    }
    clauses.iter().filter(|c| about || names(&|s| c.stems.contains(s))).filter_map(|c| c.frequency).reduce(f32::max)
}

/// Whether row `row` states the question's frequency demand (true when it makes none).
fn meets_frequency(cx: &Context, q: &Question, row: usize) -> bool {
    let subject: Vec<&Term> = q.terms.iter().filter(|t| t.role == Role::Subject).collect();
    q.demands.iter().all(|d| match d {
        Demand::Frequency { times, .. } => row_frequency(cx, row, &subject).is_some_and(|f| f >= *times),
        Demand::Scope { .. } => true,
    })
}

/// How a row that states a part stands: rows stating the whole part come first, then those that
/// say as often as the question asks, then by rank, a little higher when its requirement names
/// the part.
#[derive(Debug, Clone, Copy)]
struct Standing {
    row: usize,
    whole: bool,
    often: bool,
    about: bool,
    score: f32,
}

impl Standing {
    fn key(&self) -> (bool, bool, f32) {
        (self.whole, self.often, self.score + if self.about { ABOUT } else { 0.0 })
    }
}

/// How the rows stand to one essential part.
#[derive(Debug, Clone)]
pub(crate) struct PartSupport {
    pub part: usize,
    /// The rows that state the part, best first.
    pub rows: Vec<usize>,
    /// The row that states most of the part when none states all of it.
    pub closest: Option<usize>,
    /// No row states the part, but `rows[0]` says its subject is absent.
    pub absent: bool,
}

/// The share of the question's subject and optional weight that `rows` state.
pub(crate) fn coverage(cx: &Context, q: &Question, rows: &[usize]) -> f32 {
    let counted = || q.terms.iter().filter(|t| matches!(t.role, Role::Subject | Role::Optional));
    let total: f32 = counted().map(|t| t.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    counted().filter(|t| rows.iter().any(|&r| holds(cx, t, r))).map(|t| t.weight).sum::<f32>() / total
}

/// For each essential part of `q`, the rows that state it. A row already answering an earlier
/// part answers a later one it states too ("backups restored and checked": one row).
pub(crate) fn support(cx: &Context, q: &Question, ranking: &Ranking) -> Vec<PartSupport> {
    let mut out: Vec<PartSupport> = Vec::new();
    for (i, &part) in q.parts.iter().enumerate() {
        let mut p = part_support(cx, q, ranking, part);
        // A component ("… includes testing") is stated by a row that also states its whole.
        if let Some(head) = q.heads[i] {
            p.rows.retain(|&r| q.subject(head).any(|t| holds(cx, t, r)));
            p.absent = p.absent && !p.rows.is_empty();
        }
        if let Some(at) = p.rows.iter().position(|r| out.iter().any(|o| o.rows.first() == Some(r))) {
            let row = p.rows.remove(at);
            p.rows.insert(0, row);
        }
        out.push(p);
    }
    out
}

fn part_support(cx: &Context, q: &Question, ranking: &Ranking, part: usize) -> PartSupport {
    let terms: Vec<&Term> = q.subject(part).collect();
    let has_domain = terms.iter().any(|t| t.domain);
    let question_has_domain = q.terms.iter().any(|t| t.role == Role::Subject && t.domain);
    let total: f32 = terms.iter().map(|t| t.weight).sum();
    // Rows that state at least one of the part's terms.
    let mut found: Vec<usize> = Vec::new();
    for t in &terms {
        for phrase in std::iter::once(&t.stems).chain(&t.stand_ins) {
            for r in cx.prepared.rows_holding(phrase) {
                if !found.contains(&(r as usize)) {
                    found.push(r as usize);
                }
            }
        }
    }
    let mut stating: Vec<Standing> = Vec::new();
    let mut closest: Option<(usize, f32, f32)> = None;
    for &row in &found {
        let (held, missing): (Vec<&&Term>, Vec<&&Term>) = terms.iter().partition(|t| holds(cx, t, row));
        let held_weight: f32 = held.iter().map(|t| t.weight).sum();
        // Words may be missing only beside a security word the row says in its own words or
        // the same meaning (an instance of it, "Argon2id" for "passwords", says too little) and
        // speaks of as its subject: a row naming "network" in passing ("network choice" in a
        // remote-working procedure) does not state a "separate network" with a word left out.
        let held_plainly = held.iter().any(|t| t.domain && holds_plainly(cx, t, row))
            && held.iter().any(|t| t.domain && speaks_of(cx, t, row));
        // With no security word to carry it, a part needs more of its words stated.
        let share = if has_domain { SHARE } else { PLAIN_SHARE };
        // A question of everyday words only must hold a word of the trade ("cloud"), or two
        // words: "work" alone says nothing of a security team.
        let trade = has_domain
            || question_has_domain
            || held.len() >= 2
            || held.iter().any(|t| t.stems.len() > 1 || cx.prepared.vocabulary.contains(&t.stems[0]));
        let states = trade
            && (missing.is_empty()
                || (held_plainly || !has_domain)
                    && missing.iter().all(|t| !t.domain && t.known)
                    && held_weight > share * total);
        let score = ranking.score(cx, row, coverage(cx, q, &[row]));
        if states {
            // A row whose requirement names the part's security words is about it; one that
            // only mentions them is not.
            let req = &cx.prepared.meanings[row].requirement;
            let named = |t: &&Term| {
                std::iter::once(&t.stems)
                    .chain(&t.stand_ins)
                    .any(|p| p.iter().all(|s| req.contains(s)) && cx.prepared.meanings[row].holds(p))
            };
            stating.push(Standing {
                row,
                whole: missing.is_empty(),
                often: meets_frequency(cx, q, row),
                about: has_domain && terms.iter().filter(|t| t.domain).all(named),
                score,
            });
        } else if closest.is_none_or(|(_, w, s)| held_weight > w || held_weight == w && score > s) {
            closest = Some((row, held_weight, score));
        }
    }
    stating.sort_by(|a, b| b.key().partial_cmp(&a.key()).unwrap_or(std::cmp::Ordering::Equal).then(a.row.cmp(&b.row)));
    // A row stating the whole part that says its subject is absent comes first: "SSO … not
    // yet available" outweighs a row that names SSO for something else.
    if let Some(at) = stating.iter().position(|s| s.whole && says_absent(cx, &terms, s.row)) {
        if stating[0].whole {
            let absent = stating.remove(at);
            stating.insert(0, absent);
        }
    }
    // Of two rows nearly as good on one page, the one in the worse state: of two equally good
    // readings, the cautious one.
    if let Some(best) = stating.first().copied() {
        let rank = |r: usize| cx.posture.rows[r].status.rank();
        let cover = |r: usize| coverage(cx, q, &[r]);
        // Its gap must speak to the part: a worse state about something else says nothing here.
        // A row named for the part's subject ("Database — primary" for "the database") speaks
        // of it in every clause, its gaps too.
        let gap_speaks = |row: usize| {
            let says = |stems: &std::collections::HashSet<String>| {
                terms
                    .iter()
                    .any(|t| std::iter::once(&t.stems).chain(&t.stand_ins).any(|p| p.iter().all(|s| stems.contains(s))))
            };
            let gaps = || cx.prepared.clauses[row].iter().filter(|c| c.gap);
            gaps().any(|c| says(&c.stems)) || gaps().next().is_some() && says(&cx.prepared.meanings[row].requirement)
        };
        // Two rows both named for the part's subject ("Database — primary", "Database — backup
        // restore" for "the database") are equally good readings of it, whatever search says.
        let named_for = |row: usize| {
            let req = &cx.prepared.meanings[row].requirement;
            terms.iter().any(|t| t.stems.iter().all(|s| req.contains(s)))
        };
        let cautious = stating.iter().skip(1).take(2).find(|other| {
            cx.posture.rows[other.row].page == cx.posture.rows[best.row].page
                && gap_speaks(other.row)
                && (other.whole, other.often, other.about) == (best.whole, best.often, best.about)
                && (other.score >= 0.92 * best.score || named_for(other.row) && named_for(best.row))
                && cover(other.row) >= cover(best.row)
                && rank(other.row) < rank(best.row)
        });
        if let Some(other) = cautious.copied() {
            stating.retain(|s| s.row != other.row);
            stating.insert(0, other);
        }
    }
    let closest = closest.filter(|(_, w, _)| *w > 0.0).map(|(r, _, _)| r);
    if stating.is_empty() {
        if let Some(row) = absence(cx, &terms, &found) {
            return PartSupport { part, rows: vec![row], closest, absent: true };
        }
    }
    PartSupport { part, rows: stating.into_iter().map(|s| s.row).collect(), closest, absent: false }
}

/// Whether a clause of row `row` says a security term of the part is absent.
fn says_absent(cx: &Context, terms: &[&Term], row: usize) -> bool {
    cx.prepared.clauses[row].iter().filter(|c| c.absent).any(|c| {
        terms
            .iter()
            .filter(|t| t.domain)
            .any(|t| std::iter::once(&t.stems).chain(&t.stand_ins).any(|p| p.iter().all(|s| c.stems.contains(s))))
    })
}

/// A row with a clause saying a security term of the part is absent, every other security
/// term of the part being stated by the row or a narrower form of the absent one ("SSO and
/// SCIM provisioning not yet available" for "SSO with SAML for customer accounts").
fn absence(cx: &Context, terms: &[&Term], found: &[usize]) -> Option<usize> {
    let says = |t: &Term, stems: &std::collections::HashSet<String>| {
        std::iter::once(&t.stems).chain(&t.stand_ins).any(|p| p.iter().all(|s| stems.contains(s)))
    };
    found.iter().copied().find(|&row| {
        cx.prepared.clauses[row].iter().filter(|c| c.absent).any(|c| {
            let absent: Vec<&&Term> = terms.iter().filter(|t| t.domain && says(t, &c.stems)).collect();
            !absent.is_empty()
                && terms
                    .iter()
                    .all(|t| holds(cx, t, row) || t.known || absent.iter().any(|a| a.stand_ins.contains(&t.stems)))
        })
    })
}
