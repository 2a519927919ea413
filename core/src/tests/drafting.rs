//! Drafting on the seed posture: a labelled set of our own questions, the honesty rules on
//! every draft, certification answers, dropdown values and crosswalk mappings.

use crate::crosswalk::load_crosswalk;
use crate::questionnaire;
use crate::{Answer, Draft, Engine, Posture, Status};

fn engine() -> Engine {
    Engine::embedded_default().unwrap()
}

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The honesty rules of PRODUCT.md, checked on one draft.
fn check_honest(d: &Draft) {
    let context = format!("{} {:?}: {}", d.id, d.question, d.text);
    assert!((0.0..=1.0).contains(&d.confidence), "{context}");
    match d.answer {
        Answer::Yes => {
            // A yes rests on a Met row, or on a row stating no status whose own words state the
            // practice in place, and then never with high confidence.
            let met = d.citations.iter().any(|c| c.status == Some(Status::Met));
            let unstated = d.citations.first().is_some_and(|c| c.status == Some(Status::Unstated));
            assert!(met || (unstated && d.confidence < 0.75), "yes without a cited Met row: {context}")
        }
        Answer::NeedsReview => {
            assert!(d.text.is_empty(), "needs-review with text: {context}");
            assert!(d.choice.is_none(), "needs-review with a dropdown value: {context}");
        }
        _ => assert!(!d.text.is_empty(), "an answer without text: {context}"),
    }
}

#[test]
fn labelled_questions_of_our_own_are_answered_as_labelled() {
    let engine = engine();
    let labelled = String::from_utf8(fixture("labelled/seed-questions.csv")).unwrap();
    let report = crate::eval::score_drafts(&engine, "seed-questions.csv", &labelled).unwrap();
    for o in &report.outcomes {
        assert!(o.answer_ok, "{} {:?}: got {}, want {:?}", o.id, o.question, o.answer.as_str(), o.accept);
        assert_ne!(o.refs_ok, Some(false), "{} cited {:?}", o.id, o.cited);
        assert_ne!(o.evidence_ok, Some(false), "{} evidence", o.id);
    }
    assert_eq!(report.false_yes, 0);
    assert_eq!(report.questions, 24);
}

/// The probe written after the rules (docs/QUALITY.md): a measurement for how many it answers,
/// but a test for what it asserts — every assertion right, never a false yes, every draft honest.
#[test]
fn the_probe_of_our_own_words_gets_no_wrong_assertion() {
    let report = every_assertion_right("probe-own-words.csv", 50);
    assert_eq!(report.false_yes, 0);
}

/// The second probe (docs/QUALITY.md): 80 questions in the styles of CAIQ-like governance
/// questionnaires and SIG-like short spreadsheets, written and labelled from the posture pages
/// by someone who had not seen the engine's drafts. Never an asserted false yes; the one wrong assertion
/// known (S03, "a documented BCP?" answered partial from the BCMS scope row) is listed, so a
/// new one fails.
#[test]
fn the_questionnaire_style_probe_gets_no_false_yes() {
    let engine = engine();
    let labelled = String::from_utf8(fixture("labelled/probe-caiq-sig.csv")).unwrap();
    let report = crate::eval::score_drafts(&engine, "probe-caiq-sig.csv", &labelled).unwrap();
    assert_eq!(report.questions, 80);
    // (A wrong `yes` suggestion is for the reviewer; `report.false_yes` counts those too.)
    for o in &report.outcomes {
        let d = engine.draft_text(&o.question);
        check_honest(&d);
        if d.is_assertion() && !o.answer_ok {
            assert_ne!(d.answer, Answer::Yes, "a false yes: {:?}", o.question);
            assert_eq!(
                o.id,
                "S03",
                "a wrong assertion: {:?}: got {}, want {:?}",
                o.question,
                o.answer.as_str(),
                o.accept
            );
        }
    }
}

