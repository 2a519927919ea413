//! Step 2: certification questions ("are you ISO 27001 certified?", "have you undergone a
//! SOC 2 audit?", "is a SOC 2 report available for the hosting environment?") are answered
//! from the pages' own status, never from control rows: a page about the standard gives its
//! status line, first paragraph, trigger conditions and contact; a scheme only mentioned in
//! prose gives `no` with the sentences that mention it; a scheme never mentioned gives
//! `needs-review`. A question about the hosting providers' certification is answered from a
//! row saying the providers hold it.

use std::sync::OnceLock;

use crate::pattern::Regex;

use super::{cite_row, evidence_strings, sentence, Context};
use crate::model::{Answer, Citation, Draft, Status, Support};

/// Words that make a question naming a scheme one about holding it.
const HOLDING_WORDS: &[&str] = &[
    "certif",
    "accredit",
    "attest",
    "audit",
    "report",
    "type",
    "compliant",
    "comply",
    "complies",
    "compliance",
    "conform",
    "registered",
    "undergo",
    "undergone",
    "assessed",
    "validated",
    "adhere",
];

/// Words that make a certification question one about the hosting, not the company itself.
const PROVIDER_WORDS: &[&str] = &[
    "hosting",
    "hosted",
    "data center",
    "data centre",
    "datacenter",
    "cloud provider",
    "cloud service provider",
    "infrastructure provider",
    "iaas",
    "paas",
    "sub-processor",
    "subprocessor",
    "colocation",
];

/// Words that make a certification question one about the company's suppliers in general.
/// Words that turn a certification question round.
const NEGATIONS: &[&str] = &["not", "lack", "lacks", "without", "false", "uncertified", "non-certified", "never"];

const SUPPLIER_WORDS: &[&str] = &["supplier", "suppliers", "subcontractor", "subcontractors", "fourth parties"];

/// Words of a row that say the providers hold the scheme (not the company).
const PROVIDER_ROW_WORDS: &[&str] =
    &["sub-processor", "subprocessor", "provider", "hosting", "data centre", "data center", "supplier", "inherited"];

/// Standards and schemes a certification question may name: (pattern, name).
const SCHEMES: &[(&str, &str)] = &[
    (r"iso\s*/?\s*(?:iec\s*)?27001", "ISO 27001"),
    (r"iso\s*/?\s*(?:iec\s*)?22301", "ISO 22301"),
    (r"iso\s*/?\s*(?:iec\s*)?27701", "ISO 27701"),
    (r"iso\s*/?\s*(?:iec\s*)?27017", "ISO 27017"),
    (r"iso\s*/?\s*(?:iec\s*)?27018", "ISO 27018"),
    (r"iso\s*9001", "ISO 9001"),
    (r"soc\s*-?\s*(?:2|ii|two)\b", "SOC 2"),
    (r"soc\s*-?\s*(?:1|i|one)\b", "SOC 1"),
    (r"pci(?:\s*-?\s*dss)?", "PCI DSS"),
    (r"hipaa", "HIPAA"),
    (r"hitrust", "HITRUST"),
    (r"fedramp", "FedRAMP"),
    (r"csa\s+star", "CSA STAR"),
    (r"cyber\s+essentials", "Cyber Essentials"),
    (r"tisax", "TISAX"),
    (r"\bbsi\s+c5|\bc5\s+attestation", "C5"),
];

/// The first scheme `text` names: its index in [`SCHEMES`], its name and its pattern. The
/// patterns are compiled once: compiling one costs more than drafting a question in wasm.
fn scheme_named(text: &str) -> Option<(usize, &'static str, &'static Regex)> {
    let lower = text.to_lowercase();
    // One pass over the text first: most texts that reach here name no scheme, and the patterns
    // one by one are sixteen passes (a third of the draft of a long question, issue 22).
    if !any_scheme().is_match(&lower) {
        return None;
    }
    (0..SCHEMES.len())
        .map(|i| (i, scheme_pattern(i)))
        .find(|(_, re)| re.is_match(&lower))
        .map(|(i, re)| (i, SCHEMES[i].1, re))
}

