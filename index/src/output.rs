//! Text and JSON output of the commands.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use trustdraft_core::jobs::{identify, FileKind};
use trustdraft_core::jobs::{DraftReport, MappingReport};
use trustdraft_core::AnswerPack;
use trustdraft_core::CitedIn;
use trustdraft_core::Explanation;
use trustdraft_core::Library;
use trustdraft_core::Questionnaire;
use trustdraft_core::{Catalog, Citation, Draft, Engine, EvidenceKind, Hit, Posture};

/// Pretty JSON, written at once (stdout is line-buffered: written piecemeal, 20,000 drafts
/// cost hundreds of thousands of system calls).
pub fn json(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    out.write_all(text.as_bytes())?;
    writeln!(out)?;
    Ok(())
}

/// `text` with the marked ranges in `[...]`.
fn marked(text: &str, marks: &[(usize, usize)]) -> String {
    let mut s = String::new();
    let mut at = 0;
    for &(from, to) in marks {
        if from < at || to > text.len() {
            continue;
        }
        s.push_str(&text[at..from]);
        s.push('[');
        s.push_str(&text[from..to]);
        s.push(']');
        at = to;
    }
    s.push_str(&text[at..]);
    s
}

pub fn hits(out: &mut impl Write, hits: &[Hit]) -> Result<()> {
    if hits.is_empty() {
        writeln!(out, "no match")?;
    }
    for (i, hit) in hits.iter().enumerate() {
        let status = hit.status.as_ref().map(|s| format!(" [{s}]")).unwrap_or_default();
        writeln!(out, "{}. {}{} {} ({:.2})", i + 1, hit.reference, status, hit.title, hit.score)?;
        if let (Some(page), Some(section)) = (&hit.page, &hit.section) {
            writeln!(out, "   {page} › {section}")?;
        }
        writeln!(out, "   {}", marked(&hit.text, &hit.marks))?;
        if !hit.evidence.is_empty() {
            let ev: Vec<String> = hit.evidence.iter().map(|e| e.to_string()).collect();
            writeln!(out, "   evidence: {}", ev.join("; "))?;
        }
    }
    Ok(())
}

/// A draft with where its question is in the workbook (and what was there before).
#[derive(Serialize)]
pub struct PlacedDraft<'a> {
    #[serde(flatten)]
    draft: &'a Draft,
    sheet: &'a str,
    /// 1-based, as a spreadsheet shows it.
    row: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    existing: Option<&'a trustdraft_core::Existing>,
}

/// The drafts of `draft --format json`: each with its sheet and row.
pub fn placed_drafts<'a>(q: &'a Questionnaire, drafts: &'a [Draft]) -> Vec<PlacedDraft<'a>> {
    drafts
        .iter()
        .zip(&q.questions)
        .map(|(d, x)| PlacedDraft { draft: d, sheet: &x.sheet, row: x.row + 1, existing: x.existing.as_ref() })
        .collect()
}

/// What `fill --json` prints.
#[derive(Serialize)]
pub struct FillReport {
    output: String,
    summary: trustdraft_core::Summary,
    sentence: String,
    verified: Option<trustdraft_core::Verified>,
    /// Every cell written: sheet, cell name (`C23`), value.
    cells: Vec<(String, String, String)>,
}

impl FillReport {
    pub fn new(
        output: &std::path::Path,
        plan: &trustdraft_core::Plan,
        exported: &trustdraft_core::Exported,
    ) -> FillReport {
        FillReport {
            output: output.display().to_string(),
            summary: exported.summary.clone(),
            sentence: exported.summary.sentence(),
            verified: exported.verified.clone(),
            cells: plan.writes.iter().map(|w| (w.sheet.clone(), w.cell.name(), w.value.clone())).collect(),
        }
    }
}

