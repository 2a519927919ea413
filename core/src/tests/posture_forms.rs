//! Posture as companies keep it (issue 17): an SoA as CSV, .xlsx and .ods with their own
//! headers and status words, a headings-and-bullets SoA in ISO 27001:2013 numbering, a control
//! list without statuses, a control guidance page. Each file is read into exactly its rows, with
//! the right statuses and refs, and drafting keeps the honesty rules on them. Fixtures are in
//! our own words (`tests/fixtures/posture/forms/`, workbooks written by `make-postures.mjs`).

use crate::posture::{read_file, FileReport, Form};
use crate::{Answer, Engine, Posture, Status};

fn load(name: &str) -> Posture {
    let path = format!("{}/../tests/fixtures/posture/forms/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let text = read_file(name, &bytes).unwrap_or_else(|e| panic!("{e}"));
    Posture::from_pages([(name, text.as_str())])
}

/// One expected row: the ref as shown, the status label, the ISO controls it maps to.
type Row<'a> = (&'a str, &'a str, &'a [&'a str]);

fn check(name: &str, form: Form, expected: &[Row]) -> Posture {
    let posture = load(name);
    let got: Vec<(String, String, Vec<String>)> = posture
        .rows
        .iter()
        .map(|r| (r.reference.clone(), r.status.label().to_string(), r.controls.iter().map(|c| c.id.clone()).collect()))
        .collect();
    let want: Vec<(String, String, Vec<String>)> = expected
        .iter()
        .map(|(r, s, c)| (r.to_string(), s.to_string(), c.iter().map(|c| c.to_string()).collect()))
        .collect();
    assert_eq!(got, want, "{name}");
    assert_eq!(report(&posture).form, form, "{name}");
    assert_eq!(report(&posture).rows, expected.len(), "{name}");
    posture
}

fn report(posture: &Posture) -> &FileReport {
    &posture.reports[0]
}

fn word<'a>(report: &'a FileReport, word: &str) -> &'a crate::posture::status::StatusWord {
    report.statuses.iter().find(|w| w.word == word).unwrap_or_else(|| panic!("no status word {word}"))
}

fn ask(posture: Posture, question: &str) -> crate::Draft {
    Engine::new(posture).unwrap().draft_text(question)
}

#[test]
fn an_soa_csv_is_read_by_its_own_headers_and_status_words() {
    let posture = check(
        "soa-ashgrove.csv",
        Form::Spreadsheet,
        &[
            ("A.5.1", "Met", &["A.5.1"]),
            ("A.5.15", "Met", &["A.5.15"]),
            ("A.5.18", "Partial", &["A.5.18"]),
            ("A.5.23", "Planned", &["A.5.23"]),
            ("A.6.3", "Met", &["A.6.3"]),
            ("A.7.4", "N/A", &["A.7.4"]),
            ("A.8.5", "Met", &["A.8.5"]),
            ("A.8.9", "Not met", &["A.8.9"]),
            ("A.8.13", "Partial", &["A.8.13"]),
            ("A.8.16", "Not met", &["A.8.16"]),
            ("A.8.24", "Met", &["A.8.24"]),
            ("A.8.28", "N/A", &["A.8.28"]),
            ("A.8.32", "no status stated", &["A.8.32"]),
        ],
    );
    let r = report(&posture);
    let columns: Vec<(&str, &str)> = r.columns.iter().map(|(_, h, role)| (h.as_str(), role.as_str())).collect();
    assert_eq!(
        columns,
        [
            ("Annex A Ref", "ref"),
            ("Control Title", "control name"),
            ("Applicable?", "applicable"),
            ("Implementation Status", "status"),
            ("Reason for inclusion", "justification (not evidence)"),
            ("How implemented", "implementation"),
            ("Control Owner", "owner"),
        ]
    );
    for (w, status) in [
        ("Implemented", Status::Met),
        ("In place", Status::Met),
        ("Complete", Status::Met),
        ("Yes", Status::Met),
        ("In progress", Status::Partial),
        ("Partially implemented", Status::Partial),
        ("Planned", Status::Planned),
        ("Not implemented", Status::NotMet),
        ("None", Status::NotMet),
        ("Applicable: No", Status::NotApplicable),
        ("Applicable: Excluded", Status::NotApplicable),
        ("(empty)", Status::Unstated),
    ] {
        assert_eq!(word(r, w).read_as, status, "{w}");
    }
    assert!(r.skipped.iter().any(|s| s == "column Risk: not used (no rule reads it)"), "{:?}", r.skipped);
    // The section row above the controls is a heading, not a row.
    assert_eq!(posture.rows[0].section, "A.5 Organizational controls");
    // Justification is kept apart from the text an answer quotes.
    let access = &posture.rows[1];
    assert_eq!(access.text, "Access to production is granted through role groups in the identity provider.");
    assert_eq!(access.justification, "Access must follow need-to-know");
    assert_eq!(access.owner, "IT");
    assert!(posture.diagnostics.is_empty(), "{:?}", posture.diagnostics);
}

