//! Writing answers out: back into the original workbook (same sheets, cells, styles, merged
//! ranges, dropdowns and column widths), into the original CSV, and as CSV or JSON of the
//! drafts. No cell ever starts like a formula.
//!
//! An `.xlsx` is patched, not rebuilt: every part of the package is copied byte for byte except
//! the sheets that receive answers, and in those only the target cells change (written as
//! inline strings, keeping each cell's style). No spreadsheet library round-trips everything a
//! customer's workbook may hold; this way nothing else can change.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read, Write};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};
use serde::{Deserialize, Serialize};

use crate::answer::{choose, Answer, Citation, Draft};
use crate::questionnaire::grid::read_entry_limited;
use crate::questionnaire::xlsx_parts::{self, parse_cell, PART_LIMIT};
use crate::questionnaire::{Cell, Questionnaire};

/// An export that could not be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    #[error("{file}: the original workbook cannot be read back ({reason})")]
    Original { file: String, reason: String },
    #[error("{file}: sheet {sheet} is not in the original workbook")]
    MissingSheet { file: String, sheet: String },
    #[error("{file}: writing the answered workbook failed ({reason})")]
    Write { file: String, reason: String },
}

/// A cell that a spreadsheet program will never run as a formula: text starting with `=`, `+`,
/// `-`, `@`, tab or carriage return gets a leading apostrophe, which spreadsheets show as text.
pub fn safe_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The answer a question goes out with: the draft, or the reviewer's edit of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinalAnswer {
    pub id: String,
    pub answer: Answer,
    /// The dropdown value, when the answer cell has a dropdown.
    pub choice: Option<String>,
    pub text: String,
    pub citations: Vec<Citation>,
}

impl From<&Draft> for FinalAnswer {
    fn from(d: &Draft) -> FinalAnswer {
        FinalAnswer {
            id: d.id.clone(),
            answer: d.answer,
            choice: d.choice.clone(),
            text: d.text.clone(),
            citations: d.citations.clone(),
        }
    }
}

/// A citation for people: `ISO/IEC 27001:2022 › A.8.24 (Met)`.
pub fn citation_label(c: &Citation) -> String {
    match &c.status {
        Some(s) => format!("{} › {} ({})", c.page, c.reference, s),
        None => format!("{} › {}", c.page, c.reference),
    }
}

/// The text that goes into a comment cell: the answer text, then its sources.
pub fn comment_text(a: &FinalAnswer) -> String {
    if a.text.is_empty() {
        return String::new();
    }
    let sources: Vec<String> = a.citations.iter().map(citation_label).collect();
    if sources.is_empty() {
        a.text.clone()
    } else {
        format!("{} Sources: {}.", a.text, sources.join("; "))
    }
}

/// The value that goes into an answer cell: the dropdown value when there is a dropdown (none
/// if no allowed value fits), else the answer's label; nothing for `needs-review` unless the
/// reviewer chose an allowed value (one that means none of the answers, such as an uptime tier).
pub fn answer_value(a: &FinalAnswer, choices: Option<&[String]>) -> Option<String> {
    if a.answer == Answer::NeedsReview {
        return choices.and_then(|c| a.choice.clone().filter(|v| c.contains(v)));
    }
    match choices {
        Some(choices) => a.choice.clone().filter(|c| choices.contains(c)).or_else(|| choose(a.answer, choices)),
        None => Some(a.answer.label().to_string()),
    }
}

/// One cell to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellWrite {
    pub sheet: String,
    pub cell: Cell,
    pub value: String,
}

