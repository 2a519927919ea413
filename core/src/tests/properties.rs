//! Property tests: parsers never panic on any input, and their results keep their promises.

use crate::catalog::{expand_ref, RefExpansion};
use crate::evidence::extract;
use crate::export::{runs_as_formula, safe_cell, unescape_cell};
use crate::link::{link, Link};
use crate::model::EvidenceKind;
use crate::model::Review;
use crate::questionnaire::{self, ImportOptions};
use crate::workspace::Work;
use crate::Answer;
use proptest::prelude::*;

/// Strings built from the pieces links are attacked with (slashes, backslashes, whitespace and
/// control characters, schemes, `@`, percent escapes, look-alike characters), and any text.
fn hostile_link() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "/",
        "//",
        "\\",
        "\t",
        "\n",
        "\r",
        " ",
        "\u{0}",
        "\u{b}",
        "\u{a0}",
        "\u{3000}",
        "\u{ff0f}",
        "\u{2215}",
        ".",
        "..",
        "@",
        ":",
        "%2f",
        "%5c",
        "%2e",
        "#",
        "?",
        "evil.example",
        "good.example",
        "policies",
        "a",
        "1",
        "https:",
        "http:",
        "javascript:",
        "mailto:",
        "data:",
        "x@y.example",
        "§",
        " §4",
        "[",
        "]",
        "xn--",
        "-",
        "&",
        "'",
        "\"",
    ]);
    prop_oneof![
        prop::collection::vec(piece, 0..8).prop_map(|p| p.concat()),
        "\\PC{0,30}",
        "/[ -~]{0,20}",
        "https://[ -~]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn annex_ranges_expand_to_exactly_their_controls(theme in 5u32..=8, a in 1u32..40, len in 0u32..12, dash in prop::sample::select(vec!["–", "-", "—"])) {
        let b = a + len;
        match expand_ref(&format!("A.{theme}.{a}{dash}{theme}.{b}"), None) {
            RefExpansion::Controls(ids) => {
                prop_assert_eq!(ids.len() as u32, len + 1);
                for (k, id) in ids.iter().enumerate() {
                    prop_assert_eq!(&id.id, &format!("A.{theme}.{}", a + k as u32));
                }
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn any_ref_text_is_handled(text in ".{0,40}") {
        let _ = expand_ref(&text, None);
    }

    #[test]
    fn evidence_extraction_never_panics_and_finds_what_is_there(text in "[ -~§–é]{0,200}") {
        for e in extract(&text) {
            match e.kind {
                EvidenceKind::SitePath => prop_assert!(e.target.starts_with('/') && text.contains(&e.target)),
                EvidenceKind::RepoPath | EvidenceKind::Workflow | EvidenceKind::AuditFinding => prop_assert!(text.contains(&e.target)),
                EvidenceKind::Email => prop_assert!(text.to_lowercase().contains(&e.target)),
                EvidenceKind::DrScenario => prop_assert!(e.target.parse::<u32>().is_ok()),
                EvidenceKind::Vendor => {}
            }
        }
    }

    #[test]
    fn dr_scenario_lists_expand(a in 1u32..30, len in 0u32..6, gap in 1u32..30) {
        let extra = a + len + gap;
        let text = format!("Tested in DR scenarios {a}–{} (note) and {extra}.", a + len);
        let got: Vec<u32> = extract(&text).iter().filter(|e| e.kind == EvidenceKind::DrScenario).map(|e| e.target.parse().unwrap()).collect();
        let mut want: Vec<u32> = (a..=a + len).collect();
        want.push(extra);
        prop_assert_eq!(got, want);
    }

    #[test]
    fn any_file_is_identified_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..600), text in "\\PC{0,300}", json in any::<bool>()) {
        let name = if json { "x.json" } else { "x" };
        let _ = crate::identify::identify(name, &bytes);
        let _ = crate::identify::identify(name, text.as_bytes());
        let _ = crate::html::is_html("", &text);
    }

    #[test]
    fn any_bytes_import_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        match questionnaire::import("any.csv", &bytes) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.to_string().starts_with("any.csv: ")),
        }
    }

    #[test]
    fn csv_questions_come_back_verbatim(rows in prop::collection::vec(("[A-Z]{1,3}-[0-9]{1,3}", "[A-Za-z][A-Za-z ,;\"'?é]{0,60}[?a-z]"), 1..20)) {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["id", "question"]).unwrap();
        let mut seen = std::collections::HashSet::new();
        let rows: Vec<_> = rows.into_iter().filter(|(id, _)| seen.insert(id.clone())).collect();
        for (id, q) in &rows {
            w.write_record([id, q]).unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let q = questionnaire::import("gen.csv", &bytes).unwrap();
        let got: Vec<(String, String)> = q.questions.iter().map(|x| (x.id.clone(), x.text.clone())).collect();
        let want: Vec<(String, String)> = rows.iter().map(|(i, t)| (i.clone(), t.trim().to_string())).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn exported_cells_never_start_like_a_formula(text in "[ \t\r\n'=+@-]{0,4}\\PC{0,30}") {
        let safe = safe_cell(&text);
        prop_assert!(!runs_as_formula(&safe));
        prop_assert!(!safe.trim_start().starts_with(['=', '+', '-', '@']));
        prop_assert!(!safe.starts_with(['\t', '\r', '\n']));
        prop_assert!(safe.ends_with(&text));
        prop_assert_eq!(unescape_cell(&safe), text.as_str());
    }

    /// Issue 16: no string a stranger writes becomes a link that leaves the app's origin. Every
    /// site path is resolved as a browser resolves it (the `url` crate implements the WHATWG URL
    /// standard) against a page of the app, and must stay on its origin; an e-mail link is only
    /// `mailto:` and one plain address; a web link goes to the host it shows.
    #[test]
    fn no_link_leaves_the_origin_or_hides_its_host(text in hostile_link()) {
        let page = url::Url::parse("https://trust.example.com/app/index.html#ask").unwrap();
        match link(&text) {
            None => {}
            Some(Link::SitePath(path)) => {
                let resolved = page.join(&path);
                prop_assert!(resolved.as_ref().is_ok_and(|r| r.origin() == page.origin()), "{:?} → {:?}", text, resolved);
                prop_assert!(text.starts_with(&path));
            }
            Some(Link::Mail(address)) => {
                let resolved = url::Url::parse(&format!("mailto:{address}"));
                prop_assert!(resolved.as_ref().is_ok_and(|r| r.scheme() == "mailto" && r.query().is_none()), "{:?}", resolved);
                prop_assert!(address.matches('@').count() == 1 && !address.contains([',', ';', '?', '&']), "{}", address);
            }
            Some(Link::Web { url, host }) => {
                let resolved = url::Url::parse(&url);
                prop_assert!(resolved.as_ref().is_ok_and(|r| r.scheme() == "https"
                    && r.host_str() == Some(host.as_str())
                    && r.username().is_empty()
                    && r.password().is_none()), "{} → {:?}", url, resolved);
            }
        }
    }

    #[test]
    fn saved_work_round_trips(edits in prop::collection::vec((0usize..2, prop::option::of(0usize..5), prop::option::of("\\PC{0,30}"), any::<bool>()), 0..6)) {
        let bytes = b"id,question\nQ1,Is data encrypted at rest?\nQ2,Do you have CCTV?\n".to_vec();
        let q = questionnaire::import("q.csv", &bytes).unwrap();
        let mut work = Work::new("q.csv", bytes, ImportOptions::default(), q);
        work.push_drafts(vec![crate::Draft::needs_review(), crate::Draft::needs_review()]);
        for (i, answer, text, approved) in edits {
            work.reviews[i] = Review { answer: answer.map(|a| Answer::ALL[a]), text, approved, ..Review::default() };
        }
        prop_assert_eq!(Work::from_json(&work.to_json()).unwrap(), work);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any posture text, as a page, an SoA CSV or a control page, parses without panicking, and
    /// every row it gives names its file's page.
    #[test]
    fn any_posture_form_parses_without_panicking(
        lines in prop::collection::vec(prop::sample::select(vec![
            "---", "title: \"X.1 - Thing Control Guidance\"", "# A.9.1.1 Policy", "## Control Statement",
            "Data is encrypted.", "* A.10.1.1 Keys - Excluded: none", "- [**SC-28**](https://a.example/x)",
            "| Control | Title | Description |", "|---|---|---|", "| AC-2(3) | Disable | Disable them. |",
            "Control ID,Status,Justification", "A.5.15,Implemented,why", "A5.1,,", "## Framework Mapping", "* ISO",
            "  * A.18.1.4", "* PCI", "  * 3.4", "<summary>Access (AC)</summary> text", "{:toc}", "é|ü|—",
        ]), 0..24),
        name in prop::sample::select(vec!["p.md", "soa.csv", "page.html", "book.xlsx"]),
    ) {
        let text = lines.join("\n");
        let posture = crate::Posture::from_pages([(name, text.as_str())]);
        let titles: Vec<&str> = posture.pages.iter().map(|p| p.title.as_str()).collect();
        for row in &posture.rows {
            prop_assert!(titles.contains(&row.page.as_str()), "{:?}", row);
        }
    }

    #[test]
    fn any_ref_or_status_cell_is_read(text in "\\PC{0,30}") {
        let _ = crate::posture::refs::read_ref(&text, None, true);
        let _ = crate::posture::refs::framework_refs_in(&text);
        let _ = crate::Status::parse(&text);
        let _ = crate::posture::states_in_place(&text);
    }

    #[test]
    fn any_bytes_as_a_posture_file_read_or_fail_by_name(bytes in prop::collection::vec(any::<u8>(), 0..400), name in prop::sample::select(vec!["s.xlsx", "s.csv", "s.ods", "s.md"])) {
        match crate::posture::read_file(name, &bytes) {
            Ok(text) => { let _ = crate::Posture::from_pages([(name, text.as_str())]); }
            Err(e) => prop_assert!(e.starts_with(name), "{}", e),
        }
    }
}
