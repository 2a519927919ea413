//! The limits every input is held to before work starts, with the message that names the file
//! and the limit. They keep a hostile or broken file from freezing the page or exhausting
//! memory; real questionnaires and posture pages are far inside them.

/// Largest questionnaire or crosswalk file accepted.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// Largest total a workbook may inflate to (a zip bomb is refused before it is read).
pub const MAX_UNZIPPED_BYTES: u64 = 400 * 1024 * 1024;
/// Largest single part of a workbook, inflated.
pub const MAX_PART_BYTES: u64 = 200 * 1024 * 1024;
/// Highest compression ratio accepted for a part larger than 1 MB inflated.
pub const MAX_RATIO: u64 = 200;
/// Most sheets read from one workbook.
pub const MAX_SHEETS: usize = 200;
/// Most rows read from one sheet.
pub const MAX_ROWS: u32 = 100_000;
/// Columns read from one sheet (cells to the right are not read).
pub const MAX_COLUMNS: u32 = 1_000;
/// Most cells one sheet may span (rows × the columns each row reaches), so that one far-away
/// cell cannot make a 6 KB workbook ask for gigabytes.
pub const MAX_SHEET_CELLS: usize = 5_000_000;
/// Most questions drafted from one file.
pub const MAX_QUESTIONS: usize = 50_000;
/// Longest question text kept (longer text is cut, and the cut is reported).
pub const MAX_CELL_CHARS: usize = 10_000;
/// Most characters of one question that search and drafting read (the longest real questions
/// run to about 1,200): a longer question is drafted from its words up to here, and its draft
/// says so. It bounds the work of one draft, which grows with the words read: a question of
/// 10,000 characters took up to 17 ms natively, and hundreds of ms in the browser, where
/// drafting shares the page with the user's clicks.
pub const MAX_DRAFTED_CHARS: usize = 2_000;
/// Most posture pages loaded at once.
pub const MAX_PAGES: usize = 50;
/// Largest posture page.
pub const MAX_PAGE_BYTES: usize = 5 * 1024 * 1024;
/// Most cells a dropdown's list range is read from (a list over a whole column stops here).
pub const MAX_LIST_CELLS: usize = 2_000;
/// Most rows parsed from one posture page.
pub const MAX_PAGE_ROWS: usize = 10_000;
/// Longest text kept in one cell of a posture table or one line of a posture page (longer
/// text is cut, and the cut is reported): a row is a control, not a document.
pub const MAX_PAGE_CELL_CHARS: usize = 10_000;
/// Deepest table nesting read from an HTML page (tables inside cells of tables); tables nested
/// deeper are not read, and that is reported.
pub const MAX_TABLE_DEPTH: usize = 8;
/// Largest answer pack file accepted (its pages are then held to the posture page limits).
pub const MAX_PACK_BYTES: usize = 50 * 1024 * 1024;

/// The limits, for people (the README repeats them).
pub fn describe() -> Vec<(&'static str, String)> {
    vec![
        ("questionnaire or crosswalk file", format!("{} MB", MAX_FILE_BYTES / (1024 * 1024))),
        ("workbook inflated (all parts)", format!("{} MB", MAX_UNZIPPED_BYTES / (1024 * 1024))),
        (
            "one workbook part inflated",
            format!("{} MB, and at most {MAX_RATIO}:1 compression above 1 MB", MAX_PART_BYTES / (1024 * 1024)),
        ),
        ("sheets per workbook", MAX_SHEETS.to_string()),
        ("rows per sheet", MAX_ROWS.to_string()),
        ("columns per sheet", MAX_COLUMNS.to_string()),
        ("cells one sheet spans", MAX_SHEET_CELLS.to_string()),
        ("questions per file", MAX_QUESTIONS.to_string()),
        ("characters of one question", format!("{MAX_CELL_CHARS} (longer text is cut and reported)")),
        (
            "characters of one question drafted from",
            format!("{MAX_DRAFTED_CHARS} (a longer question is drafted from its first words, and its draft says so)"),
        ),
        ("posture pages", MAX_PAGES.to_string()),
        ("one posture page", format!("{} MB, {MAX_PAGE_ROWS} rows", MAX_PAGE_BYTES / (1024 * 1024))),
        (
            "one cell or line of a posture page",
            format!("{MAX_PAGE_CELL_CHARS} characters (longer text is cut and reported)"),
        ),
        (
            "tables nested in an HTML posture page",
            format!("{MAX_TABLE_DEPTH} deep (deeper tables are not read, and reported)"),
        ),
        ("answer pack file", format!("{} MB", MAX_PACK_BYTES / (1024 * 1024))),
    ]
}

/// The part of `question` that search and drafting read: all of it, or its words up to
/// [`MAX_DRAFTED_CHARS`] characters (a word cut in two would be read as another word).
pub fn drafted_part(question: &str) -> &str {
    let Some((end, _)) = question.char_indices().nth(MAX_DRAFTED_CHARS) else { return question };
    let (head, rest) = question.split_at(end);
    if rest.starts_with(char::is_whitespace) {
        return head;
    }
    match head.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &head[..space],
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::{drafted_part, MAX_DRAFTED_CHARS};

    #[test]
    fn a_question_is_read_whole_up_to_the_limit_and_cut_between_words_past_it() {
        let short = "Do you encrypt customer data at rest?";
        assert_eq!(drafted_part(short), short);
        let exact = "é".repeat(MAX_DRAFTED_CHARS);
        assert_eq!(drafted_part(&exact), exact, "the limit counts characters, not bytes");
        let long = "encryption ".repeat(MAX_DRAFTED_CHARS);
        let part = drafted_part(&long);
        assert!(part.chars().count() <= MAX_DRAFTED_CHARS);
        assert!(part.ends_with("encryption") && long.starts_with(part), "{:?}", &part[part.len() - 20..]);
        let one_word = "x".repeat(MAX_DRAFTED_CHARS + 5);
        assert_eq!(drafted_part(&one_word).len(), MAX_DRAFTED_CHARS, "one endless word is cut where it must");
    }
}
