//! Patching the original `.xlsx`: every part of the package is copied byte for byte except the
//! sheets that receive answers, and in those only the target cells change (written as inline
//! strings, keeping each cell's style). The workbook is marked to recalculate on open, so that
//! formulas reading the answers (an institution's scoring) show them.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Write};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

use super::{CellWrite, ExportError};
use crate::limits::MAX_PART_BYTES;
use crate::questionnaire::package::{self, attr, parse_cell, read_entry_limited, Package};

/// The original workbook with `writes` applied.
pub fn export_xlsx(file: &str, original: &[u8], writes: &[CellWrite]) -> Result<Vec<u8>, ExportError> {
    let bad = |reason: String| ExportError::Original { file: file.to_string(), reason };
    let mut pkg = Package::open(original).map_err(|e| bad(e.to_string()))?;
    // Part path → row → col → value.
    let mut by_part: HashMap<String, BTreeMap<u32, BTreeMap<u32, String>>> = HashMap::new();
    for w in writes {
        let path = pkg
            .sheet(&w.sheet)
            .map(|s| s.path.clone())
            .ok_or_else(|| ExportError::MissingSheet { file: file.to_string(), sheet: w.sheet.clone() })?;
        by_part.entry(path).or_default().entry(w.cell.row).or_default().insert(w.cell.col, w.value.clone());
    }
    let write_err = |e: String| ExportError::Write { file: file.to_string(), reason: e };
    let zip = pkg.zip();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let name =
            zip.by_index_raw(i).map_err(|e| bad(e.to_string()))?.name().map_err(|e| bad(e.to_string()))?.into_owned();
        let rows = by_part.get(&name);
        let recalc = name == WORKBOOK_PART && !writes.is_empty();
        if rows.is_none() && !recalc {
            let entry = zip.by_index_raw(i).map_err(|e| bad(e.to_string()))?;
            out.raw_copy_file(entry).map_err(|e| write_err(e.to_string()))?;
            continue;
        }
        let entry = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
        let method = entry.compression();
        let bytes = read_entry_limited(entry, MAX_PART_BYTES).map_err(|e| bad(e.to_string()))?;
        let xml = String::from_utf8(bytes).map_err(|_| bad(format!("{name} is not UTF-8")))?;
        let patched = match rows {
            Some(rows) => patch_sheet(&xml, rows).map_err(|e| bad(format!("{name}: {e}")))?,
            None => recalculate_on_open(&xml),
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        out.start_file(name.as_str(), options).map_err(|e| write_err(e.to_string()))?;
        out.write_all(patched.as_bytes()).map_err(|e| write_err(e.to_string()))?;
    }
    let cursor = out.finish().map_err(|e| write_err(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// The workbook part, whose `calcPr` says when formulas are recalculated.
pub const WORKBOOK_PART: &str = "xl/workbook.xml";

/// The workbook XML with `fullCalcOnLoad="1"` on its `calcPr` (added when missing): Excel and
/// LibreOffice otherwise show the formulas' cached values, computed before the answers were
/// written. Nothing else of the part changes.
pub fn recalculate_on_open(xml: &str) -> String {
    if let Some(start) = xml.find("<calcPr") {
        let end = start + xml[start..].find('>').unwrap_or(0);
        let tag = &xml[start..end];
        if tag.contains("fullCalcOnLoad=") {
            let fixed = tag
                .replace("fullCalcOnLoad=\"0\"", "fullCalcOnLoad=\"1\"")
                .replace("fullCalcOnLoad=\"false\"", "fullCalcOnLoad=\"1\"");
            return format!("{}{fixed}{}", &xml[..start], &xml[end..]);
        }
        return format!("{} fullCalcOnLoad=\"1\"{}", &xml[..start + "<calcPr".len()], &xml[start + "<calcPr".len()..]);
    }
    match xml.rfind("</workbook>") {
        // calcPr comes after definedNames and before oleSize/customWorkbookViews/extLst; before
        // the closing tag's trailing parts is enough for every reader when those are absent.
        Some(i) => {
            let at = [
                "<oleSize",
                "<customWorkbookViews",
                "<pivotCaches",
                "<smartTagPr",
                "<smartTagTypes",
                "<webPublishing",
                "<fileRecoveryPr",
                "<webPublishObjects",
                "<extLst",
            ]
            .iter()
            .filter_map(|t| xml.find(t))
            .min()
            .unwrap_or(i);
            format!("{}<calcPr fullCalcOnLoad=\"1\"/>{}", &xml[..at], &xml[at..])
        }
        None => xml.to_string(),
    }
}

fn inline_cell(reference: &str, style: Option<&str>, value: &str) -> String {
    let style = style.map(|s| format!(" s=\"{}\"", quick_xml::escape::escape(s))).unwrap_or_default();
    format!(
        "<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
        quick_xml::escape::escape(value)
    )
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
            s.push_str(&inline_cell(&package::cell_name(row, *col), None, value));
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
            s.push_str(&inline_cell(&package::cell_name(row, k), None, &value));
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
                        self.raw(&inline_cell(&package::cell_name(row, col), style.as_deref(), &value));
                        Ok(!empty)
                    }
                    None => write(self).map(|_| false),
                }
            }
            _ => write(self).map(|_| false),
        }
    }
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
    fn the_workbook_is_marked_to_recalculate_on_open() {
        assert_eq!(
            recalculate_on_open(r#"<workbook><sheets/><calcPr calcId="191029"/></workbook>"#),
            r#"<workbook><sheets/><calcPr fullCalcOnLoad="1" calcId="191029"/></workbook>"#
        );
        assert_eq!(
            recalculate_on_open(r#"<workbook><calcPr calcId="1" fullCalcOnLoad="0"/></workbook>"#),
            r#"<workbook><calcPr calcId="1" fullCalcOnLoad="1"/></workbook>"#
        );
        assert_eq!(
            recalculate_on_open(r#"<workbook><sheets/><extLst/></workbook>"#),
            r#"<workbook><sheets/><calcPr fullCalcOnLoad="1"/><extLst/></workbook>"#
        );
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
}
