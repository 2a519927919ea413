//! The embedded default posture (Glassbreak's two pages), parsed, gathered and searched.
//! Exact counts here are facts of the seed pages: a change means the parser changed.

use crate::catalog::EntryKind;
use crate::{Engine, EvidenceKind, Posture, Status};

const P27001: &str = "ISO/IEC 27001:2022";
const P22301: &str = "ISO 22301:2019 — Business Continuity";

fn posture() -> Posture {
    Posture::embedded_default()
}

#[test]
fn every_table_row_of_both_pages_is_parsed() {
    let p = posture();
    assert_eq!(p.pages.len(), 2);
    assert_eq!(p.rows_of(P27001).count(), 52);
    assert_eq!(p.rows_of(P22301).count(), 29);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn rows_per_table_match_the_pages() {
    let p = posture();
    let check = |page: &str, expected: &[(&str, usize)]| {
        let got: Vec<(String, usize)> = p
            .pages
            .iter()
            .find(|pg| pg.title == page)
            .unwrap()
            .sections
            .iter()
            .filter(|s| s.rows > 0)
            .map(|s| (s.heading.clone(), s.rows))
            .collect();
        let expected: Vec<(String, usize)> = expected.iter().map(|(h, n)| (h.to_string(), *n)).collect();
        assert_eq!(got, expected, "{page}");
    };
    check(
        P27001,
        &[
            ("Status by ISMS clause (4–10)", 7),
            ("Annex A — Organisational controls (A.5, 37 controls)", 11),
            ("Annex A — People controls (A.6, 8 controls)", 8),
            ("Annex A — Physical controls (A.7, 14 controls)", 4),
            ("Annex A — Technological controls (A.8, 34 controls)", 22),
        ],
    );
    check(
        P22301,
        &[
            ("Recovery objectives we operate to today", 8),
            ("Status by BCMS clause (4–10)", 11),
            ("Technical continuity evidence — what we can already show", 10),
        ],
    );
}

#[test]
fn a_row_keeps_its_cells_verbatim() {
    let p = posture();
    let row = p.rows.iter().find(|r| r.reference == "A.5.3–5.6").unwrap();
    assert_eq!(row.page, P27001);
    assert_eq!(row.section, "Annex A — Organisational controls (A.5, 37 controls)");
    assert_eq!(row.requirement, "Segregation of duties; contact with authorities and special-interest groups");
    assert_eq!(row.status, Status::Partial);
    assert_eq!(row.text, "PR review gates separate plan/apply; formal authority-contact register not maintained.");
    let named = p.rows.iter().find(|r| r.reference == "API — primary").unwrap();
    assert!(named.controls.is_empty());
    assert_eq!(named.section, "Recovery objectives we operate to today");
}

#[test]
fn ranges_expand_to_every_control() {
    let p = posture();
    let ids = |reference: &str| -> Vec<String> {
        p.rows.iter().find(|r| r.reference == reference).unwrap().controls.iter().map(|c| c.to_string()).collect()
    };
    assert_eq!(ids("A.5.3–5.6"), ["ISO27001:A.5.3", "ISO27001:A.5.4", "ISO27001:A.5.5", "ISO27001:A.5.6"]);
    assert_eq!(ids("A.8.25–8.34").len(), 10);
    assert_eq!(ids("A.7.9–7.14").len(), 6);
    assert_eq!(ids("Clause 8.2"), ["ISO22301:8.2"]);
    let clause4: Vec<String> = p
        .rows
        .iter()
        .filter(|r| r.reference == "Clause 4")
        .flat_map(|r| r.controls.iter().map(|c| c.to_string()))
        .collect();
    assert_eq!(clause4, ["ISO27001:4", "ISO22301:4"]);
}

#[test]
fn page_facts_and_prose_are_kept() {
    let p = posture();
    let page = &p.pages[0];
    assert_eq!(
        page.status_line.as_deref(),
        Some("not pursuing in 2026 · reassessed quarterly · last updated 27 May 2026")
    );
    assert!(page.summary.as_deref().unwrap().starts_with("Glassbreak is not currently ISO 27001 certified"));
    let trigger = p.passages.iter().find(|x| x.text.contains("EU-headquartered ARR exceeds £500,000")).unwrap();
    assert_eq!(trigger.section, "When we will start");
    let effort = p.passages.iter().find(|x| x.text.starts_with("Months 0–3")).unwrap();
    assert_eq!(effort.section, "Estimated effort to certification (if triggered)");
    let contact = p.passages.iter().find(|x| x.text.contains("compliance@glassbreak.io")).unwrap();
    assert!(contact.evidence.iter().any(|e| e.kind == EvidenceKind::Email));
}

#[test]
fn evidence_pointers_by_kind() {
    let p = posture();
    let count = |kind| p.pointers.iter().filter(|x| x.kind == kind).count();
    assert_eq!(count(EvidenceKind::SitePath), 32);
    assert_eq!(count(EvidenceKind::RepoPath), 3);
    assert_eq!(count(EvidenceKind::Workflow), 1);
    assert_eq!(count(EvidenceKind::DrScenario), 11);
    assert_eq!(count(EvidenceKind::AuditFinding), 3);
    assert_eq!(count(EvidenceKind::Email), 2);
    assert_eq!(count(EvidenceKind::Vendor), 12);
}

#[test]
fn each_pointer_knows_the_rows_that_cite_it() {
    let p = posture();
    let refs_citing = |key: &str| -> Vec<String> {
        let pointer = p.pointers.iter().find(|x| x.key() == key).unwrap_or_else(|| panic!("{key}"));
        pointer.rows().map(|r| p.rows[r].reference.clone()).collect()
    };
    assert_eq!(refs_citing("dr-scenario:22"), ["A.8.13", "Database — backup restore", "Backup integrity"]);
    assert_eq!(refs_citing("site-path:/policies/onboarding"), ["Clause 7", "A.6.1", "A.6.3", "A.7.8"]);
    assert_eq!(refs_citing("audit-finding:C-3"), ["A.8.2"]);
    assert_eq!(refs_citing("workflow:.github/workflows/dr-tests.yml"), ["Clause 8.6", "DR exercise log"]);
    assert_eq!(refs_citing("vendor:Stripe"), ["Supplier continuity"]);
    let api = p.rows.iter().find(|r| r.reference == "API — primary").unwrap();
    let scenarios: Vec<&str> =
        api.evidence.iter().filter(|e| e.kind == EvidenceKind::DrScenario).map(|e| e.target.as_str()).collect();
    assert_eq!(scenarios, ["1", "2", "3", "4", "5", "9"]);
}

#[test]
fn a_5_37_is_the_only_annex_a_gap() {
    let engine = Engine::embedded_default().unwrap();
    let annex_gaps: Vec<String> =
        engine.gaps().filter(|c| c.kind == EntryKind::Control).map(|c| c.control.to_string()).collect();
    assert_eq!(annex_gaps, ["ISO27001:A.5.37"]);
    let clause_gaps: Vec<String> =
        engine.gaps().filter(|c| c.kind == EntryKind::Clause).map(|c| c.control.to_string()).collect();
    assert_eq!(clause_gaps, ["ISO22301:8.1"]);
    let a516 = engine.coverage.iter().find(|c| c.control.id == "A.5.16").unwrap();
    assert_eq!(a516.status, Some(Status::Met), "the specific A.5.16 row wins over A.5.15–5.18");
    assert_eq!(a516.rows.len(), 2);
}

/// The refs of the first `n` hits that are rows.
fn top_rows(engine: &Engine, question: &str, n: usize) -> Vec<String> {
    engine.search(question, 20).into_iter().filter(|h| h.status.is_some()).take(n).map(|h| h.reference).collect()
}

#[test]
fn search_finds_the_row_behind_a_question() {
    let engine = Engine::embedded_default().unwrap();
    let check = |question: &str, expected_first: &str| {
        let top = top_rows(&engine, question, 3);
        assert_eq!(top.first().map(String::as_str), Some(expected_first), "{question}: {top:?}");
    };
    check("is data encrypted at rest", "A.8.24");
    check("encrypt", "A.8.24");
    check("Are new hires screened before they get production access?", "A.6.1");
    check("How can a security researcher report a vulnerability to you?", "A.6.8");
    check("MFA", "A.8.5");
    check("A.8.2", "A.8.2");
}

#[test]
fn vocabulary_connects_acronyms_and_stems() {
    let engine = Engine::embedded_default().unwrap();
    // "MFA" finds the row that only says "Multi-factor".
    assert!(top_rows(&engine, "MFA", 3).contains(&"A.5.16".to_string()));
    // "encrypt" is stemmed and expanded to cryptography: the hit marks "encryption".
    let hit = &engine.search("encrypt", 1)[0];
    let marked: Vec<&str> = hit.marks.iter().map(|&(a, b)| &hit.text[a..b]).collect();
    assert!(marked.contains(&"encryption"), "{marked:?}");
}

#[test]
fn dr_scenario_22_finds_the_backup_rows() {
    let engine = Engine::embedded_default().unwrap();
    let mut top = top_rows(&engine, "DR scenario 22", 3);
    top.sort();
    assert_eq!(top, ["A.8.13", "Backup integrity", "Database — backup restore"]);
}

#[test]
fn every_kind_of_document_is_indexed() {
    let engine = Engine::embedded_default().unwrap();
    let p = &engine.posture;
    let controls = engine.catalog.entries.iter().filter(|e| e.kind != EntryKind::Theme).count();
    assert_eq!(engine.index().len(), p.rows.len() + p.passages.len() + p.pointers.len() + controls);
    let kinds: Vec<&str> = engine
        .search("compliance@glassbreak.io", 10)
        .iter()
        .map(|h| match h.doc {
            crate::DocRef::Row(_) => "row",
            crate::DocRef::Passage(_) => "passage",
            crate::DocRef::Pointer(_) => "pointer",
            crate::DocRef::Control(_) => "control",
        })
        .collect();
    assert!(kinds.contains(&"passage") && kinds.contains(&"pointer"), "{kinds:?}");
    assert_eq!(engine.search("", 5), vec![]);
    assert_eq!(engine.search("the of and", 5), vec![]);
}

#[test]
fn recovery_objectives_are_read_per_surface() {
    let objectives = posture().recovery_objectives();
    let table: Vec<(String, Option<String>, Option<String>)> =
        objectives.iter().map(|o| (o.surface.clone(), o.rto.clone(), o.rpo.clone())).collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        table[..8],
        [
            ("API — primary".to_string(), s("≤ 60 seconds"), s("= 0")),
            ("API — direct".to_string(), s("≤ 5 minutes"), s("= 0")),
            ("Web — static".to_string(), s("≤ 60 seconds"), s("= 0")),
            ("Web — authenticated".to_string(), s("≤ 5 minutes"), None),
            ("Database — primary".to_string(), s("≤ 30 minutes"), s("≤ 1 minute")),
            ("Database — backup restore".to_string(), s("≤ 4 hours"), s("≤ 5 minutes")),
            ("Emergency message — public ack".to_string(), s("≤ 60 seconds"), None),
            ("Secrets manager (org admin)".to_string(), s("≤ 5 minutes for read paths"), None),
        ]
    );
    assert_eq!(objectives[0].tested_in, ["1", "2", "3", "4", "5", "9"]);
}