#[test]
fn an_soa_workbook_is_read_from_its_soa_sheet_under_a_title_row() {
    let posture = check(
        "soa-bluefin.xlsx",
        Form::Spreadsheet,
        &[
            ("A5.1", "Met", &["A.5.1"]),
            ("A.5.7", "Partial", &["A.5.7"]),
            ("A.5.30", "Planned", &["A.5.30"]),
            ("A.6.1", "N/A", &["A.6.1"]),
            ("A.8.24", "Met", &["A.8.24"]),
            ("A.8.12", "Met", &["A.8.12"]),
            ("A.8.15", "Under review", &["A.8.15"]),
        ],
    );
    assert_eq!(posture.pages[0].title, "Bluefin Ltd — Statement of Applicability (ISO/IEC 27001:2022)");
    let r = report(&posture);
    assert_eq!(r.skipped[0], "sheet Read me: no header row with a control column (Control, Control ID, Ref, Annex A control) in its first 25 rows");
    assert_eq!(r.skipped[1], "sheet Lists: hidden; not read");
    assert_eq!(word(r, "Applicable: N").read_as, Status::NotApplicable);
    // An evidence cell keeps its header; an unknown status word is reported where it is.
    let crypto = posture.rows.iter().find(|r| r.reference == "A.8.24").unwrap();
    assert_eq!(
        crypto.text,
        "Stored customer records are encrypted at rest with AES-256; backups too. Evidence: Key management standard v3."
    );
    let messages: Vec<String> = posture.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].starts_with("soa-bluefin.xlsx:13: sheet SoA: row A.8.15: status `Under review` is not one of"));
}

#[test]
fn an_soa_ods_is_read_like_a_workbook() {
    check(
        "soa-cedar.ods",
        Form::Spreadsheet,
        &[("A.5.15", "Met", &["A.5.15"]), ("A.8.13", "Partial", &["A.8.13"]), ("A.8.24", "N/A", &["A.8.24"])],
    );
}

#[test]
fn a_headings_and_bullets_soa_in_2013_numbering_is_translated_to_2022() {
    let posture = check(
        "soa-pinecone-2013.md",
        Form::HeadingsAndBullets,
        &[
            // Issue 23: in an SoA, a control bullet linking to its policy is in place.
            ("A.9.1.1", "Met", &["A.5.15"]),
            ("A.9.1.2", "Met", &["A.5.15"]),
            ("A.9.4.2", "Met", &["A.8.5"]),
            ("A.10.1.1", "Met", &["A.8.24"]),
            ("A.10.1.2", "no status stated", &["A.8.24"]),
            ("A.11.1.6", "N/A", &["A.7.2"]),
            ("A.12.3.1", "no status stated", &["A.8.13"]),
        ],
    );
    let rows = &posture.rows;
    assert_eq!(rows[0].translated.as_deref(), Some("A.9.1.1 (2013) → A.5.15"));
    assert_eq!(rows[0].evidence[0].target, "/handbook/access-policy", "a bullet's link is its evidence");
    assert_eq!(rows[1].requirement, "Access to networks and network services", "emphasis inside the link is read");
    assert_eq!(rows[5].text, "Excluded: Pinecone has no offices and receives no deliveries.");
    assert_eq!(rows[6].text, "Production databases are backed up every hour and a restore is rehearsed every quarter.");
    assert_eq!(rows[6].section, "A.12 Operations security");
    let styles = &report(&posture).refs;
    assert_eq!(styles.len(), 1);
    assert_eq!(styles[0].examples[0], "A.9.1.1 (2013) → A.5.15");
}