/// Every scheme's pattern in one, compiled once: it matches where one of them does.
fn any_scheme() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    CELL.get_or_init(|| {
        let each: Vec<String> = SCHEMES.iter().map(|(pattern, _)| format!("(?:{pattern})")).collect();
        Regex::new(&format!(r"(?i)\b(?:{})", each.join("|"))).expect("scheme patterns")
    })
}

/// Scheme `i`'s pattern, compiled once: compiling one costs more than drafting a question in wasm.
fn scheme_pattern(i: usize) -> &'static Regex {
    static CELL: OnceLock<Vec<Regex>> = OnceLock::new();
    let compiled = CELL.get_or_init(|| {
        SCHEMES
            .iter()
            .map(|(pattern, _)| Regex::new(&format!(r"(?i)\b(?:{pattern})")).expect("scheme pattern"))
            .collect()
    });
    &compiled[i]
}

/// For each of [`SCHEMES`], the passages and the rows that name it: found when a question
/// first asks about a scheme the pages have no page for, then kept with the engine (matching
/// every passage against the pattern costs more than the rest of the draft).
#[derive(Debug)]
pub struct SchemeMentions(Vec<OnceLock<(Vec<usize>, Vec<usize>)>>);

impl Default for SchemeMentions {
    fn default() -> Self {
        SchemeMentions(SCHEMES.iter().map(|_| OnceLock::new()).collect())
    }
}

/// A sentence saying the company holds scheme `i` ("we are ISO 27001 certified", "our SOC 2
/// report is available"), compiled once per scheme.
fn scheme_held(i: usize) -> &'static Regex {
    static CELLS: [OnceLock<Regex>; SCHEMES.len()] = [const { OnceLock::new() }; SCHEMES.len()];
    CELLS[i].get_or_init(|| {
        let p = SCHEMES[i].0;
        Regex::new(&format!(
            r"(?i)\b(?:we are|we're|company is|is)\s+(?:\w+\s+){{0,2}}(?:{p})\b[^.]*\b(?:certified|compliant|attested)|\b(?:our|the)\s+(?:{p})[^.]*\b(?:report|certificate|attestation)\s+is\s+available"
        ))
        .expect("scheme holding pattern")
    })
}

/// A certification question ("are you ISO 27001 certified?", "have you undergone a SOC 2
/// audit?"), answered from the pages' own words; `None` when the question is not one.
pub(crate) fn certification(cx: &Context, question: &str) -> Option<Draft> {
    // Most questions hold none of these words: the scheme patterns are not run for them.
    let lower = question.to_lowercase();
    if !HOLDING_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    // A scheme named only as an example or an answer option ("a framework (e.g., ISO 27001)")
    // is not the one asked about.
    let (scheme, name, pattern) = scheme_named(&super::question::without_examples(question))?;
    let empty = Draft {
        support: Support {
            notes: vec![format!("asks whether {name} is held: answered from what the pages say of it, not from rows")],
            ..Support::default()
        },
        ..Draft::needs_review()
    };
    // What the company asks of its suppliers ("do suppliers have to be ISO 27001 certified?") is
    // its supplier practice, drafted from the rows, not its own certificate.
    if SUPPLIER_WORDS.iter().any(|w| super::prepare::has_word(&lower, w)) {
        return None;
    }
    // Asked in the negative ("are you not pursuing …", "do you lack …", "is it false that …"), a
    // `no` would say the opposite of the pages: the reviewer answers it, with the status beside.
    // Only the question itself: "… certified? If not, when …" asks it plainly.
    let asked = lower.split('?').next().unwrap_or(&lower).replace("if not", "");
    if NEGATIONS.iter().any(|w| super::prepare::has_word(&asked, w)) || asked.contains("n't ") {
        return Some(Draft {
            support: Support {
                notes: vec![format!("asks in the negative whether {name} is held: a reviewer answers it")],
                ..Support::default()
            },
            ..Draft::needs_review()
        });
    }
    // A supplier the pages name ("Is AWS ISO 27001 certified?") holds its own certificates:
    // the company's status says nothing of them. (Named as an example of the providers asked
    // about, it is theirs: below.)
    let asked = super::question::without_examples(&lower);
    let vendor = cx
        .posture
        .rows
        .iter()
        .flat_map(|r| &r.evidence)
        .filter(|e| e.kind == crate::model::EvidenceKind::Vendor)
        .find(|e| super::prepare::has_word(&asked, &e.target.to_lowercase()));
    if let Some(vendor) = vendor {
        return Some(Draft {
            support: Support {
                notes: vec![format!("asks whether {} holds {name}: a reviewer answers it", vendor.target)],
                ..Support::default()
            },
            ..Draft::needs_review()
        });
    }
    if PROVIDER_WORDS.iter().any(|w| lower.contains(w)) {
        return Some(providers(cx, scheme, name));
    }
    // A page about the standard states its own status.
    let page = cx.posture.pages.iter().find(|p| scheme_named(&p.title).is_some_and(|(i, _, _)| i == scheme));
    match page {
        Some(page) => from_page(cx, page, empty),
        None => from_mentions(cx, scheme, name, pattern, empty),
    }
}

