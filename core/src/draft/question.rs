//! Step 3: a question read for drafting. Its words become terms (a vocabulary phrase such as
//! "penetration test" is one term), each with a role: a *subject* term says what the question
//! is about and must be stated by the row that answers it; generic words, governance
//! boilerplate ("established, documented, approved …"), actors ("employees") and optional text
//! (examples, parentheses, conditions, follow-up sentences) are not. Subject terms fall into
//! essential *parts* ("encryption and key management": two); the parts a question says
//! something *includes* are components of that something.
//! The question's demands (a frequency, a scope word) and polarity (whether it asks if a bad
//! practice is done) are read from its essential text.

use std::ops::Range;

use super::prepare::{has_word, word_at, Prepared};
use crate::search::tokens;
use crate::vocab;

/// What a term of the question does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// What the question is about: a row must state it.
    Subject,
    /// An example, an alternative, a condition or a follow-up: a row may state it.
    Optional,
    /// Governance boilerplate: "policies and procedures … established, documented".
    Boilerplate,
    /// Who does it: "employees", "the institution".
    Actor,
    /// The bad practice a question asks about ("plaintext"): no row states it.
    Bad,
    /// A frequency or scope word ("annually", "all"): read as a demand, not a subject.
    Demand,
    /// A word saying how ("quickly", "externally"): a row may state it.
    Manner,
    /// Who takes part, named after "with" ("tested with customers"): a row may state it, and a
    /// row that does not leaves the draft a suggestion.
    Participant,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Subject => "subject",
            Role::Optional => "optional",
            Role::Boilerplate => "boilerplate",
            Role::Actor => "actor",
            Role::Bad => "bad practice",
            Role::Demand => "demand",
            Role::Manner => "manner",
            Role::Participant => "participant",
        }
    }
}

/// A concept of a question: a word, or a vocabulary phrase counted once.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub stems: Vec<String>,
    /// The question's own words for it.
    pub words: String,
    pub weight: f32,
    /// Other wordings a row may state instead: the same meaning, or a narrower one.
    pub stand_ins: Vec<Vec<String>>,
    /// Of those, the ones of the same meaning.
    pub same: Vec<Vec<String>>,
    /// A security concept (vocabulary), not an everyday word.
    pub domain: bool,
    /// The posture uses it somewhere (or one of its stand-ins).
    pub known: bool,
    pub role: Role,
    /// The essential part it belongs to.
    pub part: usize,
    /// Where it is in the question (bytes).
    pub span: Range<usize>,
}

/// A demand of the question that the row must state too.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Demand {
    /// How often, in times a year (0: "regularly").
    Frequency { times: f32, words: String },
    /// "all", "every", "exclusively" …, and the words the scope is of ("each *customer
    /// organisation's* data": customer, organisation), bare (lower case, no plural or possessive).
    Scope { words: String, of: Vec<String> },
}

impl Demand {
    pub fn words(&self) -> &str {
        match self {
            Demand::Frequency { words, .. } | Demand::Scope { words, .. } => words,
        }
    }
}

/// Whether the question asks if something good is done, or something bad.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Polarity {
    Plain,
    /// It asks whether a bad practice is done: answered `no` from a row that states one of the
    /// good practices (stems) that rule it out, or says it is not done; never `yes`.
    Bad {
        words: String,
        good: Vec<Vec<String>>,
    },
    /// It asks whether bad events happened ("have you had a breach"): only a row saying there
    /// were none answers it.
    PastEvents,
    /// It is asked in the negative ("is any data not encrypted?"): a row stating the good
    /// practice answers `no`.
    Negative,
}

/// A question read for drafting.
#[derive(Debug, Clone)]
pub(crate) struct Question {
    pub terms: Vec<Term>,
    /// How many essential parts hold subject terms (parts are numbered 0..parts; a part with no
    /// subject term is not counted).
    pub parts: Vec<usize>,
    /// For each of `parts`, the part it is a component of ("… process includes A, B and C").
    pub heads: Vec<Option<usize>>,
    pub demands: Vec<Demand>,
    pub polarity: Polarity,
    /// The numbers of its essential text ("TLS 1.0", "within 72 hours"): a row that states none
    /// of them does not state the question, however many of its words it shares.
    pub numbers: Vec<String>,
    /// It asks whether something is prevented, blocked or guarded against ("protection against
    /// manual console changes"): a row that rules the thing out states the practice, not `no`.
    pub opposes: bool,
}

impl Question {
    pub fn subject(&self, part: usize) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(move |t| t.role == Role::Subject && t.part == part)
    }

    pub fn has_subject(&self) -> bool {
        self.terms.iter().any(|t| t.role == Role::Subject)
    }
}

/// Words that start an example list running to the end of its clause.
const EXAMPLE_MARKERS: &[&str] =
    &["e.g.", "e.g", "eg.", "for example", "for instance", "such as", "i.e.", "like", "examples", "options:"];
/// Words bounding a number from below or above: "1.2 or later", "256 bits or more".
const NUMBER_BOUNDS: &[&str] = &[
    "or later",
    "or higher",
    "or above",
    "or newer",
    "or greater",
    "or more",
    "or better",
    "and above",
    "and later",
    "and higher",
    "or less",
    "or fewer",
    "or lower",
];
/// Words that say when in a process something happens.
pub(super) const TIMING: &[&str] = &["before", "after", "prior to", "until", "upon"];
/// Words that open a leading condition running to the first comma ("For customers not using
/// SSO, …", "If so, …").
const CONDITION_OPENERS: &[&str] = &["for", "if", "when", "where", "in the event", "in case", "unless", "once"];
/// Stems of what is done with a thing ("storing passwords in plaintext"): in a question about
/// a bad practice they belong to the practice, not to its subject.
const HANDLING: &[&str] =
    &["store", "keep", "save", "hold", "retain", "transmit", "send", "use", "put", "leav", "left"];

/// Words after which a list names the components of what precedes.
const INCLUDING: &[&str] = &[
    "include",
    "includes",
    "including",
    "included",
    "covering",
    "covers",
    "cover",
    "encompass",
    "encompasses",
    "consist",
];
/// Words that open a relative clause or a phrase about what precedes ("…, that is tested",
/// "… and for administrators").
const RELATIVE_OPENERS: &[&str] =
    &["with", "that", "which", "who", "whose", "where", "for", "to", "on", "in", "of", "from", "by", "at"];
/// Separators of essential parts.
const PART_SEPARATORS: &[&str] =
    &[";", ", and ", " and ", ", ", " as well as ", " including ", " along with ", " in addition to ", " plus ", " & "];