#[test]
fn a_control_list_without_status_keeps_its_nist_and_soc2_refs() {
    let posture = check(
        "controls-nist.md",
        Form::ControlList,
        &[
            ("AC-2", "no status stated", &[]),
            ("AC-2(3)", "no status stated", &[]),
            ("IA-2", "no status stated", &[]),
            ("SC-28", "no status stated", &[]),
            ("CC6.1", "no status stated", &[]),
        ],
    );
    // The header on the first line is a header, not the title.
    assert_eq!(posture.pages[0].title, "controls-nist.md");
    assert_eq!(posture.rows[0].framework.as_deref(), Some("NIST SP 800-53"));
    assert_eq!(posture.rows[4].framework.as_deref(), Some("SOC 2"));
    assert_eq!(
        posture.rows[3].text,
        "Customer data at rest on production volumes is encrypted with keys held in the cloud key service."
    );
    // A question naming a ref finds its row, an enhancement by its base control too.
    let engine = Engine::new(posture).unwrap();
    assert_eq!(engine.search("SC-28", 1)[0].reference, "SC-28");
    let found: Vec<String> = engine.search("AC-2(3)", 2).iter().map(|h| h.reference.clone()).collect();
    assert_eq!(found, ["AC-2(3)", "AC-2"]);
}

#[test]
fn a_control_page_is_one_control_whose_statement_answers() {
    let posture =
        check("control-page-backups.md", Form::ControlPage, &[("BK.2.01", "no status stated", &["A.8.13", "A.8.24"])]);
    let row = &posture.rows[0];
    assert_eq!(row.requirement, "Encrypted Backups");
    assert_eq!(row.text, "Production backups are encrypted and copied to a second region.");
    assert_eq!(row.owner, "Platform");
    assert_eq!(row.translated.as_deref(), Some("A.12.3.1 (2013) → A.8.13; A.10.1.1 (2013) → A.8.24"));
    assert_eq!(row.mapped_refs, ["SOC 2 CC6.1", "PCI 3.4"]);
    assert_eq!(posture.pages[0].title, "BK.2.01 - Encrypted Backups Control Guidance");
    // The page's other sections stay citable prose; markup lines are not content.
    let sections: Vec<&str> = posture.passages.iter().map(|p| p.section.as_str()).collect();
    assert!(sections.contains(&"Scope") && sections.contains(&"Context"), "{sections:?}");
    assert!(!posture.passages.iter().any(|p| p.text.starts_with("{:") || p.text == "A.12.3.1"));
    assert!(posture.diagnostics.is_empty(), "{:?}", posture.diagnostics);
}

#[test]
fn a_statusless_row_answers_only_from_its_own_statement_and_never_with_high_confidence() {
    let d = ask(load("control-page-backups.md"), "Are backups encrypted?");
    assert_eq!(d.answer, Answer::Yes);
    assert!(d.confidence < 0.75, "{}", d.confidence);
    assert_eq!(d.citations[0].reference, "BK.2.01");
    assert_eq!(d.citations[0].status, Some(Status::Unstated));
    let d = ask(load("controls-nist.md"), "Is data at rest encrypted?");
    assert_eq!((d.answer, d.citations[0].reference.as_str()), (Answer::Yes, "SC-28"));
    assert!(d.confidence < 0.75, "{}", d.confidence);
    // A requirement in the imperative is not a statement that it is done.
    let d = ask(load("controls-nist.md"), "Do you disable inactive accounts?");
    assert_eq!(d.answer, Answer::NeedsReview, "{}", d.text);
    // A bullet with a title and no words of its own cannot answer: neither a status nor a link
    // to its policy says it is in place.
    let d = ask(load("soa-pinecone-2013.md"), "Do you have a key management process?");
    assert_eq!(d.answer, Answer::NeedsReview, "{}", d.text);
}

#[test]
fn an_excluded_control_answers_not_applicable_with_its_reason() {
    let d = ask(load("soa-ashgrove.csv"), "Do you monitor your physical premises?");
    assert_eq!(d.answer, Answer::NotApplicable);
    assert_eq!(d.text, "No premises of our own: all systems run in a cloud provider's data centres.");
    let d = ask(load("soa-bluefin.xlsx"), "Do you screen employees before hiring?");
    assert_eq!(d.answer, Answer::NotApplicable);
}

#[test]
fn an_soa_answers_from_its_implementation_text_not_its_justification() {
    let d = ask(load("soa-ashgrove.csv"), "Is customer data encrypted at rest?");
    assert_eq!(d.answer, Answer::Yes);
    assert_eq!(
        d.text,
        "Customer data at rest is encrypted with AES-256 in the managed database service and keys are rotated every year."
    );
    assert!(!d.text.contains("confidentiality"), "the justification is not quoted");
}

#[test]
fn files_that_are_not_posture_are_refused_by_name() {
    assert_eq!(
        read_file("soa.xlsx", b"%PDF-1.7").unwrap_err(),
        "soa.xlsx: this is a PDF, not a posture page; load the page as markdown, text or HTML"
    );
    let err = read_file("soa.xlsx", b"PK\x03\x04 not really a zip").unwrap_err();
    assert!(err.starts_with("soa.xlsx"), "{err}");
}