/// The cells an export writes: each question's answer and comment cells; on a sheet without an
/// answer or comment column, new `Answer` / `Comments` columns after the last used one.
pub fn answered_cells(q: &Questionnaire, answers: &[FinalAnswer]) -> Vec<CellWrite> {
    let by_id: HashMap<&str, &FinalAnswer> = answers.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut writes = Vec::new();
    for sheet in q.sheets.iter().filter(|s| s.questions > 0) {
        let Some(header) = sheet.header_row else { continue };
        let mut next = sheet.width;
        let mut new_column = |title: &str, writes: &mut Vec<CellWrite>| {
            let col = next;
            next += 1;
            writes.push(CellWrite {
                sheet: sheet.name.clone(),
                cell: Cell { row: header, col },
                value: title.to_string(),
            });
            col
        };
        let answer_col = match sheet.columns.answer {
            Some(c) => c,
            None => new_column("Answer", &mut writes),
        };
        let comment_col = match sheet.columns.comment {
            Some(c) => c,
            None => new_column("Comments", &mut writes),
        };
        for question in q.questions.iter().filter(|x| x.sheet == sheet.name) {
            let Some(a) = by_id.get(question.id.as_str()) else { continue };
            if let Some(value) = answer_value(a, question.choices.as_deref()) {
                writes.push(CellWrite {
                    sheet: sheet.name.clone(),
                    cell: Cell { row: question.row, col: answer_col },
                    value,
                });
            }
            let comment = comment_text(a);
            if !comment.is_empty() {
                writes.push(CellWrite {
                    sheet: sheet.name.clone(),
                    cell: Cell { row: question.row, col: comment_col },
                    value: comment,
                });
            }
        }
    }
    for w in &mut writes {
        w.value = safe_cell(&clean_text(&w.value));
    }
    writes
}

/// Drops characters XML 1.0 cannot carry.
fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}'))
        .collect()
}

/// The original workbook with `writes` applied.
pub fn export_xlsx(file: &str, original: &[u8], writes: &[CellWrite]) -> Result<Vec<u8>, ExportError> {
    let bad = |reason: String| ExportError::Original { file: file.to_string(), reason };
    let parts = xlsx_parts::read(original).map_err(bad)?;
    // Part path → row → col → value.
    let mut by_part: HashMap<String, BTreeMap<u32, BTreeMap<u32, String>>> = HashMap::new();
    for w in writes {
        let path = parts
            .sheet_paths
            .iter()
            .find(|(name, _)| *name == w.sheet)
            .map(|(_, p)| p.clone())
            .ok_or_else(|| ExportError::MissingSheet { file: file.to_string(), sheet: w.sheet.clone() })?;
        by_part.entry(path).or_default().entry(w.cell.row).or_default().insert(w.cell.col, w.value.clone());
    }
    let write_err = |e: String| ExportError::Write { file: file.to_string(), reason: e };
    let mut zip = zip::ZipArchive::new(Cursor::new(original)).map_err(|e| bad(e.to_string()))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let name =
            zip.by_index_raw(i).map_err(|e| bad(e.to_string()))?.name().map_err(|e| bad(e.to_string()))?.into_owned();
        match by_part.get(&name) {
            Some(rows) => {
                let entry = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
                let method = entry.compression();
                let bytes = read_entry_limited(entry, PART_LIMIT).map_err(bad)?;
                let xml = String::from_utf8(bytes).map_err(|_| bad(format!("{name} is not UTF-8")))?;
                let patched = patch_sheet(&xml, rows).map_err(|e| bad(format!("{name}: {e}")))?;
                let options = zip::write::SimpleFileOptions::default().compression_method(method);
                out.start_file(name.as_str(), options).map_err(|e| write_err(e.to_string()))?;
                out.write_all(patched.as_bytes()).map_err(|e| write_err(e.to_string()))?;
            }
            None => {
                let entry = zip.by_index_raw(i).map_err(|e| bad(e.to_string()))?;
                out.raw_copy_file(entry).map_err(|e| write_err(e.to_string()))?;
            }
        }
    }
    let cursor = out.finish().map_err(|e| write_err(e.to_string()))?;
    Ok(cursor.into_inner())
}

