//! Text and JSON output of the commands.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use trustdraft_core::draft::Explanation;
use trustdraft_core::eval::{DraftReport, MappingReport};
use trustdraft_core::evidence::CitedIn;
use trustdraft_core::{Draft, Engine, EvidenceKind, Hit, Posture};

pub fn json(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
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

pub fn rows(out: &mut impl Write, posture: &Posture) -> Result<()> {
    for page in &posture.pages {
        writeln!(out, "{} ({})", page.title, page.file)?;
        if let Some(status) = &page.status_line {
            writeln!(out, "  Status: {status}")?;
        }
        for row in posture.rows_of(&page.title) {
            let controls: Vec<String> = row.controls.iter().map(|c| c.id.clone()).collect();
            writeln!(out, "  {} [{}] {} → {}", row.reference, row.status, row.requirement, controls.join(", "))?;
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
    for c in &engine.coverage {
        let rows: Vec<&str> = c.rows.iter().map(|&r| engine.posture.rows[r].reference.as_str()).collect();
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