/// `text` without its parentheses, example lists and follow-up sentences (a leading condition
/// stays: "If you have a SOC 2 report, does it …" asks about the report).
pub(crate) fn without_examples(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let spans: Vec<Range<usize>> = optional_spans(&lower)
        .into_iter()
        .filter(|r| !CONDITION_OPENERS.iter().any(|o| lower[r.clone()].starts_with(&format!("{o} "))))
        .collect();
    let mut bytes = text.as_bytes().to_vec();
    for r in &spans {
        for b in &mut bytes[r.clone()] {
            if b.is_ascii() {
                *b = b' ';
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// Byte ranges of `text` (ASCII-lowercased, same offsets) that are optional.
fn optional_spans(lower: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    // Parentheses and brackets: examples, acronyms, clarifications.
    let mut stack: Vec<usize> = Vec::new();
    for (i, c) in lower.char_indices() {
        match c {
            '(' | '[' => stack.push(i),
            ')' | ']' => {
                if let Some(open) = stack.pop() {
                    if stack.is_empty() {
                        spans.push(open..i + 1);
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(open) = stack.first() {
        spans.push(*open..lower.len());
    }
    // A clause ends at a question mark, a semicolon or the parenthesis closing one opened
    // before it; parentheses opened inside it are its own ("such as RBAC (role-based), ABAC
    // (attribute-based) or …" runs past "(role-based)").
    let clause_end = |from: usize| {
        let mut depth = 0usize;
        for (i, c) in lower[from..].char_indices() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' if depth > 0 => depth -= 1,
                ')' | ']' | '?' | ';' => return from + i,
                _ => {}
            }
        }
        lower.len()
    };
    for marker in EXAMPLE_MARKERS {
        let word = marker.trim_end_matches(['.', ':']);
        for at in word_at(lower, word) {
            // "like" after a comma only; "options" as a heading of answer options only.
            if *marker == "like" && !lower[..at].trim_end().ends_with(',')
                || marker.ends_with(':') && !lower[at + word.len()..].starts_with(':')
            {
                continue;
            }
            spans.push(at..clause_end(at));
        }
    }
    // A leading condition, up to its comma.
    let start = lower.len() - lower.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    for opener in CONDITION_OPENERS {
        if lower[start..].starts_with(&format!("{opener} ")) {
            if let Some(comma) = lower[start..].find(',') {
                let question_mark = lower[start..].find('?').unwrap_or(lower.len());
                if comma < question_mark {
                    spans.push(start..start + comma + 1);
                }
            }
            break;
        }
    }
    // A conditional tail: ", if required".
    for at in word_at(lower, "if") {
        if lower[..at].trim_end().ends_with(',') {
            spans.push(at..clause_end(at));
        }
    }
    // An alternative occasion after a demand ("at least annually or when significant changes
    // occur"): the demand is the question, the alternative a detail.
    for at in word_at(lower, "or") {
        let rest = &lower[at + 2..];
        if CONDITION_OPENERS.iter().chain(["whenever"].iter()).any(|o| rest.trim_start().starts_with(&format!("{o} ")))
        {
            spans.push(at..clause_end(at));
        }
    }
    // When in a process it happens ("… before they are given access", "prior to their first
    // day"): the act is the question, its moment a detail.
    for marker in TIMING {
        for at in word_at(lower, marker) {
            spans.push(at..clause_end(at));
        }
    }
    // A bound after a number ("TLS 1.2 or later", "AES-128 or above") belongs to the number,
    // which a row must say (see `numbers`): it is no word of the subject.
    for bound in NUMBER_BOUNDS {
        for at in word_at(lower, bound) {
            if lower[..at].trim_end().ends_with(|c: char| c.is_ascii_digit()) {
                spans.push(at..at + bound.len());
            }
        }
    }
    // Follow-up sentences after the question itself ("If not, when …?", "Please list …").
    if let Some(q) = lower.find('?') {
        if lower[..q].split_whitespace().count() >= 3 && q + 1 < lower.len() {
            spans.push(q + 1..lower.len());
        }
    }
    spans
}

/// Byte offsets where the essential text's parts begin (the first part at 0).
fn part_starts(lower: &str, optional: &[Range<usize>], joined: &[Range<usize>]) -> Vec<usize> {
    let mut starts = vec![0];
    for sep in PART_SEPARATORS {
        let mut from = 0;
        while let Some(i) = lower[from..].find(sep) {
            let at = from + i;
            if !optional.iter().chain(joined).any(|r| r.contains(&at)) {
                starts.push(at + sep.len());
            }
            from = at + sep.len();
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// The essential text: `lower` with the optional spans blanked out.
fn essential(lower: &str, optional: &[Range<usize>]) -> String {
    let mut bytes = lower.as_bytes().to_vec();
    for r in optional {
        for b in &mut bytes[r.clone()] {
            if b.is_ascii() {
                *b = b' ';
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| lower.to_string())
}

/// The numbers `text` says, each once: a run of digits with inner dots ("1.2", "72", "27001"),
/// not glued to a letter ("2fa", "sha256" and "v2" are words, not numbers).
pub(crate) fn numbers(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !(b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric())) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_digit() || (b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit))) {
            i += 1;
        }
        let number = &text[start..i];
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) && !out.iter().any(|n| n == number) {
            out.push(number.to_string());
        }
    }
    out
}

/// Reads `text` for drafting.
pub(crate) fn read(prepared: &Prepared, text: &str) -> Question {
    let lower = text.to_ascii_lowercase();
    let optional = optional_spans(&lower);
    let starts = part_starts(&lower, &optional, &security_privacy_pairs(&lower));
    let essential_text = essential(&lower, &optional);
    let part_of = |at: usize| starts.iter().rposition(|s| *s <= at).unwrap_or(0);
    let demand_spans = demand_spans(&essential_text);
    let frames = frame_spans(&essential_text);
    let value = value_frame(&essential_text);
    let paired = privacy_beside_security(&essential_text);
    // A negation inside a frame or purpose is not the question's ("… so that an outage would
    // not take it offline?" asks whether it is hosted in several regions).
    let polarity = polarity(prepared, &essential(&essential_text, &frames));
    let parties: Vec<Range<usize>> = vocab::PARTIES
        .iter()
        .flat_map(|p| word_at(&essential_text, p).into_iter().map(move |at| at..at + p.len()))
        .collect();
    let bad_spans: Vec<Range<usize>> = match &polarity {
        Polarity::Bad { words, .. } => word_at(&lower, words).into_iter().map(|at| at..at + words.len()).collect(),
        _ => Vec::new(),
    };

    let mut analyzer = prepared.analyzer.clone();
    let toks = tokens(&mut analyzer, text);
    let mut terms: Vec<Term> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // The longest vocabulary phrase starting here is one concept.
        let phrase: Vec<String> = prepared
            .phrases_from(&toks[i].0)
            .filter(|(p, gaps)| {
                toks.len() - i >= p.len()
                    && toks[i..i + p.len()].iter().map(|t| &t.0).eq(p.iter())
                    && toks[i..i + p.len()].windows(2).map(|w| w[1].1 - w[0].1).eq(gaps.iter().copied())
            })
            .max_by_key(|(p, _)| p.len())
            .map(|(p, _)| p.clone())
            .or_else(|| negated_compound(text, &toks, i))
            .unwrap_or_else(|| vec![toks[i].0.clone()]);
        let span = toks[i].2.start..toks[i + phrase.len() - 1].2.end;
        if phrase.len() == 1 && (is_bound_prefix(text, &toks, i) || is_emphatic_own(&lower, &toks[i])) {
            i += 1;
            continue;
        }
        i += phrase.len();
        if phrase.iter().all(|s| s.chars().all(|c| c.is_ascii_digit())) || terms.iter().any(|t| t.stems == phrase) {
            continue;
        }
        // A phrase's key words: without its actors ("cloud provider": cloud), unless that leaves
        // none; a single word is its own key unless it is generic.
        let key: Vec<String> = if phrase.len() > 1 {
            phrase.iter().filter(|s| !prepared.actors.contains(*s)).cloned().collect()
        } else {
            phrase
                .iter()
                .filter(|s| !is_generic(prepared, s, &lower[span.clone()]) && !prepared.actors.contains(*s))
                .cloned()
                .collect()
        };
        let full = phrase.clone();
        let only_actors = key.is_empty() && phrase.iter().any(|s| prepared.actors.contains(s));
        let phrase = if key.is_empty() { phrase } else { key };
        let single = phrase.len() == 1;
        let within = |spans: &[Range<usize>]| spans.iter().any(|r| r.start <= span.start && span.end <= r.end);
        let handling = matches!(polarity, Polarity::Bad { .. }) && single && HANDLING.contains(&phrase[0].as_str());
        // What a question asks the level or kind of is its subject, and must be stated, even a
        // word most questions use in passing: "what level of access …" asks about access.
        let asked = !within(&optional) && asks_kind_of(&lower[..span.start]);
        let role = if within(&bad_spans) || handling {
            Role::Bad
        } else if asked {
            Role::Subject
        } else if single && is_generic(prepared, &phrase[0], &lower[span.clone()]) {
            continue;
        } else if within(&optional) {
            Role::Optional
        } else if within(&demand_spans) {
            Role::Demand
        } else if single && is_manner(&lower[span.clone()]) {
            Role::Manner
        } else if single && prepared.boilerplate.contains(&phrase[0]) && !reviews_a_thing(&lower, &lower[span.clone()])
        {
            Role::Boilerplate
        } else if (only_actors || single && prepared.actors.contains(&phrase[0])) && after_with(&lower[..span.start]) {
            Role::Participant
        } else if only_actors || single && prepared.actors.contains(&phrase[0]) || within(&parties) {
            Role::Actor
        } else if within(&frames) || within(&paired) {
            Role::Manner
        } else {
            Role::Subject
        };
        // Stand-ins: members of the same meaning, or narrower, of the groups in which the phrase
        // means the group's idea (a narrower or related member stands in for nothing).
        let (mut stand_ins, mut same) = prepared.stand_ins(&full);
        if full != phrase {
            let (more, more_same) = prepared.stand_ins(&phrase);
            stand_ins.extend(more.into_iter().filter(|p| *p != phrase));
            same.extend(more_same.into_iter().filter(|p| *p != phrase));
        }
        stand_ins.retain(|p| *p != phrase && *p != full);
        same.retain(|p| *p != phrase && *p != full);
        let weights: Vec<f32> = phrase.iter().map(|s| prepared.weight(s)).collect();
        let max = weights.iter().copied().fold(0.0, f32::max);
        let mut weight = max + 0.5 * (weights.iter().sum::<f32>() - max);
        let domain = asked
            || full.len() > 1
            || prepared.domain.contains(&phrase[0])
            || single && text.get(span.clone()).is_some_and(is_acronym);
        let known = std::iter::once(&phrase).chain(&stand_ins).any(|p| !prepared.rows_holding(p).is_empty())
            || phrase.iter().all(|s| prepared.df.contains_key(s));
        // A security phrase the posture never uses ("red team") weighs like any unknown security
        // word: the posture's silence on it matters.
        if domain && !single && phrase.iter().any(|s| !prepared.df.contains_key(s)) {
            weight = weight.max(prepared.unknown_weight());
        }
        terms.push(Term {
            words: text[span.clone()].to_string(),
            stems: phrase,
            weight,
            stand_ins,
            same,
            domain,
            known,
            role,
            part: part_of(span.start),
            span,
        });
    }
    // A question asking which value ("Which TLS versions does the service accept?") asks it of
    // what its phrase's other words name: the kind of value ("versions") and the verb relating
    // it ("accept") say what to answer, which a row states as a value ("TLS 1.2+"). They are
    // manner — a row leaving them unsaid gives a suggestion, not an assertion — when a security
    // word of the phrase remains the subject.
    if let Some(v) = &value {
        let in_span = |t: &Term, r: &Range<usize>| r.start <= t.span.start && t.span.end <= r.end;
        let of_what = terms.iter().any(|t| {
            t.role == Role::Subject && t.domain && in_span(t, &v.phrase) && !v.said.iter().any(|r| in_span(t, r))
        });
        if of_what {
            for t in terms.iter_mut().filter(|t| t.role == Role::Subject && v.said.iter().any(|r| in_span(t, r))) {
                t.role = Role::Manner;
            }
        }
    }
    // A frame or purpose holding every subject word is what the question asks ("Are controls
    // in place to prevent data loss?"): its words are the subject after all.
    if !terms.iter().any(|t| t.role == Role::Subject) {
        let framed = |t: &Term| frames.iter().any(|r| r.start <= t.span.start && t.span.end <= r.end);
        for t in terms.iter_mut().filter(|t| t.role == Role::Manner && framed(t)) {
            t.role = Role::Subject;
        }
    }
    // A question of boilerplate alone asks about the documents it names ("Are security
    // policies reviewed at least annually?" asks about the policies): they are its subject.
    if !terms.iter().any(|t| t.role == Role::Subject) {
        for t in terms.iter_mut().filter(|t| {
            t.role == Role::Boilerplate && vocab::DOCUMENTS.contains(&t.words.to_ascii_lowercase().as_str())
        }) {
            t.role = Role::Subject;
        }
    }
    abbreviate(text, &mut terms);
    restate(text, &mut terms);
    merge_plain_parts(&mut terms);
    let (merged, heads) = parts_and_heads(&terms, &starts, &essential_text);
    Question {
        demands: demands(&essential_text),
        terms,
        parts: merged,
        heads,
        polarity,
        numbers: numbers(&essential_text),
        opposes: opposes(&essential_text),
    }
}

/// Who a company serves, as questions name them.
const SERVED: &[&str] = &[
    "customer",
    "customers",
    "client",
    "clients",
    "institution",
    "institutions",
    "tenant",
    "tenants",
    "user",
    "users",
];

/// Whether the question asks a thing *to*, *for* or *by* the people a company serves ("training
/// to your customers", "for institution users", "remediated by the customer"), or asks about
/// them ("are customers given …", "can clients export …"), not of its own people.
pub(crate) fn for_the_served(text: &str) -> bool {
    const BETWEEN: &[&str] =
        &["your", "our", "the", "their", "its", "all", "each", "every", "end", "institution", "customer"];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().trim_end_matches("'s").trim_end_matches('\'').to_string())
        .collect();
    // "Are customers given …", "Do your clients receive …": the served are who the question is
    // about — the first words after its opening verb name them. ("Users" stays out here: a
    // vendor's questionnaire often means its own users, "are all users trained".)
    const OPENERS: &[&str] = &["are", "is", "do", "does", "can", "will", "have", "has", "must", "should"];
    let skip =
        |j: usize| words.get(j).is_some_and(|w| ["your", "our", "the", "all", "each", "every"].contains(&w.as_str()));
    let mut j = 1;
    while skip(j) {
        j += 1;
    }
    let is_who = |j: usize| words.get(j).is_some_and(|w| SERVED.contains(&w.as_str()) && !w.starts_with("user"));
    // Only when a verb of what is done to or had by people follows: "are customer accounts …",
    // "can customers delete …" say nothing of who the rows serve.
    const DONE_TO: &[&str] = &[
        "given", "offered", "provided", "trained", "screened", "receive", "get", "attend", "take", "complete",
        "undergo", "required", "expected", "asked", "bound", "sign", "subject", "have",
    ];
    // Their people are them too: "are your customers' employees background-checked?".
    const PEOPLE: &[&str] =
        &["employees", "staff", "personnel", "workforce", "users", "administrators", "admins", "students", "members"];
    let done_to_them =
        |j: usize| words.get(j + 1).is_some_and(|w| DONE_TO.contains(&w.as_str()) || PEOPLE.contains(&w.as_str()));
    if words.first().is_some_and(|w| OPENERS.contains(&w.as_str())) && is_who(j) && done_to_them(j) {
        return true;
    }
    // Their things are not them: "access to customer data", "for customer accounts".
    const THEIR_THINGS: &[&str] = &[
        "data",
        "information",
        "account",
        "accounts",
        "record",
        "records",
        "content",
        "file",
        "files",
        "environment",
        "environments",
        "instance",
        "instances",
        "key",
        "keys",
        "credential",
        "credentials",
        "password",
        "passwords",
        "traffic",
        "system",
        "systems",
        "network",
        "networks",
        "database",
        "databases",
        "backup",
        "backups",
        "log",
        "logs",
        "communication",
        "communications",
        "request",
        "requests",
        "contract",
        "contracts",
        "agreement",
        "agreements",
    ];
    words.iter().enumerate().filter(|(_, w)| ["to", "for", "by", "on"].contains(&w.as_str())).any(|(i, _)| {
        let mut j = i + 1;
        while words.get(j).is_some_and(|w| BETWEEN.contains(&w.as_str()))
            && words.get(j + 1).is_some_and(|w| SERVED.contains(&w.as_str()) || BETWEEN.contains(&w.as_str()))
        {
            j += 1;
        }
        words.get(j).is_some_and(|w| SERVED.contains(&w.as_str()))
            && words.get(j + 1).is_none_or(|w| !THEIR_THINGS.contains(&w.as_str()))
    })
}

/// Whether the question names the served as who does what it asks ("classified by the
/// customer", "remediated by your clients").
pub(crate) fn by_the_served(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        w == "by"
            && words[i + 1..]
                .iter()
                .find(|w| {
                    !["the", "your", "our", "their", "its", "each", "every", "all", "a", "an"].contains(&w.as_str())
                })
                .is_some_and(|w| SERVED.contains(&w.as_str()) && !w.starts_with("user"))
    })
}

/// Whether a question names the served (customers, clients, institutions, tenants: not
/// "users", often the vendor's own) other than as whose data the vendor holds ("customer data",
/// "customers' records"): "customer contracts", "customer clocks", "customers install",
/// "jointly with customers" ask of them or of their things, which a row that never names them
/// does not state.
pub(crate) fn names_the_served(text: &str) -> bool {
    const HELD: &[&str] =
        &["data", "information", "record", "records", "content", "file", "files", "account", "accounts", "pii"];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().trim_end_matches("'s").trim_end_matches('\'').to_string())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        SERVED.contains(&w.as_str())
            && !w.starts_with("user")
            && words.get(i + 1).is_none_or(|next| !HELD.contains(&next.as_str()))
    })
}

