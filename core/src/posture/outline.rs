//! Posture written as prose structure rather than tables: an SoA of headings and bullets where a
//! bullet or heading carrying a control ref is a row (its link is evidence and, in a page that
//! calls itself an SoA, says the control is in place; an exclusion in its note or in the prose
//! under it makes it N/A, the prose its reason), and a control guidance page (front matter, "Control Statement", "Scope",
//! "Ownership", "Framework Mapping") that is one control whose statement can answer.

use std::collections::HashSet;

use super::refs::{self, ReadRef, RefStyle};
use super::*;

/// Where the page is and how its refs are numbered.
pub(super) struct Context<'a> {
    pub file: &'a str,
    pub title: &'a str,
    pub standard: Option<Standard>,
    pub declared_2013: bool,
    pub catalog: &'a Catalog,
}

/// The word tallied for rows whose source states no status.
const NONE_STATED: &str = "(none stated)";

fn is_heading(section: &str, name: &str) -> bool {
    section.trim().trim_end_matches(':').eq_ignore_ascii_case(name)
}

/// A control guidance page: one row from its "Control Statement", named by its first `#`
/// heading (`DM.4.02 - Encryption of Data at Rest`), owned as its "Ownership" says, mapped by its
/// "Framework Mapping" bullets (ISO 2013 refs translated). The page's other sections stay
/// passages. `None` when the page has no "Control Statement".
pub(super) fn control_page(
    cx: &Context,
    lines: &[&str],
    page: &mut Page,
    passages: &mut Vec<Passage>,
    diagnostics: &mut Vec<Diagnostic>,
    report: &mut FileReport,
) -> Option<Vec<ControlRow>> {
    let statement_section = page.sections.iter().find(|s| is_heading(&s.heading, "control statement"))?.heading.clone();
    let statement: Vec<&Passage> = passages.iter().filter(|p| p.section == statement_section).collect();
    let first = statement.first()?;
    let line = first.line;
    let text = statement.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");

    // The control's name: the first `# ` heading, else the title without "Control Guidance".
    let name =
        lines.iter().find_map(|l| l.trim().strip_prefix("# ").map(|h| h.trim().to_string())).unwrap_or_else(|| {
            let t = cx.title.trim();
            let lower = t.to_lowercase();
            let cut = lower
                .strip_suffix(" control guidance")
                .and_then(|_| t.len().checked_sub(" control guidance".len()))
                .and_then(|n| t.get(..n));
            cut.unwrap_or(t).trim().to_string()
        });
    let (reference, requirement) = split_id(&name);
    let mut row = ControlRow::new(cx.title, &statement_section, &reference, line);
    row.requirement = requirement;
    row.text = text;
    row.evidence = evidence::extract(&row.text);

    for p in passages.iter().filter(|p| is_heading(&p.section, "ownership")) {
        let lower = p.text.to_lowercase();
        if let Some(at) = lower.find("control owner:") {
            row.owner = p.text[at + "control owner:".len()..].trim().trim_matches('`').trim().to_string();
        }
    }

    // Framework Mapping: bullets naming a framework, then its refs.
    let mut framework = String::new();
    let mut mapped: Vec<ControlId> = Vec::new();
    let mut translated: Vec<String> = Vec::new();
    let mut consumed: HashSet<usize> = statement.iter().map(|p| p.line).collect();
    for p in passages.iter().filter(|p| is_heading(&p.section, "framework mapping")) {
        consumed.insert(p.line);
        let iso = framework.is_empty() || framework.contains("ISO") || framework.contains("27001");
        if !iso && p.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            row.mapped_refs.push(format!("{framework} {}", p.text));
            continue;
        }
        let read = refs::read_ref(&p.text, cx.standard, cx.declared_2013);
        match (&read.style, &read.expansion) {
            (RefStyle::Iso2022 | RefStyle::Iso2013, RefExpansion::Controls(ids)) => {
                report.tally_ref(&read);
                mapped.extend(
                    ids.iter().filter(|c| cx.catalog.contains(c) && !mapped.contains(c)).cloned().collect::<Vec<_>>(),
                );
                translated.extend(read.translated.clone());
            }
            (RefStyle::Nist80053 | RefStyle::Soc2, _) => {
                report.tally_ref(&read);
                row.mapped_refs.push(format!("{} {}", read.style.framework().unwrap_or_default(), read.text));
            }
            (_, RefExpansion::Unparsed(why)) => diagnostics.push(Diagnostic {
                file: cx.file.to_string(),
                line: p.line,
                message: format!("ref `{why}` could not be read as controls"),
            }),
            _ => framework = p.text.clone(),
        }
    }
    row.controls = mapped;
    if !translated.is_empty() {
        row.translated = Some(translated.join("; "));
    }
    if !row.mapped_refs.is_empty() {
        report.skipped.push(format!(
            "refs of frameworks not in the catalog, kept on the row but not mapped: {}",
            row.mapped_refs.join(", ")
        ));
    }
    report.tally_ref(&ReadRef {
        text: reference.clone(),
        style: RefStyle::Named,
        expansion: RefExpansion::Named,
        link: None,
        translated: None,
    });
    super::status::tally(&mut report.statuses, NONE_STATED, &Status::Unstated, &reference);
    report.form = Form::ControlPage;
    passages.retain(|p| !consumed.contains(&p.line));
    recount(page, passages, &statement_section, 1);
    Some(vec![row])
}