/// A certification question answered from the scheme's own page: its summary and status line
/// say whether it is held (a `yes` resting on a Met row of the page too) or not yet.
fn from_page(cx: &Context, page: &crate::posture::Page, empty: Draft) -> Option<Draft> {
    let summary = page.summary.clone().unwrap_or_default();
    let status = page.status_line.clone().unwrap_or_default();
    let lower = format!("{summary} {status}").to_lowercase();
    let negative = ["not currently", "not certified", "not pursuing", "not yet", "no certificat", "is not "]
        .iter()
        .any(|m| lower.contains(m));
    let certified = !negative && (lower.contains("certified") || lower.contains("certificate"));
    let first_sentence = summary.split(". ").next().unwrap_or(&summary).trim_end_matches('.').to_string();
    let mut citations = vec![Citation {
        page: page.title.clone(),
        section: page.title.clone(),
        reference: "Status".to_string(),
        status: None,
        evidence: Vec::new(),
    }];
    let triggers: Vec<&crate::posture::Passage> = cx
        .posture
        .passages
        .iter()
        .filter(|p| p.page == page.title && p.section.to_lowercase().contains("when we will start"))
        .collect();
    let contact =
        cx.posture.passages.iter().find(|p| {
            p.page == page.title && p.evidence.iter().any(|e| e.kind == crate::evidence::EvidenceKind::Email)
        });
    let (answer, text, confidence) = if certified {
        // Yes rests on a Met row too: the page's first Met clause row (its ISMS/BCMS),
        // else any Met row of the page; with none, a reviewer decides.
        let met = cx
            .posture
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.page == page.title && r.status == Status::Met)
            .min_by_key(|(_, r)| !r.reference.to_lowercase().starts_with("clause"))
            .map(|(i, _)| i);
        match met {
            Some(i) => citations.push(cite_row(cx, i)),
            None => return Some(empty),
        }
        (Answer::Yes, format!("{}. Status: {status}.", sentence(&first_sentence).trim_end_matches('.')), 0.9)
    } else if negative {
        let mut t = format!("No. {}. Status: {status}.", first_sentence);
        let listed: Vec<String> = triggers
            .iter()
            .filter(|p| {
                p.text.trim_end().ends_with(", or") || p.text.trim_end().ends_with('.') || !p.text.contains("following")
            })
            .map(|p| p.text.trim_end_matches(", or").trim_end_matches('.').trim_end_matches(',').to_string())
            .filter(|t| !t.to_lowercase().starts_with("we will begin"))
            .collect();
        if !listed.is_empty() {
            t.push_str(&format!(
                " Certification work starts when any one of these becomes true: {}.",
                listed.join("; ")
            ));
            citations.push(Citation {
                page: page.title.clone(),
                section: triggers[0].section.clone(),
                reference: triggers[0].section.clone(),
                status: None,
                evidence: Vec::new(),
            });
        }
        if let Some(c) = contact {
            t.push_str(&format!(" {}", c.text));
            citations.push(Citation {
                page: page.title.clone(),
                section: c.section.clone(),
                reference: c.section.clone(),
                status: None,
                evidence: evidence_strings(&c.evidence),
            });
        }
        (Answer::No, t, 0.95)
    } else {
        return Some(empty);
    };
    Some(Draft { answer, confidence, text, citations, ..empty })
}