/// "non-production", "non-employees", "de-identified": a word negated or undone by its prefix is
/// one concept, which a row saying only the word ("production", "identified") does not state.
fn negated_compound(text: &str, toks: &[(String, usize, Range<usize>)], i: usize) -> Option<Vec<String>> {
    let (this, next) = (toks.get(i)?, toks.get(i + 1)?);
    ((this.0 == "non" || this.0 == "de") && text.get(this.2.end..next.2.start) == Some("-"))
        .then(|| vec![this.0.clone(), next.0.clone()])
}

/// A bound prefix before a hyphen: "re-" of "re-evaluated" says the act recurs, "multi-" of
/// "multi-state", "pre-" of "pre-employment", "co-", "sub-", "inter-", "cross-" … how many or
/// when; the concept is the word after it (a row saying "annual re-assessment" or "assessed
/// yearly" states it alike). A vocabulary phrase with the prefix ("multi-region") is read as a
/// phrase before this is asked; "non-" is a negation (`negated_compound`), never dropped.
fn is_bound_prefix(text: &str, toks: &[(String, usize, Range<usize>)], i: usize) -> bool {
    const BOUND: &[&str] = &["re", "multi", "pre", "co", "sub", "semi", "inter", "intra", "post", "cross"];
    let (this, next) = match (toks.get(i), toks.get(i + 1)) {
        (Some(a), Some(b)) => (a, b),
        _ => return false,
    };
    BOUND.contains(&this.0.as_str()) && text.get(this.2.end..next.2.start) == Some("-")
}