/// The import report: per sheet, taken or not and why, header rows, columns, questions.
pub fn import_report(out: &mut impl Write, q: &Questionnaire) -> Result<()> {
    use trustdraft_core::column_name;
    writeln!(out, "{}: {} questions ({})", q.file, q.questions.len(), q.format.label())?;
    for s in &q.sheets {
        let taken = if s.is_questionnaire() { "questionnaire" } else { s.kind.label() };
        writeln!(
            out,
            "  {} — {}{}",
            s.name,
            taken,
            if s.reason.is_empty() { String::new() } else { format!(": {}", s.reason) }
        )?;
        if s.questions == 0 && !s.is_questionnaire() {
            continue;
        }
        let rows: Vec<String> = s.header_rows.iter().map(|r| (r + 1).to_string()).collect();
        let cols: Vec<String> = s
            .headers
            .iter()
            .map(|(role, h)| {
                format!(
                    "{} {} \u{201c}{h}\u{201d}",
                    role.label(),
                    s.columns.get(*role).map(column_name).unwrap_or_default()
                )
            })
            .chain(s.columns.marks.iter().map(|m| format!("mark {} \u{201c}{}\u{201d}", column_name(m.col), m.label)))
            .collect();
        writeln!(out, "    {} question rows; header rows {}; {}", s.questions, rows.join(", "), cols.join(", "))?;
        if s.existing > 0 {
            writeln!(out, "    {} already answered", s.existing)?;
        }
        for k in s.skipped.iter().take(5) {
            writeln!(out, "    row {}: {}", k.row, k.reason)?;
        }
        if s.skipped.len() > 5 {
            writeln!(out, "    … {} more rows skipped", s.skipped.len() - 5)?;
        }
    }
    for n in &q.notes {
        writeln!(out, "  {n}")?;
    }
    Ok(())
}

pub fn rows(out: &mut impl Write, posture: &Posture) -> Result<()> {
    for page in &posture.pages {
        writeln!(out, "{} ({})", page.title, page.file)?;
        if let Some(report) = posture.reports.iter().find(|r| r.file == page.file) {
            for line in report.lines() {
                writeln!(out, "  {line}")?;
            }
        }
        if let Some(status) = &page.status_line {
            writeln!(out, "  Status: {status}")?;
        }
        for row in posture.rows.iter().filter(|r| r.page == page.title) {
            let controls: Vec<String> = row.controls.iter().map(|c| c.id.clone()).collect();
            let framework = row.framework.as_deref().map(|f| format!(" ({f})")).unwrap_or_default();
            writeln!(
                out,
                "  {}{framework} [{}] {} → {}",
                row.reference,
                row.status,
                row.requirement,
                controls.join(", ")
            )?;
            if let Some(t) = &row.translated {
                writeln!(out, "      read as: {t}")?;
            }
            if !row.mapped_refs.is_empty() {
                writeln!(out, "      also mapped to: {}", row.mapped_refs.join(", "))?;
            }
            if !row.justification.is_empty() {
                writeln!(out, "      justification (why it applies, not evidence): {}", row.justification)?;
            }
            for e in &row.evidence {
                writeln!(out, "      {}: {}", e.kind.label(), e)?;
            }
        }
    }
    for d in &posture.diagnostics {
        writeln!(out, "warning: {d}")?;
    }
    Ok(())
}

#[derive(Serialize)]
pub struct PointerView {
    kind: EvidenceKind,
    target: String,
    rows: Vec<String>,
    passages: usize,
}

pub fn pointer_views(posture: &Posture) -> Vec<PointerView> {
    posture
        .pointers
        .iter()
        .map(|p| PointerView {
            kind: p.kind,
            target: p.target.clone(),
            rows: p.rows().map(|r| format!("{} › {}", posture.rows[r].page, posture.rows[r].reference)).collect(),
            passages: p.cited_by.iter().filter(|(c, _)| matches!(c, CitedIn::Passage(_))).count(),
        })
        .collect()
}