/// A certification question with no page for the scheme: what the pages say of it elsewhere.
fn from_mentions(cx: &Context, scheme: usize, name: &str, pattern: &Regex, empty: Draft) -> Option<Draft> {
    // No page for it: what the pages say of it elsewhere.
    let (passages, row_mentions) = mentions(cx, scheme);
    let mentions: Vec<&crate::posture::Passage> = passages.iter().map(|&i| &cx.posture.passages[i]).collect();
    if mentions.is_empty() && row_mentions.is_empty() {
        return Some(empty);
    }
    let holds = scheme_held(scheme);
    let sentences: Vec<(String, &crate::posture::Passage)> = mentions
        .iter()
        .flat_map(|p| {
            p.text
                .split(". ")
                .filter(|s| pattern.is_match(&s.to_lowercase()))
                .map(move |s| (s.trim().trim_end_matches('.').to_string(), *p))
        })
        .collect();
    let positive = sentences.iter().any(|(s, _)| holds.is_match(s) && !s.to_lowercase().contains("not "));
    let mut citations: Vec<Citation> = Vec::new();
    for (_, p) in &sentences {
        if citations.len() < 3 && !citations.iter().any(|c| c.page == p.page && c.reference == p.section) {
            citations.push(Citation {
                page: p.page.clone(),
                section: p.section.clone(),
                reference: p.section.clone(),
                status: None,
                evidence: evidence_strings(&p.evidence),
            });
        }
    }
    let quoted: Vec<String> =
        sentences.iter().take(2).map(|(s, _)| format!("\u{201c}{}\u{201d}", s.trim_end_matches(", or"))).collect();
    if positive {
        let text = format!("Yes. The posture states: {}.", quoted.join(" "));
        // Yes needs a cited Met row: without one, a reviewer decides.
        let met_row = row_mentions.iter().find(|&&i| cx.posture.rows[i].status == Status::Met);
        return Some(match met_row {
            Some(&i) => {
                citations.insert(0, cite_row(cx, i));
                Draft { answer: Answer::Yes, confidence: 0.7, text, citations, ..empty }
            }
            None => Draft { answer: Answer::NeedsReview, confidence: 0.3, text: String::new(), citations, ..empty },
        });
    }
    let text = format!("No {name} report or certificate has been issued yet. The posture says: {}.", quoted.join("; "));
    Some(Draft { answer: Answer::No, confidence: 0.6, text, citations, ..empty })
}