/// "own" after a possessive ("the vendor's own suppliers", "their own staff") stresses whose
/// they are; it says nothing of ownership.
fn is_emphatic_own(lower: &str, tok: &(String, usize, Range<usize>)) -> bool {
    const POSSESSIVES: &[&str] = &["its", "their", "your", "our", "his", "her", "my"];
    if lower.get(tok.2.clone()) != Some("own") {
        return false;
    }
    let before = lower[..tok.2.start].trim_end();
    let last = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    POSSESSIVES.contains(&last) || last.ends_with("'s") || last.ends_with("s'") || last.ends_with("’s")
}

/// A part of one everyday word ("collect" of "collect, process or store personal data")
/// before a part with a security word is no part of its own, which any row using the word would
/// answer: it joins that part, at half its weight.
fn merge_plain_parts(terms: &mut [Term]) {
    const MERGED_WEIGHT: f32 = 0.5;
    let subject = |t: &Term| t.role == Role::Subject;
    let mut parts: Vec<usize> = terms.iter().filter(|t| subject(t)).map(|t| t.part).collect();
    parts.dedup();
    let secure: Vec<usize> =
        parts.iter().copied().filter(|&p| terms.iter().any(|t| subject(t) && t.part == p && t.domain)).collect();
    if secure.is_empty() {
        return;
    }
    // A clause of its own ("… and are the keys kept in a hardware module") is a part, however
    // plain its words: only a lone word is merged.
    let lone: Vec<usize> =
        parts.iter().copied().filter(|&p| terms.iter().filter(|t| subject(t) && t.part == p).count() == 1).collect();
    // A word the posture never uses ("AI" of "… and use of AI") may be the question's point.
    let known = |p: usize| terms.iter().filter(|t| subject(t) && t.part == p).all(|t| t.known);
    let lone: Vec<usize> = lone.into_iter().filter(|&p| known(p)).collect();
    for p in parts.into_iter().filter(|p| !secure.contains(p) && lone.contains(p)) {
        // Only before what it acts on ("collect, process or store X"): a lone word after the
        // subject is a predicate of its own ("incidents are handled and escalated").
        let to = secure.iter().copied().find(|&s| s > p);
        if let Some(to) = to {
            for t in terms.iter_mut().filter(|t| t.part == p) {
                t.part = to;
                t.weight *= MERGED_WEIGHT;
            }
        }
    }
}

/// Whether the words before a term end in "with" (and a determiner): "tested with (our)
/// customers" names who takes part, which "tested" alone does not say.
fn after_with(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let last = words.next().unwrap_or("");
    let last = if ["the", "our", "your", "their", "its", "all", "any", "some"].contains(&last) {
        words.next().unwrap_or("")
    } else {
        last
    };
    last == "with"
}

/// The essential parts that hold subject terms, and for each the part it is a component of
/// (after "includes") or says something of (a relative clause).
fn parts_and_heads(terms: &[Term], starts: &[usize], essential_text: &str) -> (Vec<usize>, Vec<Option<usize>>) {
    let mut merged: Vec<usize> = terms.iter().filter(|t| t.role == Role::Subject).map(|t| t.part).collect();
    merged.sort_unstable();
    merged.dedup();
    // Parts after "includes" (and the like) are components of the part that says it.
    let span_of = |i: usize| {
        let from = starts[merged[i]];
        let to = merged.get(i + 1).map(|&x| starts[x]).unwrap_or(essential_text.len());
        from..to
    };
    let including = (0..merged.len()).find(|&i| INCLUDING.iter().any(|w| has_word(&essential_text[span_of(i)], w)));
    // A part that opens a relative clause ("…, with a clear owner", "…, that is tested") says
    // something of the part before it.
    let relative = |i: usize| {
        let text = essential_text[span_of(i)].trim_start();
        RELATIVE_OPENERS.iter().any(|w| text.starts_with(&format!("{w} ")))
    };
    let mut heads: Vec<Option<usize>> = Vec::new();
    for i in 0..merged.len() {
        let head = match including {
            Some(h) if i > h => Some(merged[h]),
            _ if i > 0 && relative(i) => heads[i - 1].or(Some(merged[i - 1])),
            _ => None,
        };
        heads.push(head);
    }
    (merged, heads)
}

/// The words an acronym in parentheses stands for: "(SDLC)" after "systems development life
/// cycle", "(SSO)" after "single sign-on". Returns the byte range of those words.
fn acronym_of(text: &str, open: usize, close: usize) -> Option<Range<usize>> {
    let inner = text.get(open + 1..close)?.trim();
    let letters: Vec<char> = inner.trim_end_matches('s').chars().collect();
    let is_acronym = (2..=6).contains(&letters.len())
        && letters.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && letters.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2;
    if !is_acronym {
        return None;
    }
    let initials: Vec<char> =
        letters.iter().filter(|c| c.is_ascii_uppercase()).map(|c| c.to_ascii_lowercase()).collect();
    // The words before the parenthesis, hyphenated parts counted apart.
    let before = &text[..open];
    let mut words: Vec<(usize, char)> = Vec::new();
    let mut at = before.len();
    for w in before.rsplit(|c: char| c.is_whitespace() || c == '-') {
        at -= w.len();
        if let Some(first) = w.chars().next().filter(|c| c.is_alphanumeric()) {
            words.push((at, first.to_ascii_lowercase()));
        }
        if words.len() == initials.len() {
            break;
        }
        at = at.saturating_sub(1);
    }
    words.reverse();
    let matches = words.len() == initials.len() && words.iter().map(|(_, c)| *c).eq(initials.iter().copied());
    matches.then(|| words[0].0..open)
}

/// An acronym in parentheses stands in for the words it abbreviates: a row stating "SDLC"
/// states "systems development life cycle".
fn abbreviate(text: &str, terms: &mut [Term]) {
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        let Some(close) = text[open..].find(')').map(|i| open + i) else { break };
        from = close;
        let Some(words) = acronym_of(text, open, close) else { continue };
        let inside: Vec<Vec<String>> = terms
            .iter()
            .filter(|t| open <= t.span.start && t.span.end <= close)
            .flat_map(|t| std::iter::once(t.stems.clone()).chain(t.stand_ins.iter().cloned()))
            .collect();
        for t in terms.iter_mut().filter(|t| words.start <= t.span.start && t.span.end <= words.end) {
            for p in &inside {
                if !t.stand_ins.contains(p) {
                    t.stand_ins.push(p.clone());
                    t.same.push(p.clone());
                }
            }
        }
    }
}

/// Words that qualify rather than name: a parenthesis of them ("(if any)", "(optional)") is no
/// other name for the word before it.
const NOT_A_NAME: &[&str] = &[
    "if",
    "any",
    "optional",
    "yes",
    "no",
    "only",
    "all",
    "both",
    "either",
    "none",
    "required",
    "applicable",
    "etc",
    "example",
    "examples",
    "see",
    "below",
    "above",
    "current",
    "planned",
];

/// A parenthesis right after a word, holding one other name for it ("subcontractors
/// (subprocessors)", "the maximum data loss (RPO)"): the question says in its own words what
/// a row may call it, so the name inside stands in for the term before it.
fn restate(text: &str, terms: &mut [Term]) {
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        let Some(close) = text[open..].find(')').map(|i| open + i) else { break };
        from = close;
        if acronym_of(text, open, close).is_some() {
            continue;
        }
        let inner = text[open + 1..close].trim();
        let inner = inner.strip_prefix("i.e.").or_else(|| inner.strip_prefix("aka")).unwrap_or(inner).trim();
        let words: Vec<&str> = inner.split_whitespace().collect();
        if words.is_empty()
            || words.len() > 3
            || inner.chars().any(|c| c.is_ascii_digit() || matches!(c, ',' | '/' | ';' | ':' | '.'))
            || words.iter().any(|w| NOT_A_NAME.contains(&w.to_ascii_lowercase().as_str()))
        {
            continue;
        }
        let inside: Vec<usize> =
            (0..terms.len()).filter(|&i| open <= terms[i].span.start && terms[i].span.end <= close).collect();
        let [one] = inside[..] else { continue };
        let name = terms[one].stems.clone();
        let before = terms
            .iter()
            .enumerate()
            .filter(|(_, t)| t.span.end <= open && text[t.span.end..open].trim().is_empty())
            .map(|(i, _)| i)
            .next();
        let Some(before) = before else { continue };
        let t = &mut terms[before];
        if t.stems != name && !t.stand_ins.contains(&name) {
            t.stand_ins.push(name.clone());
            t.same.push(name);
        }
    }
}