#[test]
fn a_nist_row_is_found_through_a_questions_ref_cell_or_a_loaded_crosswalk() {
    use crate::crosswalk::Crosswalk;
    use crate::{ControlId, Standard};
    let page = "| Control | Title | Description |\n|---|---|---|\n\
        | SC-8 | Transmission Confidentiality | Customer data is encrypted in transit with TLS 1.2 or later. |\n\
        | SC-28 | Protection of Information at Rest | Customer data is encrypted at rest with AES-256. |\n";
    let engine = Engine::new(Posture::from_pages([("controls.md", page)])).unwrap();
    let question = "Is customer data encrypted?";
    let cited = |refs: &[&str], crosswalk: Option<&Crosswalk>| {
        let refs: Vec<String> = refs.iter().map(|r| r.to_string()).collect();
        let d = engine.draft("q1", question, &refs, None, crosswalk);
        d.citations.first().map(|c| c.reference.clone()).unwrap_or_default()
    };
    // Both rows answer the words; the one a ref cell names is the one cited.
    assert_eq!(cited(&[], None), "SC-8");
    assert_eq!(cited(&["NIST SC-28"], None), "SC-28");
    let mut a = Crosswalk::default();
    a.insert("SC-8", vec![ControlId::new(Standard::Iso27001, "A.8.24")]);
    let mut b = Crosswalk::default();
    b.insert("SC-28", vec![ControlId::new(Standard::Iso27001, "A.8.24")]);
    // A crosswalk mapping a row's ref onto the control the question maps to brings that row.
    assert_eq!(cited(&[], Some(&a)), "SC-8");
    assert_eq!(cited(&[], Some(&b)), "SC-28");
}

/// Found by the property test on posture files: deciding whether a page is HTML cut its first
/// 200 bytes inside a multibyte character and panicked (a page not named .md/.txt/.html).
#[test]
fn a_page_with_a_multibyte_character_at_byte_200_is_read_not_a_panic() {
    let text = format!("T{}\n", "é".repeat(150));
    let posture = Posture::from_pages([("notes.page", text.as_str())]);
    assert_eq!(posture.pages.len(), 1);
}

#[test]
fn a_bullets_soa_numbered_by_2013_without_saying_so_reads_every_control_issue_23() {
    // `A8.3.1` (no dot after the A) is a 2013 control; `A8.3 Media handling` is its objective, a
    // heading — never the 2022 control A.8.3. Linked bullets are in place; exclusions in the prose
    // under a bullet are N/A.
    let posture = check(
        "soa-larch-bullets.md",
        Form::HeadingsAndBullets,
        &[
            ("A5.1.1", "Met", &["A.5.1"]),
            ("A5.1.2", "Met", &["A.5.1"]),
            ("A8.1.1", "Met", &["A.5.9"]),
            ("A8.3.1", "Met", &["A.7.10"]),
            ("A8.3.3", "N/A", &["A.7.10"]),
            ("A9.2.3", "Met", &["A.8.2"]),
            ("A9.2.6", "no status stated", &["A.5.18"]),
            ("A11.1.6", "N/A", &["A.7.2"]),
            ("A11.2.9", "Met", &["A.7.7"]),
            ("A12.3.1", "Met", &["A.8.13"]),
            ("A18.1.4", "Met", &["A.5.34"]),
        ],
    );
    let rows = &posture.rows;
    assert!(rows.iter().all(|r| !r.controls.iter().any(|c| c.id == "A.8.3")), "no 2013 ref read as 2022");
    assert_eq!(rows[3].section, "A8.3 Media handling", "the objective heads its controls");
    assert_eq!(rows[3].evidence[0].target, "/policies/removable-media", "the link is the evidence");
    assert_eq!(rows[3].translated.as_deref(), Some("A.8.3.1 (2013) → A.7.10"));
    assert!(rows[4].text.starts_with("We never carry media between sites"), "{}", rows[4].text);
    assert_eq!(rows[7].text, "This control does not apply: Larch has no premises and takes no deliveries.");
    assert_eq!(word(report(&posture), "in place: the bullet links to its policy").rows, 8);
    assert!(posture.passages.iter().any(|p| p.text.starts_with("Related documents")), "prose after the list stays");
    let d = ask(posture.clone(), "Do you transfer physical media between sites?");
    assert_eq!(d.answer, Answer::NotApplicable);
    assert!(d.text.starts_with("We never carry media between sites"), "{}", d.text);
    let d = ask(posture, "Are privileged access rights managed?");
    assert_eq!((d.answer, d.citations[0].reference.as_str()), (Answer::Yes, "A9.2.3"));
}