/// Every draft of the labelled probe `name` (of `questions` questions) is honest, and every
/// assertion on it is right; its report.
fn every_assertion_right(name: &str, questions: usize) -> crate::eval::DraftReport {
    let engine = engine();
    let labelled = String::from_utf8(fixture(&format!("labelled/{name}"))).unwrap();
    let report = crate::eval::score_drafts(&engine, name, &labelled).unwrap();
    assert_eq!(report.questions, questions);
    for o in &report.outcomes {
        let d = engine.draft_text(&o.question);
        check_honest(&d);
        assert!(
            !d.is_assertion() || o.answer_ok,
            "a wrong assertion: {} {:?}: got {}, want {:?}",
            o.id,
            o.question,
            o.answer.as_str(),
            o.accept
        );
    }
    report
}

/// The third probe (docs/QUALITY.md): 60 questions in the style of higher-education and K-12
/// vendor assessments, written and labelled from the posture pages by someone who had not seen
/// the engine's drafts. Every assertion right.
#[test]
fn the_higher_education_probe_gets_no_wrong_assertion() {
    every_assertion_right("probe-higher-ed.csv", 60);
}

/// The fourth probe (docs/QUALITY.md): 60 questions in the style of a bank's or a hospital's
/// vendor due-diligence spreadsheet, written and labelled from the posture pages by someone who
/// had not seen the engine's drafts, and measured before it was looked at. Every assertion right.
#[test]
fn the_vendor_due_diligence_probe_gets_no_wrong_assertion() {
    every_assertion_right("probe-vendor-ddq.csv", 60);
}

/// A fifth probe in a school district's and a terse third-party-risk questionnaire's style,
/// written and labelled from the posture pages by a helper who had not seen the engine, and
/// measured before it was looked at. Every assertion right.
#[test]
fn the_school_district_and_third_party_risk_probe_gets_no_wrong_assertion() {
    every_assertion_right("probe-k12-sig.csv", 60);
}

/// Probe six: 50 questions in a bank's third-party-risk and a healthcare provider's vendor-review
/// style ("member data", "PHI", "covered entity"), written and labelled from the posture pages by
/// a helper who had not seen the engine, and measured before it was looked at. Every assertion
/// right.
#[test]
fn the_bank_and_healthcare_vendor_review_probe_gets_no_wrong_assertion() {
    every_assertion_right("probe-fin-health.csv", 50);
}

#[test]
fn every_draft_of_every_fixture_is_honest() {
    let engine = engine();
    for name in ["caiq-layout.xlsx", "sig-style.xlsx", "customer-messy.xlsx", "bom-semicolon.csv", "id-question.csv"] {
        let q = questionnaire::import(name, &fixture(&format!("questionnaires/{name}"))).unwrap();
        let drafts = engine.draft_questionnaire(&q, None);
        assert_eq!(drafts.len(), q.questions.len());
        drafts.iter().for_each(check_honest);
    }
    for odd in
        ["", "?", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "هل البيانات مشفرة؟ 🔐", "a a a a a a", "Yes"]
    {
        check_honest(&engine.draft_text(odd));
    }
}

#[test]
fn iso_certification_is_no_with_the_page_reasons_and_triggers() {
    let engine = engine();
    let d = engine.draft_text("Are you ISO 27001 certified?");
    assert_eq!(d.answer, Answer::No);
    assert!(d.text.starts_with("No. Glassbreak is not currently ISO 27001 certified"), "{}", d.text);
    assert!(d.text.contains("not pursuing in 2026"), "{}", d.text);
    assert!(d.text.contains("EU-headquartered ARR exceeds £500,000 annualised"), "{}", d.text);
    assert!(d.text.contains("compliance@glassbreak.io"), "{}", d.text);
    assert!(d.confidence >= 0.9);
    let bc = engine.draft_text("Do you have ISO 22301 certification?");
    assert_eq!(bc.answer, Answer::No);
    assert!(bc.text.contains("£750,000"), "{}", bc.text);
}