/// A certification question about the hosting: `yes` from a Met row saying the providers hold
/// the scheme (with the passages that say so), else for review.
fn providers(cx: &Context, scheme: usize, name: &str) -> Draft {
    let empty = Draft::needs_review();
    let (passages, rows) = mentions(cx, scheme);
    let said = |text: &str| {
        let lower = text.to_lowercase();
        PROVIDER_ROW_WORDS.iter().any(|w| lower.contains(w))
    };
    let row =
        rows.iter().copied().find(|&i| cx.posture.rows[i].status == Status::Met && said(&cx.posture.rows[i].text));
    let Some(row) = row else {
        let support = Support {
            notes: vec![format!("asks about the hosting providers' {name}: no Met row says they hold it")],
            ..Support::default()
        };
        return Draft { support, ..empty };
    };
    let mut text = sentence(&cx.posture.rows[row].text);
    let mut citations = vec![cite_row(cx, row)];
    let pattern = scheme_pattern(scheme);
    for &p in passages.iter().filter(|&&p| said(&cx.posture.passages[p].text)).take(1) {
        let passage = &cx.posture.passages[p];
        for s in passage.text.split(". ").filter(|s| pattern.is_match(&s.to_lowercase()) && said(s)) {
            text.push_str(&format!(" {}", sentence(s)));
        }
        citations.push(Citation {
            page: passage.page.clone(),
            section: passage.section.clone(),
            reference: passage.section.clone(),
            status: None,
            evidence: evidence_strings(&passage.evidence),
        });
    }
    let support = Support {
        notes: vec![format!("asks about the hosting providers' {name}: the row says they hold it")],
        ..Support::default()
    };
    Draft { answer: Answer::Yes, confidence: 0.7, text, citations, support, ..empty }
}

/// The passages and rows that name scheme `i`, found once per engine.
fn mentions<'c>(cx: &'c Context, i: usize) -> &'c (Vec<usize>, Vec<usize>) {
    cx.schemes.0[i].get_or_init(|| {
        let posture = &cx.posture;
        let pattern = scheme_pattern(i);
        let passages =
            (0..posture.passages.len()).filter(|&p| pattern.is_match(&posture.passages[p].text.to_lowercase()));
        let rows = (0..posture.rows.len()).filter(|&r| pattern.is_match(&posture.rows[r].text.to_lowercase()));
        (passages.collect(), rows.collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_pass_over_every_scheme_matches_where_one_of_them_does() {
        let texts = [
            "Are you ISO/IEC 27001 certified?",
            "Is a SOC-2 report available?",
            "Do you hold a SOC one report?",
            "Are you PCI-DSS compliant?",
            "Is there a BSI C5 attestation?",
            "Are you CSA STAR registered?",
            "Do you have cyber essentials?",
            "Is an audit report of the isolation of tenants available?",
            "Is a soc2 report available?",
            "ISO 27002 and iso-9001x",
            "hipaax, fedramped, tisaxes",
            "",
        ];
        for t in texts {
            let lower = t.to_lowercase();
            let one_by_one = (0..SCHEMES.len()).any(|i| scheme_pattern(i).is_match(&lower));
            assert_eq!(any_scheme().is_match(&lower), one_by_one, "{t}");
        }
    }

    #[test]
    fn every_scheme_names_itself_and_its_holding_pattern_compiles() {
        // A pattern that failed to compile would panic mid-draft (the wasm aborts on panic).
        let held = [
            "We are ISO 27001 certified",
            "We are ISO 22301 certified",
            "We are ISO 27701 certified",
            "We are ISO 27017 certified",
            "We are ISO 27018 certified",
            "We are ISO 9001 certified",
            "Our SOC 2 report is available",
            "Our SOC 1 report is available",
            "We are PCI DSS compliant",
            "We are HIPAA compliant",
            "We are HITRUST certified",
            "We are FedRAMP authorised and FedRAMP certified",
            "We are CSA STAR certified",
            "We are Cyber Essentials certified",
            "We are TISAX certified",
            "The BSI C5 attestation is available",
        ];
        assert_eq!(held.len(), SCHEMES.len());
        for (i, sentence) in held.iter().enumerate() {
            let (found, name, _) = scheme_named(sentence).unwrap_or_else(|| panic!("{sentence}: no scheme"));
            assert_eq!((found, name), (i, SCHEMES[i].1), "{sentence}");
            assert!(scheme_held(i).is_match(sentence), "{sentence}");
        }
        assert!(!scheme_held(0).is_match("ISO 27001 certification is on our roadmap"));
        // A pattern with alternatives of its own stays one unit inside the holding pattern.
        assert!(!scheme_held(SCHEMES.len() - 1).is_match("We are preparing for BSI C5 next year"));
    }
}