/// Whether `word` is "review" said of a thing a company operates, not of a document: "are audit
/// logs reviewed", "are access rights reviewed quarterly" ask for a review (a practice a row
/// must state); "is the policy reviewed annually" is questionnaire boilerplate about a document.
fn reviews_a_thing(lower: &str, word: &str) -> bool {
    ["review", "reviewed", "reviews"].contains(&word)
        && !lower.split(|c: char| !c.is_alphanumeric()).any(|w| vocab::DOCUMENTS.contains(&w))
}

/// A word written as an acronym ("HSTS", "SCIM", "WAF", "EDR"): a term of the trade, whether
/// or not the vocabulary knows it — a row stating it states a security word, and a posture
/// silent on it leaves the question's subject unstated.
fn is_acronym(word: &str) -> bool {
    (3..=6).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && word.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

/// Words that ask for the level or kind of what follows them and "of".
const KIND_OF: &[&str] = &["level", "levels", "type", "types", "kind", "kinds", "sort", "sorts", "degree", "extent"];

/// Whether `before` (the question up to a word) ends in "level of", "kinds of" and the like.
fn asks_kind_of(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    words.next() == Some("of") && words.next().is_some_and(|w| KIND_OF.contains(&w))
}

/// Whether a question word is an everyday word of questionnaire phrasing: its stem is one of
/// theirs and the word is one of them or an inflection of one. A word that only shares the stem
/// is not: "production" stems to "product" but is where systems run.
fn is_generic(prepared: &Prepared, stem: &str, word: &str) -> bool {
    if !prepared.generic.contains(stem) {
        return false;
    }
    let listed = |w: &str| vocab::GENERIC.contains(&w);
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    listed(word)
        || ["s", "es", "ed", "d", "ing", "ly"]
            .iter()
            .any(|suffix| word.strip_suffix(suffix).is_some_and(|root| listed(root) || listed(&format!("{root}e"))))
}

/// An adverb of manner ("quickly", "externally") or a word grading how well ("strong",
/// "industry-accepted"): it says how, not what.
fn is_manner(word: &str) -> bool {
    const NOT_ADVERBS: &[&str] = &["family", "assembly", "anomaly", "anomalies", "monopoly", "italy"];
    word.len() >= 6 && word.ends_with("ly") && !word.ends_with("ply") && !NOT_ADVERBS.contains(&word)
        || vocab::GRADES.contains(&word)
}

/// Words that open the frame a practice follows ("in accordance with applicable laws", "based
/// on a risk-based approach") or its purpose ("to ensure availability"): they say how or why
/// it is done, which a row may leave unsaid for a suggestion, not for an assertion.
const FRAME_OPENERS: &[&str] = &[
    "in accordance with",
    "according to",
    "in line with",
    "consistent with",
    "in compliance with",
    "pursuant to",
    "as required by",
    "as defined in",
    "based on",
    "aligned with",
    "aligned to",
    "commensurate with",
    "proportionate to",
    "proportional to",
    // Purposes: why it is done.
    "to ensure",
    "to protect",
    "to prevent",
    "to support",
    "to limit",
    "to reduce",
    "to minimize",
    "to minimise",
    "to maintain",
    "to determine",
    "to safeguard",
    "to guarantee",
    "to enable",
    "in order to",
    "so that",
];

/// Byte ranges of the essential text from a frame opener to the end of its clause.
fn frame_spans(essential: &str) -> Vec<Range<usize>> {
    let end = |from: usize| essential[from..].find(['?', ';', '.', ',']).map_or(essential.len(), |i| from + i);
    FRAME_OPENERS.iter().flat_map(|o| word_at(essential, o).into_iter().map(move |at| at..end(at))).collect()
}

/// "privacy" said with "security" ("the security and privacy programme", "privacy/security
/// training"): it says the practice covers personal data too, which a row on the security
/// practice may leave unsaid for a suggestion, not for an assertion (the same pairing maps to
/// nothing: `crate::crosswalk`).
fn privacy_beside_security(essential: &str) -> Vec<Range<usize>> {
    security_privacy_pairs(essential)
        .into_iter()
        .filter_map(|r| {
            word_at(&essential[r.clone()], PRIVACY).first().map(|&at| r.start + at..r.start + at + PRIVACY.len())
        })
        .collect()
}

const SECURITY: &str = "security";
const PRIVACY: &str = "privacy";

/// Where "security and privacy" (or "privacy & security", "security/privacy") is said: one
/// scope of what follows, not two parts of the question.
fn security_privacy_pairs(lower: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for at in word_at(lower, PRIVACY) {
        let before = lower[..at].trim_end();
        let after = lower[at + PRIVACY.len()..].trim_start();
        let joins = ["and", "&", "/", ","];
        if let Some(b) = joins.iter().find_map(|j| before.strip_suffix(j)).map(str::trim_end) {
            if b.ends_with(SECURITY) && word_at(b, SECURITY).last() == Some(&(b.len() - SECURITY.len())) {
                out.push(b.len() - SECURITY.len()..at + PRIVACY.len());
                continue;
            }
        }
        if let Some(r) = joins.iter().find_map(|j| after.strip_prefix(j)).map(str::trim_start) {
            if r.starts_with(SECURITY) && word_at(r, SECURITY).first() == Some(&0) {
                let end = lower.len() - r.len() + SECURITY.len();
                out.push(at..end);
            }
        }
    }
    out
}

/// Auxiliaries that end the phrase a which/what question asks about.
const AUXILIARIES: &[&str] =
    &["do", "does", "did", "is", "are", "was", "were", "has", "have", "can", "will", "would", "should", "must"];

/// `text` without what a questionnaire writes before what it asks: an item number ("10.4 ",
/// "Q12. ") and a short section label of words ("Data Protection — ", "Access control: "). No
/// row states them. A label is taken only when what follows opens a question or a request, and
/// never one with digits ("TLS 1.2: is it enforced?" keeps its subject).
pub(crate) fn without_label(text: &str) -> &str {
    use crate::pattern::Regex;
    use std::sync::OnceLock;
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    static LABEL: OnceLock<Regex> = OnceLock::new();
    const OPENERS: &[&str] = &[
        "do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would",
        "should", "must", "may", "what", "which", "how", "who", "where", "when", "why", "describe", "provide", "list",
        "explain", "please", "confirm", "state", "indicate", "specify", "select", "attach", "identify",
    ];
    let number = NUMBER.get_or_init(|| {
        Regex::new(r"^\s*(?:[Qq]\s?)?\d+(?:\.\d+)*[.):]?(?:\s*[—–]\s*|\s+-\s+|\s+)").expect("item number pattern")
    });
    let label = LABEL.get_or_init(|| {
        Regex::new(r"^[A-Za-z][A-Za-z&/,' ]{0,40}?(?:\s+[—–-]\s+|\s*[—–]\s*|:\s+)").expect("section label pattern")
    });
    let opens = |rest: &str| {
        rest.split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .is_some_and(|w| OPENERS.contains(&w.to_lowercase().as_str()))
    };
    let mut rest = text;
    if let Some(m) = number.find(rest) {
        if rest[m.end()..].starts_with(|c: char| c.is_alphabetic()) {
            rest = &rest[m.end()..];
        }
    }
    if let Some(m) = label.find(rest) {
        if m.as_str().split_whitespace().count() <= 6 && opens(&rest[m.end()..]) {
            rest = &rest[m.end()..];
        }
    }
    rest.trim_start()
}

/// Whether `text` asks yes or no: it opens with an auxiliary ("Is …", "Has …", "Could …"), after
/// a short section label if it has one ("Access control: Do you …").
pub(crate) fn asks_yes_no(text: &str) -> bool {
    let lower = text.to_lowercase();
    let body = match lower.find(':') {
        Some(i) if i < 40 && !lower[..i].contains('?') => &lower[i + 1..],
        _ => lower.as_str(),
    };
    body.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| AUXILIARIES.contains(&w) || ["had", "could"].contains(&w))
}
/// Words that end the clause after an auxiliary: what follows is no longer its subject and verb.
const CLAUSE_ENDS: &[&str] =
    &["for", "to", "in", "on", "at", "by", "with", "from", "of", "between", "within", "when", "and", "or"];

/// What a question asking which value says beside what the value is of.
#[derive(Debug, Clone)]
struct ValueFrame {
    /// The phrase after "which"/"what" ("TLS versions").
    phrase: Range<usize>,
    /// The kind of value (the phrase's last word, "versions") and the verb relating it ("accept").
    said: Vec<Range<usize>>,
}