/// `DM.4.02 - Encryption of Data at Rest` → (`DM.4.02`, `Encryption of Data at Rest`); a name
/// without an id is both.
fn split_id(name: &str) -> (String, String) {
    for sep in [" - ", " — ", " – ", ": "] {
        if let Some((id, rest)) = name.split_once(sep) {
            let id = id.trim();
            if id.chars().any(|c| c.is_ascii_digit()) && id.split_whitespace().count() <= 2 {
                return (id.to_string(), rest.trim().to_string());
            }
        }
    }
    (name.trim().to_string(), name.trim().to_string())
}

/// A ref that makes a line a row: an Annex A control (2022 or 2013), a NIST or SOC 2 control.
/// Themes and 2013 objectives (`A.9.1`, `A8.3`) are headings of rows, not rows.
fn control_ref(token: &str, cx: &Context) -> Option<ReadRef> {
    let read = refs::read_ref(token, cx.standard, cx.declared_2013);
    let is_control = match (&read.style, &read.expansion) {
        (RefStyle::Nist80053 | RefStyle::Soc2, _) => true,
        (RefStyle::Iso2013, RefExpansion::Controls(_)) => {
            read.text.split([',', ';', '/']).all(|part| refs::annex_levels(part) == 3)
        }
        (RefStyle::Iso2022, RefExpansion::Controls(ids)) => {
            ids.iter().all(|c| cx.catalog.get(c).is_some_and(|e| e.kind == crate::catalog::EntryKind::Control))
        }
        _ => false,
    };
    is_control.then_some(read)
}

/// The body of a list item, if the line is one: `- `, `* `, `+ `, `1. `.
fn bullet(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")).or_else(|| line.strip_prefix("+ "))
    {
        return Some(rest.trim());
    }
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    (digits > 0 && line[digits..].starts_with(". ")).then(|| line[digits + 2..].trim())
}

/// A status the note of a bullet (or the prose under it) states: an exclusion is N/A;
/// `Implemented`, `Status: Partial`.
fn note_status(note: &str) -> Option<Status> {
    let lower = note.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '/').filter(|w| !w.is_empty()).collect();
    let excluded = ["excluded", "exclusion", "not applicable", "does not apply", "do not apply", "out of scope"];
    if excluded.iter().any(|e| lower.contains(e)) || words.contains(&"n/a") {
        return Some(Status::NotApplicable);
    }
    let stated = lower.find("status:").map_or(note, |at| &note[at + "status:".len()..]);
    let stated = stated.trim().trim_start_matches('(').trim();
    match Status::parse(stated) {
        Status::Other(_) | Status::Unstated => None,
        status => Some(status),
    }
}

/// Whether a page calls itself a Statement of Applicability.
fn names_an_soa(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("statement of applicability")
        || lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == "soa" || w == "soas")
}

/// A control row of a headings-and-bullets SoA while the page is read.
struct Item {
    row: ControlRow,
    read: ReadRef,
    /// The bullet links the control to a page of its own (its policy).
    linked: bool,
    /// A bullet's own note (`A.11.1.6 Delivery areas - Excluded: …`).
    note: String,
    /// A bullet's indent, while lines under it (indented, or right after it) are its prose.
    indent: Option<usize>,
    /// The prose under a bullet.
    under: Vec<String>,
}

