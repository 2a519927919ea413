//! The parts of an `.xlsx` package calamine does not read: which XML part holds which sheet,
//! and each sheet's dropdown (data-validation) lists, including Excel 2010's `x14` form.

use std::collections::HashMap;
use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::grid::{read_entry_limited, Rect};

/// No single XML part we read may inflate past this (a zip bomb is refused while reading).
pub const PART_LIMIT: u64 = 200_000_000;

/// Where a dropdown's values come from.
#[derive(Debug, Clone, PartialEq)]
pub enum ListSource {
    /// `"Yes,No,NA"`
    Literal(Vec<String>),
    /// `Lists!$A$1:$A$3`, or a range on the same sheet (`sheet` is `None`).
    Range { sheet: Option<String>, rect: Rect },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    pub applies_to: Vec<Rect>,
    pub source: ListSource,
}

/// What we read of the package.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// Sheet name → part path (`xl/worksheets/sheet1.xml`), in workbook order.
    pub sheet_paths: Vec<(String, String)>,
    /// Sheet name → its list validations.
    pub validations: Vec<(String, Vec<Validation>)>,
}

fn local(name: &str) -> &str {
    match name.rfind(':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.into_inner()) == key)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn entity(name: &str) -> Option<char> {
    match name {
        "quot" => Some('"'),
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Reads one zip part as UTF-8.
pub fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, path: &str) -> Result<Option<String>, String> {
    let entry = match zip.by_name(path) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let bytes = read_entry_limited(entry, PART_LIMIT)?;
    String::from_utf8(bytes).map(Some).map_err(|_| format!("{path} is not UTF-8"))
}

/// Reads sheet paths and dropdowns from the package bytes.
pub fn read(bytes: &[u8]) -> Result<Parts, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let workbook = read_part(&mut zip, "xl/workbook.xml")?.ok_or("no xl/workbook.xml: not an Excel workbook")?;
    let rels = read_part(&mut zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let targets = relationship_targets(&rels);
    let (sheets, defined) = workbook_sheets(&workbook);
    let mut parts = Parts::default();
    for (name, rid) in sheets {
        let Some(target) = targets.get(&rid) else { continue };
        let path = resolve_target(target);
        parts.sheet_paths.push((name, path));
    }
    for (name, path) in parts.sheet_paths.clone() {
        let Some(xml) = read_part(&mut zip, &path)? else { continue };
        let validations = sheet_validations(&xml, &defined);
        if !validations.is_empty() {
            parts.validations.push((name, validations));
        }
    }
    Ok(parts)
}

/// `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`; `/xl/...` stays absolute.
pub fn resolve_target(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    }
}

/// `rId` → target of `xl/_rels/workbook.xml.rels`.
pub fn relationship_targets(rels: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(e.name().into_inner()) == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, target);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Sheet (name, rId) in order, and the workbook's defined names (name → formula).
pub fn workbook_sheets(xml: &str) -> (Vec<(String, String)>, HashMap<String, String>) {
    let mut sheets = Vec::new();
    let mut defined = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut in_defined: Option<String> = None;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(e.name().into_inner()) == "sheet" => {
                if let (Some(name), Some(rid)) = (attr(&e, "name"), attr(&e, "id")) {
                    sheets.push((name, rid));
                }
            }
            Ok(Event::Start(e)) if local(e.name().into_inner()) == "definedName" => {
                in_defined = attr(&e, "name");
                text.clear();
            }
            Ok(Event::Text(t)) if in_defined.is_some() => text.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if in_defined.is_some() => {
                if let Some(c) = entity(&r.xml10_content()) {
                    text.push(c);
                }
            }
            Ok(Event::End(e)) if local(e.name().into_inner()) == "definedName" => {
                if let Some(name) = in_defined.take() {
                    defined.insert(name.to_lowercase(), text.clone());
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    (sheets, defined)
}

/// The list validations of one sheet's XML (both `<dataValidation>` and `<x14:dataValidation>`).
pub fn sheet_validations(xml: &str, defined: &HashMap<String, String>) -> Vec<Validation> {
    let mut out = Vec::new();
    let mut reader = Reader::from_str(xml);
    // (is list, sqref attr) of the validation being read; its formula1 and x14 `xm:sqref` text.
    let mut current: Option<(bool, Option<String>)> = None;
    let mut formula = String::new();
    let mut sqref_text = String::new();
    let mut reading: Option<&'static str> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(e.name().into_inner()) {
                "dataValidation" => {
                    let is_list = attr(&e, "type").as_deref() == Some("list");
                    current = Some((is_list, attr(&e, "sqref")));
                    formula.clear();
                    sqref_text.clear();
                }
                "formula1" if current.is_some() => reading = Some("formula"),
                "f" if current.is_some() && reading.is_none() => reading = Some("formula"),
                "sqref" if current.is_some() => reading = Some("sqref"),
                _ => {}
            },
            Ok(Event::Text(t)) => match reading {
                Some("formula") => formula.push_str(&t.xml10_content()),
                Some("sqref") => sqref_text.push_str(&t.xml10_content()),
                _ => {}
            },
            Ok(Event::GeneralRef(r)) => {
                if let Some(c) = entity(&r.xml10_content()) {
                    match reading {
                        Some("formula") => formula.push(c),
                        Some("sqref") => sqref_text.push(c),
                        _ => {}
                    }
                }
            }
            Ok(Event::End(e)) => match local(e.name().into_inner()) {
                "formula1" | "sqref" => reading = None,
                "f" if reading == Some("formula") => reading = None,
                "dataValidation" => {
                    if let Some((true, sqref)) = current.take() {
                        let sqref = sqref.unwrap_or_else(|| sqref_text.clone());
                        let applies_to: Vec<Rect> = sqref.split_whitespace().filter_map(parse_range).collect();
                        if let Some(source) = list_source(formula.trim(), defined) {
                            if !applies_to.is_empty() {
                                out.push(Validation { applies_to, source });
                            }
                        }
                    }
                    current = None;
                    reading = None;
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn list_source(formula: &str, defined: &HashMap<String, String>) -> Option<ListSource> {
    let f = formula.trim().trim_start_matches('=');
    if let Some(inner) = f.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        let values: Vec<String> = inner.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
        return (!values.is_empty()).then_some(ListSource::Literal(values));
    }
    let (sheet, range) = match f.rsplit_once('!') {
        Some((sheet, range)) => {
            let sheet = sheet.trim_matches('\'').replace("''", "'");
            (Some(sheet), range)
        }
        None => (None, f),
    };
    if let Some(rect) = parse_range(range) {
        return Some(ListSource::Range { sheet, rect });
    }
    // A defined name: follow it once.
    let target = defined.get(&f.to_lowercase())?;
    if target.trim_start_matches('=') == f {
        return None;
    }
    list_source(target, &HashMap::new())
}

/// `C3:C263`, `$A$1:$A$3`, `B7` → a rectangle.
pub fn parse_range(text: &str) -> Option<Rect> {
    let text = text.replace('$', "");
    let (a, b) = match text.split_once(':') {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (text.clone(), text.clone()),
    };
    let (r1, c1) = parse_cell(&a)?;
    let (r2, c2) = parse_cell(&b)?;
    Some(Rect { first_row: r1.min(r2), first_col: c1.min(c2), last_row: r1.max(r2), last_col: c1.max(c2) })
}

/// `C3` → (row 2, col 2), 0-based.
pub fn parse_cell(text: &str) -> Option<(u32, u32)> {
    let text = text.trim();
    let letters: String = text.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &text[letters.len()..];
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut col: u32 = 0;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    let row: u32 = digits.parse().ok()?;
    (row >= 1).then_some((row - 1, col - 1))
}

/// (row 2, col 2) → `C3`.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push((b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_round_trip() {
        for (name, pos) in [("A1", (0, 0)), ("C3", (2, 2)), ("Z10", (9, 25)), ("AA1", (0, 26)), ("XFD7", (6, 16383))] {
            assert_eq!(parse_cell(name), Some(pos), "{name}");
            assert_eq!(cell_name(pos.0, pos.1), name);
        }
        assert_eq!(parse_cell("3C"), None);
    }

    #[test]
    fn plain_and_x14_validations_are_read() {
        let xml = r#"<worksheet xmlns:x14="x" xmlns:xm="m"><dataValidations count="2">
            <dataValidation type="list" allowBlank="1" sqref="C3:C263"><formula1>"Yes,No,NA"</formula1></dataValidation>
            <dataValidation type="whole" sqref="E3"><formula1>1</formula1></dataValidation>
            </dataValidations><extLst><ext><x14:dataValidations count="1">
            <x14:dataValidation type="list"><x14:formula1><xm:f>'My Lists'!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>D5:D9 F5</xm:sqref></x14:dataValidation>
            </x14:dataValidations></ext></extLst></worksheet>"#;
        let v = sheet_validations(xml, &HashMap::new());
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].source, ListSource::Literal(vec!["Yes".into(), "No".into(), "NA".into()]));
        assert_eq!(v[0].applies_to, vec![Rect { first_row: 2, first_col: 2, last_row: 262, last_col: 2 }]);
        assert_eq!(
            v[1].source,
            ListSource::Range {
                sheet: Some("My Lists".into()),
                rect: Rect { first_row: 0, first_col: 0, last_row: 2, last_col: 0 }
            }
        );
        assert_eq!(v[1].applies_to.len(), 2);
    }

    #[test]
    fn defined_names_are_followed() {
        let mut defined = HashMap::new();
        defined.insert("answers".to_string(), "Lists!$B$1:$B$4".to_string());
        let xml = r#"<worksheet><dataValidations><dataValidation type="list" sqref="C2"><formula1>Answers</formula1></dataValidation></dataValidations></worksheet>"#;
        let v = sheet_validations(xml, &defined);
        assert!(matches!(&v[0].source, ListSource::Range { sheet: Some(s), .. } if s == "Lists"));
    }
}
