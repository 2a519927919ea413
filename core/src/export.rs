//! Writing drafts out: CSV and JSON of the drafts, every cell safe from formula injection.

use crate::draft::Draft;

/// A cell that a spreadsheet program will never run as a formula: text starting with `=`, `+`,
/// `-`, `@`, tab or carriage return gets a leading apostrophe, which spreadsheets show as text.
pub fn safe_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The drafts as CSV: `id,question,answer,choice,confidence,text,controls,citations,evidence`.
pub fn drafts_csv(drafts: &[Draft]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = w.write_record(["id", "question", "answer", "choice", "confidence", "text", "controls", "citations", "evidence"]);
    for d in drafts {
        let controls: Vec<String> = d.controls.iter().map(|c| c.to_string()).collect();
        let citations: Vec<String> = d
            .citations
            .iter()
            .map(|c| match &c.status {
                Some(s) => format!("{} › {} ({})", c.page, c.reference, s),
                None => format!("{} › {}", c.page, c.reference),
            })
            .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for (input, expected) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("Yes", "Yes"),
            ("", ""),
        ] {
            assert_eq!(safe_cell(input), expected);
        }
    }
}