/// An SoA of headings and bullets: each bullet or heading that starts with a control ref is a
/// row; lines under a heading row are its text, and prose under a bullet (indented, or right
/// after it) is the bullet's. In a page that calls itself an SoA, a control bullet linking to its
/// policy is in place (the link its evidence), and an exclusion under it makes it N/A (the prose
/// its reason). `None` unless at least two rows are found.
pub(super) fn headings_and_bullets(
    cx: &Context,
    lines: &[&str],
    page: &mut Page,
    passages: &mut Vec<Passage>,
    diagnostics: &mut Vec<Diagnostic>,
    report: &mut FileReport,
) -> Option<Vec<ControlRow>> {
    let mut items: Vec<Item> = Vec::new();
    let mut consumed: HashSet<usize> = HashSet::new();
    let mut section = cx.title.to_string();
    // The heading row whose text the lines below are; whether the last line was not blank.
    let mut open: Option<usize> = None;
    let mut adjacent = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        let was_adjacent = std::mem::replace(&mut adjacent, !line.is_empty());
        if line.is_empty() || line.starts_with('|') {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let heading = line.starts_with('#').then(|| line.trim_start_matches('#').trim());
        let body = heading.or_else(|| bullet(line));
        let (plain, link) = super::refs::strip_markdown(body.unwrap_or(line));
        let token = plain.split_whitespace().next().unwrap_or("").trim_end_matches([':', ',', ';', '.', '-']);
        let read = body.and_then(|_| control_ref(token, cx));
        // Prose under the last control bullet: indented below it, or right after it. A heading
        // or another control ends it.
        if let Some(item) = items.last_mut() {
            let under = item.indent.is_some_and(|at| indent > at || (was_adjacent && body.is_none()));
            if under && heading.is_none() && read.is_none() {
                item.under.push(plain.clone());
                consumed.insert(i + 1);
                continue;
            }
            item.indent = None;
        }
        let Some(read) = read else {
            match heading {
                Some(h) => {
                    section = super::refs::strip_markdown(h).0;
                    open = None;
                }
                None => {
                    if let Some(r) = open {
                        let text = &mut items[r].row.text;
                        *text = format!("{text} {plain}").trim().to_string();
                        consumed.insert(i + 1);
                    }
                }
            }
            continue;
        };
        let rest = plain[plain.find(token).map_or(0, |at| at + token.len())..]
            .trim_start_matches([':', ' ', '-', '—', '–', '.'])
            .trim();
        let (name, note) = [" - ", " — ", " – ", ": "]
            .iter()
            .filter_map(|sep| rest.split_once(sep))
            .min_by_key(|(name, _)| name.len())
            .map_or((rest.to_string(), String::new()), |(n, t)| (n.trim().to_string(), t.trim().to_string()));
        let mut row = ControlRow::new(cx.title, &section, &read.text, i + 1);
        row.requirement = name;
        row.text = note.clone();
        row.evidence = evidence::extract(&format!("{} \n {}", row.requirement, row.text));
        let link = link.filter(|l| read.link.as_ref() != Some(l));
        if let Some(link) = &link {
            row.evidence.extend(super::refs::link_evidence(link));
        }
        apply_ref(&mut row, &read, cx.catalog, cx.file, "", diagnostics);
        consumed.insert(i + 1);
        open = heading.is_some().then_some(items.len());
        let linked = link.is_some() || read.link.is_some();
        items.push(Item { row, read, linked, note, indent: heading.is_none().then_some(indent), under: Vec::new() });
    }
    if items.len() < 2 {
        return None;
    }
    let soa = names_an_soa(cx.title) || lines.iter().any(|l| names_an_soa(l));
    let rows: Vec<ControlRow> = items.into_iter().map(|item| finish_item(item, soa, report)).collect();
    report.form = Form::HeadingsAndBullets;
    passages.retain(|p| !consumed.contains(&p.line));
    for s in &mut page.sections {
        s.rows = rows.iter().filter(|r| r.section == s.heading).count();
        s.passages = passages.iter().filter(|p| p.section == s.heading).count();
    }
    Some(rows)
}

/// A control row's status and text, tallied: the status its note or the prose under it states
/// (an exclusion: N/A, the prose its reason); else, in an SoA, in place when the bullet links
/// to its policy; else none stated.
fn finish_item(item: Item, soa: bool, report: &mut FileReport) -> ControlRow {
    let Item { mut row, read, linked, note, under, .. } = item;
    let prose = under.join(" ");
    let stated = note_status(&note).or_else(|| note_status(&prose)).or_else(|| note_status(&row.requirement));
    if !prose.is_empty() {
        row.text = format!("{} {prose}", row.text).trim().to_string();
        row.evidence.extend(evidence::extract(&prose));
    }
    let (status, word) = match stated {
        Some(Status::NotApplicable) if note_status(&note).is_none() => {
            // The prose is why the control is excluded: what an N/A answer says.
            row.justification = prose.clone();
            (Status::NotApplicable, "excluded in the prose under it".to_string())
        }
        Some(s) => {
            let word = s.label().to_string();
            (s, word)
        }
        None if soa && linked => (Status::Met, "in place: the bullet links to its policy".to_string()),
        None => (Status::Unstated, NONE_STATED.to_string()),
    };
    row.status = status;
    super::status::tally(&mut report.statuses, &word, &row.status, &read.text);
    report.tally_ref(&read);
    row
}

/// Sets the row and passage counts of `section` after rows were taken out of its passages.
fn recount(page: &mut Page, passages: &[Passage], section: &str, rows: usize) {
    for s in page.sections.iter_mut().filter(|s| s.heading == section) {
        s.rows = rows;
        s.passages = passages.iter().filter(|p| p.section == section).count();
    }
}