/// The frame of a question opening "which X Y" or "what X Y" and an auxiliary ("Which TLS
/// versions does the service accept …", "What hashing algorithm is used …"): `None` when the
/// phrase is one word (then it is the subject: "Which data is encrypted?") or longer than four,
/// or holds "of" ("which of the following"), or no auxiliary follows it.
fn value_frame(essential: &str) -> Option<ValueFrame> {
    let words: Vec<(usize, &str)> = essential
        .split_whitespace()
        .map(|w| {
            let at = w.as_ptr() as usize - essential.as_ptr() as usize;
            let trimmed = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            (at, trimmed)
        })
        .collect();
    let (first, rest) = words.split_first()?;
    if !["which", "what"].contains(&first.1) {
        return None;
    }
    let aux = rest.iter().position(|(_, w)| AUXILIARIES.contains(w))?;
    let phrase = &rest[..aux];
    if !(2..=4).contains(&phrase.len()) || phrase.iter().any(|(_, w)| CLAUSE_ENDS.contains(w) || w.is_empty()) {
        return None;
    }
    let span = |(at, w): &(usize, &str)| *at..*at + w.len();
    let mut said = vec![span(phrase.last()?)];
    // The verb: "does the service accept" (the clause's last word before a preposition), or
    // "is used", "are supported" (a participle right after a form of "be").
    let after = &rest[aux + 1..];
    let clause: Vec<&(usize, &str)> =
        after.iter().take_while(|(_, w)| !CLAUSE_ENDS.contains(w) && !w.is_empty()).collect();
    match rest[aux].1 {
        "do" | "does" | "did" if (2..=4).contains(&clause.len()) => said.push(span(clause[clause.len() - 1])),
        "is" | "are" | "was" | "were" if clause.first().is_some_and(|(_, w)| w.ends_with("ed")) => {
            said.push(span(clause[0]))
        }
        _ => {}
    }
    Some(ValueFrame { phrase: span(&phrase[0]).start..span(phrase.last()?).end, said })
}

/// Byte ranges of the frequency and scope words of the essential text.
fn demand_spans(essential: &str) -> Vec<Range<usize>> {
    let frequency = vocab::FREQUENCIES.iter().map(|(w, _)| *w);
    // A bound before a frequency is the frequency's: "at least annually".
    let bound = |at: usize| {
        let before = essential[..at].trim_end();
        vocab::BOUNDS.iter().find(|b| before.ends_with(*b)).map_or(at, |b| before.len() - b.len())
    };
    frequency
        .chain(vocab::SCOPE_WORDS.iter().copied())
        .flat_map(|w| {
            word_at(essential, w)
                .into_iter()
                .filter(move |&at| !reciprocal(essential, w, at))
                .map(move |at| bound(at)..at + w.len())
        })
        .collect()
}

/// "each other": who does it to whom, not a scope ("tenants isolated from each other").
fn reciprocal(essential: &str, word: &str, at: usize) -> bool {
    word == "each" && essential[at + word.len()..].split_whitespace().next().is_some_and(|w| w.starts_with("other"))
}

fn demands(essential: &str) -> Vec<Demand> {
    let mut out = Vec::new();
    let found: Vec<(&str, f32, usize)> = vocab::FREQUENCIES
        .iter()
        .flat_map(|(w, f)| word_at(essential, w).into_iter().map(move |at| (*w, *f, at)))
        .collect();
    if let Some((words, times, _)) = found.iter().max_by(|a, b| a.1.total_cmp(&b.1).then(a.0.len().cmp(&b.0.len()))) {
        out.push(Demand::Frequency { times: *times, words: words.to_string() });
    }
    // A scope word inside a frequency ("every night") is the frequency's.
    let in_frequency = |at: usize| found.iter().any(|(w, _, f)| *f <= at && at < f + w.len());
    for w in vocab::SCOPE_WORDS {
        if let Some(at) =
            word_at(essential, w).into_iter().find(|&at| !in_frequency(at) && !reciprocal(essential, w, at))
        {
            let of = essential[at + w.len()..]
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|x| !x.is_empty())
                .take(3)
                .map(bare)
                .collect();
            out.push(Demand::Scope { words: w.to_string(), of });
        }
    }
    // "Isolated per customer", "per-tenant keys": the practice is asked of each customer's share
    // apart, which a row must say (per organisation) or say of all.
    let lower = essential.to_lowercase();
    if let Some(unit) = word_at(&lower, "per")
        .into_iter()
        .chain(lower.match_indices("per-").map(|(at, _)| at))
        .filter(|&at| lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        .filter_map(|at| {
            lower[at + 3..].trim_start_matches([' ', '-']).split(|c: char| !c.is_alphanumeric() && c != '\'').next()
        })
        .map(bare)
        .find(|w| TENANT_UNITS.contains(&w.as_str()))
    {
        out.push(Demand::Scope { words: format!("per {unit}"), of: vec![unit] });
    }
    out
}

/// A word without its possessive or plural ending, lower case: "organisation's" and
/// "organisations" are "organisation".
pub(crate) fn bare(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(&w);
    w.strip_suffix('s').filter(|r| r.len() > 2 && !r.ends_with('s')).unwrap_or(w).to_string()
}

/// Whether `clause` says "per X" (or "per-X") of a word of `of`: "per-organisation isolation"
/// isolates each organisation's data.
pub(crate) fn per_each(clause: &str, of: &[String]) -> bool {
    let lower = clause.to_lowercase();
    word_at(&lower, "per").into_iter().chain(lower.match_indices("per-").map(|(at, _)| at)).any(|at| {
        let before = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let next = lower[at + 3..].trim_start_matches([' ', '-']).split(|c: char| !c.is_alphanumeric()).next();
        before && next.is_some_and(|w| !w.is_empty() && (of.contains(&bare(w)) || tenancy(&bare(w), of)))
    })
}

/// Words naming the unit a multi-tenant service keeps customers apart by: "per organisation"
/// says "each customer", "each tenant", "each institution" of the organisation that is one.
const TENANT_UNITS: &[&str] =
    &["customer", "tenant", "organisation", "organization", "institution", "client", "account", "subscriber"];

fn tenancy(per: &str, of: &[String]) -> bool {
    TENANT_UNITS.contains(&per) && of.iter().any(|w| TENANT_UNITS.contains(&w.as_str()))
}

/// Whether the question asks about guarding against a thing (see [`Question::opposes`]).
pub(crate) fn opposes(essential: &str) -> bool {
    const OPPOSING: &[&str] = &[
        "against",
        "prevent",
        "prevents",
        "prevented",
        "preventing",
        "prevention",
        "block",
        "blocks",
        "blocked",
        "blocking",
        "prohibit",
        "prohibits",
        "prohibited",
        "disallow",
        "disallows",
        "disallowed",
        "forbid",
        "forbids",
        "forbidden",
        "resilient",
        "resilience",
        "resistant",
        "restrict",
        "restricts",
        "restricted",
        "stop",
        "stops",
        "stopped",
        "avoid",
        "avoids",
        "avoided",
        "eliminate",
        "eliminated",
    ];
    essential.split(|c: char| !c.is_alphanumeric()).any(|w| OPPOSING.iter().any(|o| o.eq_ignore_ascii_case(w)))
}