#[test]
fn soc2_is_no_from_what_the_pages_say_and_pci_is_for_review() {
    let engine = engine();
    let soc = engine.draft_text("Can you share your SOC 2 Type II report?");
    assert_eq!(soc.answer, Answer::No);
    assert!(soc.text.contains("prioritise SOC 2 Type II first"), "{}", soc.text);
    let pci = engine.draft_text("Are you PCI DSS certified?");
    assert_eq!(pci.answer, Answer::NeedsReview);
    assert!(pci.text.is_empty());
}

#[test]
fn a_certified_page_says_yes_and_cites_a_met_row() {
    let page = String::from_utf8(fixture("posture/northwind-iso27001.md")).unwrap();
    let engine = Engine::new(Posture::from_pages([("northwind-iso27001.md", page.as_str())])).unwrap();
    let d = engine.draft_text("Are you ISO 27001 certified?");
    assert_eq!(d.answer, Answer::Yes, "{}", d.text);
    assert!(d.citations.iter().any(|c| c.reference == "A.8.24" && c.status == Some(Status::Met)));
    // Planned and Not met rows answer no; N/A rows answer not-applicable.
    assert_eq!(engine.draft_text("Do you test restores of your backups?").answer, Answer::No);
    assert_eq!(engine.draft_text("Do you screen staff with background checks?").answer, Answer::NotApplicable);
}

#[test]
fn gap_words_pull_answers_down() {
    let engine = engine();
    let check = |q: &str, expected: Answer| {
        let d = engine.draft_text(q);
        assert_eq!(d.answer, expected, "{q}: {}", d.text);
    };
    check("Is SSO available for customers?", Answer::No);
    check("Is the endpoint inventory centralised?", Answer::Partial);
    check("Is the database failover drilled to a hard SLA?", Answer::Partial);
}

#[test]
fn caiq_drafts_use_the_dropdown_values() {
    let engine = engine();
    let q = questionnaire::import("caiq-layout.xlsx", &fixture("questionnaires/caiq-layout.xlsx")).unwrap();
    for d in engine.draft_questionnaire(&q, None) {
        match d.answer {
            Answer::Yes => assert_eq!(d.choice.as_deref(), Some("Yes"), "{}", d.id),
            Answer::No => assert_eq!(d.choice.as_deref(), Some("No"), "{}", d.id),
            Answer::NotApplicable => assert_eq!(d.choice.as_deref(), Some("NA"), "{}", d.id),
            Answer::Partial | Answer::NeedsReview => assert_eq!(d.choice, None, "{}", d.id),
        }
    }
}

#[test]
fn explicit_refs_and_a_loaded_crosswalk_map_questions() {
    let engine = engine();
    let sig = questionnaire::import("sig-style.xlsx", &fixture("questionnaires/sig-style.xlsx")).unwrap();
    let h2 = sig.questions.iter().find(|x| x.id == "H.2").unwrap();
    let d = engine.draft_question(h2, None);
    assert_eq!(d.controls[0].to_string(), "ISO27001:A.8.2");

    let cw = load_crosswalk("ccm-style.csv", &fixture("crosswalk/ccm-style.csv")).unwrap();
    let caiq = questionnaire::import("caiq-layout.xlsx", &fixture("questionnaires/caiq-layout.xlsx")).unwrap();
    let q = caiq.questions.iter().find(|x| x.id == "IAM-14.1").unwrap();
    let d = engine.draft_question(q, Some(&cw));
    let controls: Vec<String> = d.controls.iter().map(|c| c.to_string()).collect();
    assert_eq!(controls[..2], ["ISO27001:A.8.5".to_string(), "ISO27001:A.5.17".to_string()]);
}

#[test]
fn drafting_is_deterministic() {
    let engine = engine();
    let q = questionnaire::import("caiq-layout.xlsx", &fixture("questionnaires/caiq-layout.xlsx")).unwrap();
    assert_eq!(engine.draft_questionnaire(&q, None), engine.draft_questionnaire(&q, None));
}