fn inline_cell(reference: &str, style: Option<&str>, value: &str) -> String {
    let style = style.map(|s| format!(" s=\"{}\"", quick_xml::escape::escape(s))).unwrap_or_default();
    format!(
        "<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
        quick_xml::escape::escape(value)
    )
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.into_inner() == key)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// Rewrites a worksheet's XML with `rows` (0-based row → col → value) set as inline strings;
/// rows and cells are inserted in order where missing. Everything else passes through.
pub fn patch_sheet(xml: &str, rows: &BTreeMap<u32, BTreeMap<u32, String>>) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut p = Patcher { out: Writer::new(Vec::new()), pending: rows.clone(), row: None, next_row: 0 };
    // Depth inside a replaced cell whose old content is dropped.
    let mut skipping = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        if skipping > 0 {
            match event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                Event::Eof => return Err("the sheet ends inside a cell".into()),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                if p.open(&e, false)? {
                    skipping = 1;
                }
            }
            Event::Empty(e) => {
                p.open(&e, true)?;
            }
            Event::End(e) => {
                match e.name().into_inner() {
                    "row" => p.close_row(),
                    "sheetData" => p.flush_rows(),
                    _ => {}
                }
                p.out.write_event(Event::End(e)).map_err(|e| e.to_string())?;
            }
            other => p.out.write_event(other).map_err(|e| e.to_string())?,
        }
    }
    String::from_utf8(p.out.into_inner()).map_err(|e| e.to_string())
}

/// The state of [`patch_sheet`].
struct Patcher {
    out: Writer<Vec<u8>>,
    /// Rows still to write: row → col → value.
    pending: BTreeMap<u32, BTreeMap<u32, String>>,
    /// The row being copied: its index, its cells still to place, the next implied column.
    row: Option<(u32, BTreeMap<u32, String>, u32)>,
    next_row: u32,
}

impl Patcher {
    fn raw(&mut self, s: &str) {
        self.out.get_mut().extend_from_slice(s.as_bytes());
    }

    fn write_row(&mut self, row: u32, cells: &BTreeMap<u32, String>) {
        let mut s = format!("<row r=\"{}\">", row + 1);
        for (col, value) in cells {
            s.push_str(&inline_cell(&xlsx_parts::cell_name(row, *col), None, value));
        }
        s.push_str("</row>");
        self.raw(&s);
    }

    /// Writes the pending rows that come before `row` (all of them for `None`).
    fn rows_before(&mut self, row: Option<u32>) {
        let keys: Vec<u32> = match row {
            Some(r) => self.pending.range(..r).map(|(k, _)| *k).collect(),
            None => self.pending.keys().copied().collect(),
        };
        for k in keys {
            let cells = self.pending.remove(&k).expect("present");
            self.write_row(k, &cells);
        }
    }

    fn flush_rows(&mut self) {
        self.rows_before(None);
    }

    /// Writes the pending cells of the current row before column `col` (all for `None`).
    fn cells_before(&mut self, col: Option<u32>) {
        let Some((row, cells, _)) = self.row.as_mut() else { return };
        let row = *row;
        let keys: Vec<u32> = match col {
            Some(c) => cells.range(..c).map(|(k, _)| *k).collect(),
            None => cells.keys().copied().collect(),
        };
        let mut s = String::new();
        for k in keys {
            let value = cells.remove(&k).expect("present");
            s.push_str(&inline_cell(&xlsx_parts::cell_name(row, k), None, &value));
        }
        self.raw(&s);
    }

    fn close_row(&mut self) {
        self.cells_before(None);
        self.row = None;
    }