pub fn pointers(out: &mut impl Write, posture: &Posture) -> Result<()> {
    for kind in EvidenceKind::ALL {
        let of_kind: Vec<_> = pointer_views(posture).into_iter().filter(|p| p.kind == kind).collect();
        writeln!(out, "{} ({})", kind.label(), of_kind.len())?;
        for p in of_kind {
            writeln!(out, "  {} ← {}", p.target, p.rows.join("; "))?;
        }
    }
    Ok(())
}

pub fn coverage(out: &mut impl Write, engine: &Engine) -> Result<()> {
    for c in engine.coverage() {
        let rows: Vec<&str> = c.rows.iter().map(|&r| engine.posture().rows[r].reference.as_str()).collect();
        let status = c.status.as_ref().map(|s| s.label().to_string()).unwrap_or_else(|| "GAP".into());
        writeln!(out, "{} {} [{}] {}", c.control, c.title, status, rows.join(", "))?;
    }
    Ok(())
}

pub fn draft(out: &mut impl Write, d: &Draft) -> Result<()> {
    writeln!(out, "{} ({} confidence, {:.2})", d.answer.label(), d.band().label(), d.confidence)?;
    if !d.text.is_empty() {
        writeln!(out, "{}", d.text)?;
    }
    for c in &d.citations {
        let status = c.status.as_ref().map(|s| format!(" [{s}]")).unwrap_or_default();
        writeln!(out, "  cites {} › {}{}", c.page, c.reference, status)?;
    }
    let controls: Vec<String> = d.controls.iter().map(|c| c.to_string()).collect();
    if !controls.is_empty() {
        writeln!(out, "  maps to {}", controls.join(", "))?;
    }
    if let Some(l) = &d.library {
        writeln!(out, "  {}", l.label())?;
        writeln!(out, "  earlier question ({}, {:.2}): {} [{}]", l.matched.as_str(), l.score, l.question, l.source)?;
    }
    Ok(())
}