fn polarity(prepared: &Prepared, essential: &str) -> Polarity {
    // "Have you had …", "Has your service had …": whether something happened.
    let trimmed = essential.trim_start();
    let had = (trimmed.starts_with("have ") || trimmed.starts_with("has ")) && has_word(trimmed, "had");
    if had || vocab::PAST_EVENTS.iter().any(|p| essential.contains(p)) {
        return Polarity::PastEvents;
    }
    for (i, (bad, _)) in vocab::BAD_PRACTICES.iter().enumerate() {
        if let Some(words) = bad.iter().filter(|w| has_word(essential, w)).max_by_key(|w| w.len()) {
            return Polarity::Bad { words: words.to_string(), good: prepared.good_practices[i].clone() };
        }
    }
    if has_word(essential, "without") {
        return Polarity::Bad { words: "without".to_string(), good: Vec::new() };
    }
    let negative = ["not", "never", "no"].iter().any(|w| has_word(essential, w))
        || essential.split_whitespace().any(|w| w.ends_with("n't"));
    if negative {
        return Polarity::Negative;
    }
    Polarity::Plain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posture::Posture;

    fn prepared() -> Prepared {
        Prepared::new(&Posture::embedded_default(), &mut crate::search::analyzer())
    }

    fn roles(q: &Question) -> Vec<(String, &'static str, usize)> {
        q.terms.iter().map(|t| (t.words.clone(), t.role.label(), t.part)).collect()
    }

    fn subject_words(q: &Question) -> Vec<String> {
        q.terms.iter().filter(|t| t.role == Role::Subject).map(|t| t.words.to_lowercase()).collect()
    }

    #[test]
    fn per_x_says_each_x() {
        let of = |words: &[&str]| words.iter().map(|w| super::bare(w)).collect::<Vec<_>>();
        assert!(super::per_each("Per-organisation row-level isolation", &of(&["customer", "organisation's", "data"])));
        assert!(super::per_each("keys held per tenant", &of(&["tenants"])));
        // Each of something else, or "per" inside a word, is not it.
        assert!(!super::per_each("Per-vertical backups", &of(&["customer"])));
        assert!(!super::per_each("superuser access", &of(&["user"])));
        // The unit a multi-tenant service keeps apart: per organisation is each customer's.
        assert!(super::per_each("Per-organisation row-level isolation", &of(&["customer's", "data"])));
        assert!(super::per_each("keys held per tenant", &of(&["institution's", "records"])));
        assert!(!super::per_each("Per-vertical network isolation", &of(&["tenant"])));
    }

    #[test]
    fn a_review_of_a_thing_is_asked_a_review_of_a_document_is_boilerplate() {
        assert!(reviews_a_thing("are audit logs reviewed weekly?", "reviewed"));
        assert!(!reviews_a_thing("is the information security policy reviewed annually?", "reviewed"));
        assert!(!reviews_a_thing("are audit logs retained?", "retained"));
    }

    #[test]
    fn an_item_number_and_a_section_label_are_not_the_question() {
        assert_eq!(without_label("10.4 Is data encrypted?"), "Is data encrypted?");
        assert_eq!(without_label("Q12. Is data encrypted?"), "Is data encrypted?");
        assert_eq!(without_label("5.31 — Is data encrypted?"), "Is data encrypted?");
        assert_eq!(without_label("4.2 Data Protection — Is data encrypted?"), "Is data encrypted?");
        assert_eq!(without_label("Access control: Describe your MFA."), "Describe your MFA.");
        // A label with digits, or words that do not open a question, stay.
        assert_eq!(without_label("TLS 1.2: is it enforced?"), "TLS 1.2: is it enforced?");
        assert_eq!(without_label("Customer data — encrypted at rest?"), "Customer data — encrypted at rest?");
        assert_eq!(without_label("AES-256 is used for data at rest?"), "AES-256 is used for data at rest?");
    }

    #[test]
    fn the_served_as_who_does_it_follow_by() {
        assert!(by_the_served("Are incidents classified by the customer?"));
        assert!(by_the_served("Are findings remediated by your clients?"));
        assert!(!by_the_served("Is data encrypted by the vendor for customers?"));
        assert!(!by_the_served("Are changes approved by users' managers?"));
    }

    #[test]
    fn a_question_names_the_served_other_than_as_whose_data_is_held() {
        assert!(names_the_served("Do customer contracts include confidentiality clauses?"));
        assert!(names_the_served("Are your customers' backups verified nightly?"));
        assert!(names_the_served("Can clients install software on production?"));
        assert!(!names_the_served("Is customer data encrypted at rest?"));
        assert!(!names_the_served("Are customers' records deleted at contract end?"));
        assert!(!names_the_served("Are all users trained annually?"));
        assert!(!names_the_served("Is the customer-facing API monitored?"));
    }

    #[test]
    fn a_thing_asked_to_or_for_customers_is_asked_for_the_served() {
        assert!(for_the_served("Do you provide security awareness training to your customers?"));
        assert!(for_the_served("Is MFA available for end users?"));
        assert!(for_the_served("Is training offered to institution users?"));
        assert!(!for_the_served("Is customer data encrypted at rest?"));
        assert!(!for_the_served("Is security awareness training provided to all staff?"));
        // The served as who the question is about, not their thing.
        assert!(for_the_served("Are customers given security awareness training by your company?"));
        assert!(for_the_served("Do your clients receive phishing exercises?"));
        assert!(!for_the_served("Are customer accounts protected by MFA?"));
        assert!(!for_the_served("Are employees trained to protect customer data?"));
        assert!(for_the_served("Do customers have access to the admin audit log?"));
        assert!(!for_the_served("Is customer-facing traffic encrypted?"));
        assert!(for_the_served("Do you provide security awareness training to your customers' users?"));
        assert!(for_the_served("Do you perform background checks on customers before onboarding them?"));
        assert!(!for_the_served("Is access to customer data logged?"));
        assert!(!for_the_served("Are background checks run on customer accounts?"));
        assert!(for_the_served("Are your customers' employees background-checked?"));
        // A compound is one word: "system-to-client" asks nothing to clients.
        assert!(!for_the_served("Is the transport of data encrypted (e.g., system-to-client)?"));
    }

    #[test]
    fn a_question_of_guarding_against_a_thing_opposes_it() {
        assert!(opposes("is there protection against manual changes?"));
        assert!(opposes("are manual changes prevented?"));
        assert!(!opposes("are manual changes made?"));
        assert!(!opposes("is the blockchain used?"));
    }

    #[test]
    fn per_customer_is_a_scope_a_row_must_state() {
        let scopes = |q: &str| -> Vec<String> {
            demands(&q.to_lowercase())
                .into_iter()
                .filter_map(|d| if let Demand::Scope { words, .. } = d { Some(words) } else { None })
                .collect()
        };
        assert_eq!(scopes("Are network segments isolated per customer?"), ["per customer"]);
        assert_eq!(scopes("Are per-tenant encryption keys used?"), ["per tenant"]);
        // "Per" of anything else is no scope of tenancy.
        assert!(scopes("Are logins limited per minute?").is_empty());
        assert!(scopes("Is access reviewed as per the policy?").is_empty());
    }

    #[test]
    fn a_yes_no_question_opens_with_an_auxiliary_after_any_section_label() {
        assert!(super::asks_yes_no("Has a managed DLP tool been deployed?"));
        assert!(super::asks_yes_no("Access control: Do you enforce MFA?"));
        assert!(!super::asks_yes_no("Which TLS versions are accepted?"));
        assert!(!super::asks_yes_no("Describe how backups are tested. Is it yearly?"));
    }

    #[test]
    fn a_which_question_says_the_kind_of_value_it_asks_for() {
        let p = prepared();
        let q = read(&p, "Which TLS versions does the service accept?");
        assert_eq!(subject_words(&q), ["tls"], "{:?}", roles(&q));
        let q = read(&p, "What hashing algorithm is used for passwords?");
        assert!(!subject_words(&q).iter().any(|w| w == "algorithm" || w == "used"), "{:?}", roles(&q));
        // One word after "which" is the subject itself; "which of the following" is no phrase.
        let q = read(&p, "Which vendors store backups?");
        assert!(subject_words(&q).contains(&"backups".to_string()), "{:?}", roles(&q));
        assert!(super::value_frame("which of the following tools are used").is_none());
        assert!(super::value_frame("which backups are encrypted").is_none());
        // Nothing is left the subject without a security word: then the frame says nothing.
        let q = read(&p, "Which customer data does the company encrypt?");
        assert!(subject_words(&q).contains(&"encrypt".to_string()), "{:?}", roles(&q));
    }

    #[test]
    fn privacy_beside_security_scopes_what_follows() {
        let p = prepared();
        // One part, the training; "privacy" is how far it reaches, which a row may leave unsaid
        // only for a suggestion.
        let q = read(&p, "Do contractors receive privacy and security training?");
        assert!(q.terms.iter().any(|t| t.words == "privacy" && t.role == Role::Manner), "{:?}", roles(&q));
        assert_eq!(q.parts.len(), 1, "{:?}", roles(&q));
        // Privacy alone, or beside another word, is the subject.
        let q = read(&p, "Do you have a privacy program?");
        assert_eq!(subject_words(&q), ["privacy"], "{:?}", roles(&q));
        let q = read(&p, "Is there a privacy notice and a security policy?");
        assert!(subject_words(&q).contains(&"privacy".to_string()), "{:?}", roles(&q));
    }

    #[test]
    fn each_other_is_no_scope() {
        let p = prepared();
        let q = read(&p, "Are tenants isolated from each other?");
        assert!(q.demands.is_empty(), "{:?}", q.demands);
        let q = read(&p, "Is each tenant isolated?");
        assert_eq!(q.demands.len(), 1, "{:?}", q.demands);
    }

    #[test]
    fn a_prefix_negated_word_is_one_concept() {
        let p = prepared();
        let q = read(&p, "Is production data used in non-production environments?");
        assert!(
            q.terms.iter().any(|t| t.words == "non-production" && t.role == Role::Subject && t.domain),
            "{:?}",
            roles(&q)
        );
    }

    #[test]
    fn numbers_are_runs_of_digits_not_glued_to_letters() {
        assert_eq!(super::numbers("tls 1.0 or 1.2+, within 72 hours."), ["1.0", "1.2", "72"]);
        assert_eq!(super::numbers("2fa, sha256, v2 and aes-256"), ["256"]);
        assert!(super::numbers("no numbers here").is_empty());
    }

    #[test]
    fn boilerplate_and_actors_are_not_the_subject() {
        let p = prepared();
        let q = read(&p, "Are virtualization security policies and procedures established, documented, approved, communicated, applied, evaluated and maintained?");
        assert_eq!(subject_words(&q), ["virtualization"], "{:?}", roles(&q));
        let q = read(&p, "Is security awareness training mandatory for all employees?");
        assert!(q.terms.iter().any(|t| t.words == "employees" && t.role == Role::Actor), "{:?}", roles(&q));
        // Named after "with", an actor takes part: a row must name it for an assertion.
        let q = read(&p, "Is the DR plan tested with customers?");
        assert!(q.terms.iter().any(|t| t.words == "customers" && t.role == Role::Participant), "{:?}", roles(&q));
        // The parties of a cloud questionnaire by their defined names are actors too.
        let q = read(&p, "Does the cloud service provider encrypt cloud service customer data at rest?");
        assert!(
            !q.terms.iter().any(|t| t.role == Role::Subject && t.words.eq_ignore_ascii_case("cloud")),
            "{:?}",
            roles(&q)
        );
        let q = read(&p, "Is customer data shared with our subprocessors?");
        assert!(q.terms.iter().any(|t| t.words == "customer" && t.role == Role::Actor), "{:?}", roles(&q));
    }

    #[test]
    fn a_word_sharing_an_everyday_words_stem_is_not_everyday() {
        let p = prepared();
        // "production" stems to "product", an everyday word of questionnaires; it is not one.
        let q = read(&p, "Are production systems monitored?");
        assert!(q.terms.iter().any(|t| t.words == "production" && t.role == Role::Subject), "{:?}", roles(&q));
        let q = read(&p, "Is the product hosted by a managed provider?");
        assert!(!q.terms.iter().any(|t| ["product", "managed"].contains(&t.words.as_str())), "{:?}", roles(&q));
    }

    #[test]
    fn the_frame_a_practice_follows_says_how() {
        let p = prepared();
        // Governance phrasing around a subject is not the subject.
        let q = read(&p, "Is an SDLC created and defined per the security requirements?");
        assert_eq!(subject_words(&q), ["sdlc"], "{:?}", roles(&q));
        // So is a purpose, unless it holds all the question asks.
        let q = read(&p, "Are backups encrypted to protect their confidentiality?");
        assert!(q.terms.iter().any(|t| t.words == "confidentiality" && t.role == Role::Manner), "{:?}", roles(&q));
        let q = read(&p, "Are controls in place to prevent data leakage?");
        assert!(q.terms.iter().any(|t| t.words == "data leakage" && t.role == Role::Subject), "{:?}", roles(&q));
        // A negation inside a purpose is not the question's.
        let q = read(&p, "Is the service hosted in two regions so that an outage would not take it offline?");
        assert_eq!(q.polarity, Polarity::Plain);
        let q = read(&p, "Are firewall rules reviewed commensurate with risk tolerance?");
        assert!(!subject_words(&q).iter().any(|w| w == "risk" || w == "tolerance"), "{:?}", roles(&q));
        let q = read(&p, "Are backups taken in accordance with applicable laws and regulations?");
        assert_eq!(subject_words(&q), ["backups"], "{:?}", roles(&q));
        assert!(q.terms.iter().any(|t| t.words == "laws" && t.role == Role::Manner), "{:?}", roles(&q));
    }

    #[test]
    fn examples_conditions_and_follow_ups_are_optional() {
        let p = prepared();
        let q = read(&p, "For customers without SSO, do you support multi-factor authentication (e.g., TOTP apps or hardware keys)? If not, explain why.");
        assert_eq!(subject_words(&q), ["multi-factor authentication"], "{:?}", roles(&q));
        assert_eq!(q.polarity, Polarity::Plain, "the condition's negation is not the question's");
        // An example list runs past the parentheses inside it, to the end of its clause.
        let q = read(&p, "Is encryption applied with strong ciphers, such as AES (in GCM mode), ChaCha20 (with Poly1305) or Camellia?");
        assert!(
            !q.terms.iter().any(|t| t.role == Role::Subject && t.words.eq_ignore_ascii_case("camellia")),
            "{:?}",
            roles(&q)
        );
        assert!(
            !q.terms.iter().any(|t| t.role == Role::Subject && t.words.eq_ignore_ascii_case("chacha20")),
            "{:?}",
            roles(&q)
        );
    }

    #[test]
    fn lists_are_parts_and_components() {
        let p = prepared();
        let q = read(&p, "Do you have policies for encryption and key management?");
        assert_eq!(q.parts.len(), 2, "{:?}", roles(&q));
        assert_eq!(q.heads, [None, None]);
        let q = read(&p, "Does your change process include peer review, impact analysis and rollback plans?");
        assert_eq!(q.heads.iter().filter(|h| h.is_some()).count(), q.parts.len() - 1, "{:?}", roles(&q));
        let q = read(&p, "Is there a continuity plan, with a named owner, that is exercised yearly?");
        assert_eq!(q.heads[1..], [Some(q.parts[0]), Some(q.parts[0])], "{:?}", roles(&q));
    }

    #[test]
    fn what_a_question_asks_the_kind_of_is_its_subject() {
        let p = prepared();
        let q = read(&p, "What level of access does a contractor get on a build server?");
        let access = q.terms.iter().find(|t| t.words == "access").expect("access is read");
        assert!(access.role == Role::Subject && access.domain, "{:?}", roles(&q));
        // In passing, the same word says nothing of the subject.
        let q = read(&p, "Is access to the build server protected with single sign-on?");
        assert!(!q.terms.iter().any(|t| t.words == "access"), "{:?}", roles(&q));
        assert!(asks_kind_of("which kinds of"));
        assert!(!asks_kind_of("the kind and"));
    }

    #[test]
    fn an_acronym_stands_in_for_the_words_it_abbreviates() {
        let p = prepared();
        let q = read(&p, "Do you follow a systems development life cycle (SDLC)?");
        let cycle = q.terms.iter().find(|t| t.words == "cycle").unwrap();
        assert!(cycle.stand_ins.contains(&vec!["sdlc".to_string()]), "{:?}", cycle.stand_ins);
        let text = "a single sign-on (SSO)";
        assert_eq!(acronym_of(text, text.find('(').unwrap(), text.find(')').unwrap()), Some(2..17));
        // An example is not an acronym: it does not stand in for the words before it.
        let q = read(&p, "Have you deployed intrusion detection (network-based)?");
        let intrusion = q.terms.iter().find(|t| t.words == "intrusion").unwrap();
        assert!(intrusion.stand_ins.is_empty(), "{:?}", intrusion.stand_ins);
    }

    #[test]
    fn demands_are_read_from_the_essential_text() {
        let p = prepared();
        let q = read(&p, "Is all customer data stored exclusively within the European Union?");
        let words: Vec<&str> = q.demands.iter().map(Demand::words).collect();
        assert_eq!(words, ["all", "exclusively"]);
        let q = read(&p, "Are restores tested at least annually (for example, quarterly)?");
        assert_eq!(q.demands, [Demand::Frequency { times: 1.0, words: "annually".into() }]);
        let q = read(&p, "Is the SSH access read-only?");
        assert!(q.demands.is_empty());
        // A bound belongs to its frequency; an alternative occasion is a detail.
        let q = read(&p, "Are access rights reviewed at least quarterly or whenever a role changes?");
        assert_eq!(q.demands, [Demand::Frequency { times: 4.0, words: "quarterly".into() }]);
        assert!(
            !q.terms.iter().any(|t| t.role == Role::Subject && ["least", "role"].contains(&t.words.as_str())),
            "{:?}",
            roles(&q)
        );
        // So does a word saying only that it is done again; "subject to" is phrasing, and
        // contractors, like employees, are who.
        let q = read(&p, "Are all contractors subject to training, repeated every year?");
        assert_eq!(subject_words(&q), ["training"], "{:?}", roles(&q));
        let q = read(&p, "Are incident plans tested at planned intervals?");
        assert_eq!(q.demands, [Demand::Frequency { times: 0.0, words: "planned intervals".into() }]);
    }

    #[test]
    fn bad_practices_and_past_events_are_read() {
        let p = prepared();
        let q = read(&p, "Do you keep any customer passwords in clear text?");
        assert!(matches!(&q.polarity, Polarity::Bad { words, good } if words == "clear text" && !good.is_empty()));
        assert!(q.terms.iter().any(|t| t.words == "clear text" && t.role == Role::Bad), "{:?}", roles(&q));
        assert_eq!(read(&p, "Have you had a data breach in the last two years?").polarity, Polarity::PastEvents);
        assert_eq!(read(&p, "Is any laptop not encrypted?").polarity, Polarity::Negative);
    }
}