    /// Handles an opening (or empty) tag; returns true when the element's old content must be
    /// skipped (a replaced cell).
    fn open(&mut self, e: &BytesStart, empty: bool) -> Result<bool, String> {
        let write = |p: &mut Patcher| {
            let ev = if empty { Event::Empty(e.borrow()) } else { Event::Start(e.borrow()) };
            p.out.write_event(ev).map_err(|e| e.to_string())
        };
        match e.name().into_inner() {
            "sheetData" if empty => {
                self.raw("<sheetData>");
                self.flush_rows();
                self.raw("</sheetData>");
                Ok(false)
            }
            "row" => {
                let row = attr(e, "r")
                    .and_then(|r| r.parse::<u32>().ok())
                    .map(|r| r.saturating_sub(1))
                    .unwrap_or(self.next_row);
                self.next_row = row + 1;
                self.rows_before(Some(row));
                let cells = self.pending.remove(&row).unwrap_or_default();
                if empty && !cells.is_empty() {
                    self.out.write_event(Event::Start(e.borrow())).map_err(|e| e.to_string())?;
                    self.row = Some((row, cells, 0));
                    self.close_row();
                    self.raw("</row>");
                } else {
                    write(self)?;
                    if !empty {
                        self.row = Some((row, cells, 0));
                    }
                }
                Ok(false)
            }
            "c" if self.row.is_some() => {
                let (row, _, next_col) = self.row.as_mut().expect("in a row");
                let row = *row;
                let col = attr(e, "r").and_then(|r| parse_cell(&r)).map(|(_, c)| c).unwrap_or(*next_col);
                *next_col = col + 1;
                self.cells_before(Some(col));
                let replacement = self.row.as_mut().and_then(|(_, cells, _)| cells.remove(&col));
                match replacement {
                    Some(value) => {
                        let style = attr(e, "s");
                        self.raw(&inline_cell(&xlsx_parts::cell_name(row, col), style.as_deref(), &value));
                        Ok(!empty)
                    }
                    None => write(self).map(|_| false),
                }
            }
            _ => write(self).map(|_| false),
        }
    }
}