/// One file given as earlier answers: what it contributes, or why it cannot be used.
#[derive(Serialize)]
pub struct LibrarySource {
    #[serde(flatten)]
    pub contribution: trustdraft_core::jobs::Contribution,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// `trustdraft library`: a line per file, with its notes.
pub fn library_sources(out: &mut impl Write, sources: &[LibrarySource]) -> Result<()> {
    for s in sources {
        let c = &s.contribution;
        if let Some(e) = &s.error {
            writeln!(out, "{}: cannot be used: {e}", c.file)?;
            continue;
        }
        let scope = if c.scope.is_empty() { "no scope recorded".to_string() } else { format!("scope {}", c.scope) };
        write!(out, "{}: {}, {scope}: {} entries", c.file, c.kind, c.entries)?;
        if let (Some(q), Some(a), Some(w), Some(u)) = (c.questions, c.answered, c.in_words, c.unanswered) {
            write!(out, " ({q} questions: {a} answered, {w} answered in words only, {u} unanswered)")?;
        }
        writeln!(out)?;
        for note in &c.notes {
            writeln!(out, "  note: {note}")?;
        }
    }
    Ok(())
}

/// Why the draft is what it is: the question's words each cited row states, the words no row
/// states, the demands not met; then how the question was read.
pub fn explanation(out: &mut impl Write, d: &Draft, e: &Explanation) -> Result<()> {
    writeln!(out, "why:")?;
    for line in d.support.lines() {
        writeln!(out, "  {line}")?;
    }
    let read: Vec<String> = e
        .terms
        .iter()
        .map(|t| {
            if t.role == "subject" {
                let security = if t.security { ", security word" } else { "" };
                format!("{} [part {}, {:.1}{security}]", t.words, t.part + 1, t.weight)
            } else {
                format!("{} ({})", t.words, t.role)
            }
        })
        .collect();
    writeln!(out, "  read as: {}", read.join("; "))?;
    if !e.demands.is_empty() {
        writeln!(out, "  demands: {}", e.demands.join(", "))?;
    }
    if e.polarity != "plain" {
        writeln!(out, "  polarity: {}", e.polarity)?;
    }
    for (i, rows) in e.parts.iter().enumerate() {
        let rows = if rows.is_empty() { "none".to_string() } else { rows.join(", ") };
        writeln!(out, "  rows stating part {}: {rows}", i + 1)?;
    }
    Ok(())
}

fn pct(x: f64) -> String {
    format!("{:5.1}%", x * 100.0)
}

pub fn draft_report(out: &mut impl Write, r: &DraftReport, verbose: bool) -> Result<()> {
    writeln!(out, "drafts: {} labelled questions", r.questions)?;
    writeln!(out, "  answers accepted           {}", pct(r.answers_accepted))?;
    writeln!(
        out,
        "  precision                  {}  ({} of {} substantive answers right)",
        pct(r.precision),
        r.answered_right,
        r.answered
    )?;
    writeln!(
        out,
        "  recall                     {}  ({} of {} answerable questions)",
        pct(r.recall),
        r.answered_right,
        r.answerable
    )?;
    writeln!(out, "  false yes                  {}", r.false_yes)?;
    writeln!(out, "  all needs-review would get {}", pct(r.all_needs_review))?;
    writeln!(out, "  citing an expected row     {}", pct(r.refs_cited))?;
    writeln!(out, "  citing expected evidence   {}", pct(r.evidence_cited))?;
    for o in &r.outcomes {
        let bad = !o.answer_ok || o.refs_ok == Some(false) || o.evidence_ok == Some(false);
        if bad || verbose {
            writeln!(
                out,
                "  {} {:<4} {:<14} want {:<22} refs {:<5} evidence {:<5} cited [{}]  {}",
                if bad { "✗" } else { "✓" },
                o.id,
                o.answer.as_str(),
                o.accept.join("|"),
                o.refs_ok.map_or("-".to_string(), |b| b.to_string()),
                o.evidence_ok.map_or("-".to_string(), |b| b.to_string()),
                o.cited.join("; "),
                o.question
            )?;
        }
    }
    Ok(())
}

pub fn mapping_report(out: &mut impl Write, r: &MappingReport, verbose: bool) -> Result<()> {
    writeln!(out, "mapping: {} questions", r.questions)?;
    writeln!(out, "  hit@1     {:.2}", r.hit_at_1)?;
    writeln!(out, "  recall@5  {:.2}", r.recall_at_5)?;
    writeln!(out, "  MRR       {:.2}", r.mrr)?;
    if verbose {
        for (id, want, got) in &r.misses {
            writeln!(out, "  ✗ {id}: want {} got {}", want.join(" "), got.join(" "))?;
        }
    }
    Ok(())
}

/// What `trustdraft open` found in a file.
#[derive(Debug, Serialize)]
pub struct Opened {
    pub file: String,
    /// `answer-pack`, `library`, `questionnaire` or `posture-page`.
    pub kind: &'static str,
    /// For a pack: who it says it is from (a claim), and who its pages name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_claimed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_named_by_pages: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_fingerprint: Option<String>,
    /// Answers (pack), entries (library), questions (questionnaire) or rows (page).
    pub items: usize,
    /// Per answer of a pack: its id and what contradicts the pack's posture.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contradictions: Vec<(String, Vec<String>)>,
    /// What was left out or could not be read.
    pub notes: Vec<String>,
    /// Every evidence string cited, with the link the app makes of it (none: shown as text).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<(String, Option<String>)>,
}

fn links<'a>(citations: impl Iterator<Item = &'a Citation>) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for e in citations.flat_map(|c| c.evidence.iter()) {
        if !out.iter().any(|(t, _)| t == e) {
            out.push((e.clone(), trustdraft_core::link(e).map(|l| l.href())));
        }
    }
    out
}