#[test]
fn an_soa_workbook_with_both_numberings_takes_the_2022_ref_and_the_control_text_as_requirement_issue_23() {
    let posture = check(
        "soa-rowan-two-numberings.xlsx",
        Form::Spreadsheet,
        &[
            ("A.5.1", "no status stated", &["A.5.1"]),
            ("A.5.15", "no status stated", &["A.5.15"]),
            ("A.5.15", "no status stated", &["A.5.15"]),
            // The file names ISO/IEC 27001:2013, but this column numbers by 2022: A.8.2 is
            // privileged access, not the 2013 objective of that number.
            ("A.8.2", "no status stated", &["A.8.2"]),
            ("A.7.10", "N/A", &["A.7.10"]),
            ("A.5.7", "no status stated", &["A.5.7"]),
            ("A.8.13", "no status stated", &["A.8.13"]),
            ("A.7.2", "N/A", &["A.7.2"]),
            ("A.6.7", "no status stated", &["A.6.7"]),
            // No 2022 number: the 2013 one, translated.
            ("A.14.2.8", "no status stated", &["A.8.29"]),
        ],
    );
    let rows = &posture.rows;
    assert_eq!(rows[3].requirement, "Powerful accounts are granted sparingly and watched.");
    assert_eq!(rows[3].mapped_refs, ["ISO/IEC 27001:2013 A.9.2.3"], "the 2013 number is an alias");
    assert_eq!(rows[4].text, "No device of ours accepts removable media.", "an exclusion's reason");
    let columns: Vec<(&str, &str)> =
        report(&posture).columns.iter().map(|(_, h, role)| (h.as_str(), role.as_str())).collect();
    assert!(columns.contains(&("ISO 27001:2022", "ref")), "{columns:?}");
    assert!(columns.contains(&("Control", "control text (the requirement, not a ref)")), "{columns:?}");
    // Applicable, no implementation status, no certification stated: applicable, status not stated.
    assert_eq!(word(report(&posture), "(empty)").read_as, Status::Unstated);
    assert!(report(&posture).notes.is_empty());
}

#[test]
fn applicable_with_no_status_is_in_place_only_where_the_file_states_a_certification_issue_23() {
    let posture = check(
        "soa-willow-certified.csv",
        Form::Spreadsheet,
        &[
            ("A.5.15", "Met", &["A.5.15"]),
            ("A.8.24", "Met", &["A.8.24"]),
            ("A.7.2", "N/A", &["A.7.2"]),
            ("A.8.13", "Partial", &["A.8.13"]),
        ],
    );
    let notes = &report(&posture).notes;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("certified to ISO/IEC 27001:2022"), "how it was read is said: {notes:?}");
    // Working towards a certification is not holding one.
    let text = "Acme is working towards ISO 27001 certification,,\nControl,Applicable,Status\nA.5.15,Y,\n";
    let posture = Posture::from_pages([("acme-soa.csv", text)]);
    assert_eq!(posture.rows[0].status, Status::Unstated);
}

#[test]
fn numbering_by_2013_is_translated_in_page_tables_and_sheets_never_read_as_2022_issue_23() {
    // Neither file names the 2013 edition; their three-level refs do.
    let page = "Maple controls\nStatus: audited yearly\nControls\n| Ref | Requirement | Status | How |\n|---|---|---|---|\n| A8.3 | Media handling | Met | USB ports are disabled. |\n| A12.3.1 | Backup | Met | Nightly backups. |\n";
    let posture = Posture::from_pages([("maple.md", page)]);
    let ids: Vec<Vec<&str>> = posture.rows.iter().map(|r| r.controls.iter().map(|c| c.id.as_str()).collect()).collect();
    assert_eq!(ids, [vec!["A.7.10"], vec!["A.8.13"]]);
    let sheet = "Ref,Control,Status\nA8.3,Media handling,Implemented\nA12.3.1,Backup,Implemented\n";
    let posture = Posture::from_pages([("maple.csv", sheet)]);
    let ids: Vec<Vec<&str>> = posture.rows.iter().map(|r| r.controls.iter().map(|c| c.id.as_str()).collect()).collect();
    assert_eq!(ids, [vec!["A.7.10"], vec!["A.8.13"]]);
    // A 2022 ref beside it keeps the page in 2022.
    let page = page.replace("| A12.3.1 | Backup |", "| A.8.24 | Cryptography |");
    let posture = Posture::from_pages([("maple.md", page.as_str())]);
    assert_eq!(posture.rows[0].controls[0].id, "A.8.3");
}