/// The original CSV with its answer and comment columns filled (or appended).
pub fn export_csv_original(original: &[u8], writes: &[CellWrite]) -> String {
    let text = crate::questionnaire::grid::decode_text(original);
    let grid = crate::questionnaire::grid::read_csv("original.csv", text.as_bytes())
        .ok()
        .and_then(|g| g.into_iter().next())
        .map(|g| g.cells)
        .unwrap_or_default();
    let mut cells = grid;
    for w in writes {
        let row = w.cell.row as usize;
        if cells.len() <= row {
            cells.resize(row + 1, Vec::new());
        }
        let r = &mut cells[row];
        if r.len() <= w.cell.col as usize {
            r.resize(w.cell.col as usize + 1, String::new());
        }
        r[w.cell.col as usize] = w.value.clone();
    }
    let delimiter =
        if text.lines().next().is_some_and(|l| l.matches(';').count() > l.matches(',').count()) { b';' } else { b',' };
    let mut out = csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(Vec::new());
    for row in &cells {
        let _ = out.write_record(row);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The drafts as CSV: `id,question,answer,choice,confidence,text,controls,citations,evidence`.
pub fn drafts_csv(drafts: &[Draft]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = w.write_record([
        "id",
        "question",
        "answer",
        "choice",
        "confidence",
        "text",
        "controls",
        "citations",
        "evidence",
    ]);
    for d in drafts {
        let controls: Vec<String> = d.controls.iter().map(|c| c.to_string()).collect();
        let citations: Vec<String> = d.citations.iter().map(citation_label).collect();
        let evidence: Vec<&str> = d.citations.iter().flat_map(|c| c.evidence.iter().map(String::as_str)).collect();
        let record = [
            d.id.clone(),
            d.question.clone(),
            d.answer.as_str().to_string(),
            d.choice.clone().unwrap_or_default(),
            format!("{:.2}", d.confidence),
            d.text.clone(),
            controls.join("; "),
            citations.join("; "),
            evidence.join("; "),
        ];
        let _ = w.write_record(record.iter().map(|c| safe_cell(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The drafts as the stable JSON array of PRODUCT.md.
pub fn drafts_json(drafts: &[Draft]) -> String {
    serde_json::to_string_pretty(drafts).unwrap_or_else(|_| "[]".to_string())
}

/// Reads a whole part of an xlsx (for tests and checks).
pub fn read_xlsx_part(bytes: &[u8], path: &str) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut entry = zip.by_name(path).ok()?;
    let mut out = Vec::new();
    entry.read_to_end(&mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(items: &[(u32, u32, &str)]) -> BTreeMap<u32, BTreeMap<u32, String>> {
        let mut out: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
        for (r, c, v) in items {
            out.entry(*r).or_default().insert(*c, v.to_string());
        }
        out
    }

    fn check(xml: &str, writes: &[(u32, u32, &str)], expected: &str) {
        assert_eq!(patch_sheet(xml, &rows(writes)).unwrap(), expected);
    }

    #[test]
    fn cells_are_replaced_keeping_their_style() {
        check(
            r#"<worksheet><sheetData><row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" s="4"><v>1</v></c></row></sheetData></worksheet>"#,
            &[(2, 2, "Yes")],
            r#"<worksheet><sheetData><row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" s="4" t="inlineStr"><is><t xml:space="preserve">Yes</t></is></c></row></sheetData></worksheet>"#,
        );
    }

    #[test]
    fn missing_cells_and_rows_are_inserted_in_order() {
        check(
            r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="D1"><v>2</v></c></row><row r="5"/></sheetData></worksheet>"#,
            &[(0, 1, "b"), (0, 5, "f"), (2, 0, "new"), (4, 2, "e")],
            concat!(
                r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>"#,
                r#"<c r="B1" t="inlineStr"><is><t xml:space="preserve">b</t></is></c><c r="D1"><v>2</v></c>"#,
                r#"<c r="F1" t="inlineStr"><is><t xml:space="preserve">f</t></is></c></row>"#,
                r#"<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">new</t></is></c></row>"#,
                r#"<row r="5"><c r="C5" t="inlineStr"><is><t xml:space="preserve">e</t></is></c></row></sheetData></worksheet>"#
            ),
        );
    }

    #[test]
    fn an_empty_sheet_gets_its_rows_and_text_is_escaped() {
        check(
            r#"<worksheet><sheetData/></worksheet>"#,
            &[(0, 0, "a < b & \"c\"")],
            r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">a &lt; b &amp; &quot;c&quot;</t></is></c></row></sheetData></worksheet>"#,
        );
    }

    #[test]
    fn formula_starts_are_neutralised() {
        for (input, expected) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Yes", "Yes"),
            ("", ""),
        ] {
            assert_eq!(safe_cell(input), expected);
        }
    }

    #[test]
    fn answer_values_respect_the_dropdown() {
        let a = |answer, choice: Option<&str>| FinalAnswer {
            id: "x".into(),
            answer,
            choice: choice.map(String::from),
            text: "t".into(),
            citations: vec![],
        };
        let caiq = vec!["Yes".to_string(), "No".into(), "NA".into()];
        assert_eq!(answer_value(&a(Answer::Yes, Some("Yes")), Some(&caiq)).as_deref(), Some("Yes"));
        assert_eq!(answer_value(&a(Answer::NotApplicable, None), Some(&caiq)).as_deref(), Some("NA"));
        assert_eq!(answer_value(&a(Answer::Partial, None), Some(&caiq)), None);
        assert_eq!(answer_value(&a(Answer::Partial, None), None).as_deref(), Some("Partial"));
        assert_eq!(answer_value(&a(Answer::NeedsReview, None), None), None);
        // A value that means none of the answers, chosen by the reviewer, is written as chosen.
        let tiers = vec!["99.9%".to_string(), "99.99%".into()];
        assert_eq!(answer_value(&a(Answer::NeedsReview, Some("99.9%")), Some(&tiers)).as_deref(), Some("99.9%"));
        assert_eq!(answer_value(&a(Answer::NeedsReview, Some("99%")), Some(&tiers)), None);
        // A choice the dropdown does not allow is never written.
        assert_eq!(answer_value(&a(Answer::Yes, Some("Oui")), Some(&caiq)).as_deref(), Some("Yes"));
    }
}