/// Opens `bytes` (the file `name`) as the app would, after [`identify`] says what it is.
pub fn open(name: &str, bytes: &[u8]) -> Result<Opened> {
    let empty = |kind, items| Opened {
        file: name.to_string(),
        kind,
        vendor_claimed: None,
        vendor_named_by_pages: None,
        fingerprint: None,
        stated_fingerprint: None,
        items,
        contradictions: Vec::new(),
        notes: Vec::new(),
        links: Vec::new(),
    };
    match identify(name, bytes) {
        FileKind::AnswerPack => {
            let pack = AnswerPack::from_json(name, bytes)?;
            let posture = Posture::from_pages(pack.pages());
            let check = pack.check(&posture, &Catalog::embedded());
            let contradictions = pack
                .answers
                .iter()
                .zip(&check.contradictions)
                .filter(|(_, c)| !c.is_empty())
                .map(|(a, c)| (a.id.clone(), c.iter().map(|c| c.to_string()).collect()))
                .collect();
            Ok(Opened {
                vendor_claimed: Some(pack.vendor.clone()),
                vendor_named_by_pages: Some(check.named_by_pages.clone()),
                fingerprint: Some(check.fingerprint.clone()),
                stated_fingerprint: check.stated_fingerprint.clone(),
                contradictions,
                notes: check.notes.clone(),
                links: links(pack.answers.iter().flat_map(|a| a.citations.iter())),
                ..empty("answer-pack", pack.answers.len())
            })
        }
        FileKind::Library => {
            let text = String::from_utf8_lossy(bytes);
            let library = if text.trim_start_matches('\u{feff}').trim_start().starts_with('{') {
                Library::from_json(name, &text)?
            } else {
                Library::from_csv(name, &text)?
            };
            Ok(Opened {
                links: links(library.entries.iter().flat_map(|e| e.citations.iter())),
                ..empty("library", library.len())
            })
        }
        FileKind::Workbook | FileKind::Table => {
            let q = trustdraft_core::jobs::import(name, bytes)?;
            Ok(Opened { notes: q.notes.clone(), ..empty("questionnaire", q.questions.len()) })
        }
        FileKind::PosturePage => {
            let text = trustdraft_core::jobs::decode_page(name, bytes).map_err(|e| anyhow::anyhow!(e))?;
            let posture = Posture::from_pages([(name, text.as_str())]);
            Ok(Opened {
                notes: posture.diagnostics.iter().map(|d| d.to_string()).collect(),
                ..empty("posture-page", posture.rows.len())
            })
        }
        FileKind::Other(what) => anyhow::bail!(
            "{name}: this is {what}, not a questionnaire, an answer pack, an answer library or a posture page"
        ),
    }
}

pub fn opened(out: &mut impl Write, o: &Opened) -> Result<()> {
    writeln!(out, "{}: {} ({} items)", o.file, o.kind, o.items)?;
    if let (Some(claimed), Some(named)) = (&o.vendor_claimed, &o.vendor_named_by_pages) {
        writeln!(out, "  pages name: {named}")?;
        writeln!(out, "  the pack claims to be from: {claimed}")?;
    }
    if let Some(f) = &o.fingerprint {
        writeln!(out, "  posture fingerprint: {f}")?;
    }
    if let Some(f) = &o.stated_fingerprint {
        writeln!(out, "  the pack states another fingerprint: {f} (its pages were changed after it was made)")?;
    }
    for (id, found) in &o.contradictions {
        for c in found {
            writeln!(out, "  CONTRADICTION {id}: {c}")?;
        }
    }
    for note in &o.notes {
        writeln!(out, "  note: {note}")?;
    }
    for (text, href) in &o.links {
        match href {
            Some(h) => writeln!(out, "  link: {text} → {h}")?,
            None => writeln!(out, "  text: {text}")?,
        }
    }
    Ok(())
}
