//! Regular expressions as core compiles them: `regex-lite`, which links no Unicode tables, with
//! `\s` meaning every Unicode white space character as in the `regex` crate (a non-breaking
//! space pasted into a workbook cell is still a space).
//!
//! `regex-lite` matches codepoint by codepoint; its `\w`, `\d`, `\b` and case folding are
//! ASCII. Our patterns match English words, digits and punctuation, so only white space needs
//! the Unicode class; a test checks every pattern against the `regex` crate
//! over the fixtures' text. A pattern that starts in ASCII mode (`(?i-u)`) keeps ASCII `\s`.

use std::ops::Deref;

/// Unicode's `White_Space` beyond the ASCII `\s` (tab, line feed, vertical tab, form feed,
/// carriage return, space): next line, no-break space, ogham space mark, the en quad to hair
/// space range, line and paragraph separators, narrow no-break space, medium mathematical space
/// and ideographic space.
const MORE_SPACE: &str = r"\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}";

/// A compiled pattern (derefs to [`regex_lite::Regex`]).
#[derive(Debug, Clone)]
pub struct Regex(regex_lite::Regex);

impl Regex {
    /// Compiles `pattern`, with `\s` (also inside a class) as Unicode white space.
    pub fn new(pattern: &str) -> Result<Regex, regex_lite::Error> {
        #[cfg(test)]
        tests::COMPILED.lock().unwrap().push(pattern.to_string());
        regex_lite::Regex::new(&unicode_space(pattern)).map(Regex)
    }
}

impl Deref for Regex {
    type Target = regex_lite::Regex;

    fn deref(&self) -> &regex_lite::Regex {
        &self.0
    }
}

/// Escapes every meta character of `text` (see [`regex_lite::escape`]).
pub fn escape(text: &str) -> String {
    regex_lite::escape(text)
}

/// `pattern` with each `\s` widened to Unicode white space, unless the pattern starts in ASCII
/// mode. Classes do not nest in our patterns; `\\s` (an escaped backslash, then `s`) is kept.
fn unicode_space(pattern: &str) -> String {
    let ascii = pattern
        .strip_prefix("(?")
        .and_then(|rest| rest.split_once(')'))
        .is_some_and(|(flags, _)| flags.contains("-u") && !flags.contains(':'));
    if ascii || !pattern.contains(r"\s") {
        return pattern.to_string();
    }
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('s') if in_class => {
                    out.push_str(r"\s");
                    out.push_str(MORE_SPACE);
                }
                Some('s') => {
                    out.push_str(r"[\s");
                    out.push_str(MORE_SPACE);
                    out.push(']');
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Every pattern compiled in this test run, as written.
    pub(super) static COMPILED: Mutex<Vec<String>> = Mutex::new(Vec::new());

    /// Text our patterns run on: the posture pages, every fixture question, and each again with
    /// its spaces as no-break and thin spaces.
    fn corpus() -> Vec<String> {
        let mut texts: Vec<String> = crate::posture::DEFAULT_PAGES.iter().map(|(_, t)| t.to_string()).collect();
        texts.push(include_str!("../../tests/fixtures/posture/northwind-iso27001.md").to_string());
        texts.push(include_str!("../../tests/fixtures/posture/northwind-trust.html").to_string());
        for csv in [
            include_str!("../../tests/fixtures/labelled/seed-questions.csv"),
            include_str!("../../tests/fixtures/questionnaires/northwind-questions.csv"),
            include_str!("../../tests/fixtures/questionnaires/sections.csv"),
        ] {
            texts.extend(csv.lines().map(str::to_string));
        }
        let lines: Vec<String> = texts.iter().flat_map(|t| t.lines().map(str::to_string)).collect();
        let mut out = lines.clone();
        out.extend(lines.iter().map(|l| l.replace(' ', "\u{a0}")));
        out.extend(lines.iter().map(|l| l.replace(' ', "\u{2009}")));
        out
    }

    #[test]
    fn every_pattern_matches_as_the_regex_crate_does() {
        // Compiles every pattern core uses: drafting (with each certification scheme named),
        // evidence extraction, question refs.
        let engine = crate::Engine::embedded_default().unwrap();
        for q in [
            "Are you ISO 27001, ISO/IEC 22301, ISO 27701, ISO 27017, ISO 27018 or ISO 9001 certified?",
            "Do you hold a SOC 2 or SOC 1 Type II report?",
            "Are you PCI DSS, HIPAA, HITRUST or FedRAMP compliant?",
            "Are you CSA STAR, Cyber Essentials, TISAX or BSI C5 certified?",
            "Do you have no backups without encryption? See A.8.24 and clause 8.2.",
        ] {
            engine.draft_text(q);
        }
        let _ = crate::crosswalk::parse_iso_refs("A.5.1–5.3, clause 6.1.2", crate::Standard::Iso27001, false);
        let _ = crate::evidence::extract("see /policies/x §§4.3, 5 and DR scenarios 1–5, finding C-3, a@b.io, AWS");
        let mut patterns = COMPILED.lock().unwrap().clone();
        patterns.sort();
        patterns.dedup();
        assert!(patterns.len() >= 40, "only {} patterns compiled", patterns.len());
        let corpus = corpus();
        for p in &patterns {
            let ours = Regex::new(p).unwrap();
            let theirs = regex::Regex::new(p).unwrap();
            for text in &corpus {
                let a: Vec<Vec<Option<(usize, usize)>>> = ours
                    .captures_iter(text)
                    .map(|c| (0..c.len()).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect())
                    .collect();
                let b: Vec<Vec<Option<(usize, usize)>>> = theirs
                    .captures_iter(text)
                    .map(|c| (0..c.len()).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect())
                    .collect();
                assert_eq!(a, b, "pattern {p} on {text:?}");
            }
        }
    }

    #[test]
    fn white_space_is_unicode_in_and_out_of_classes() {
        let re = Regex::new(r"(?i)iso\s*27001").unwrap();
        assert!(re.is_match("ISO\u{a0}27001") && re.is_match("iso 27001") && re.is_match("iso27001"));
        let class = Regex::new(r"DR[\s-]+x").unwrap();
        assert!(class.is_match("DR\u{2009}x") && class.is_match("DR- x"));
        assert!(!Regex::new(r"a\s").unwrap().is_match("a\\s"), "an escaped s is not white space");
    }

    #[test]
    fn a_pattern_in_ascii_mode_keeps_ascii_space() {
        assert_eq!(unicode_space(r"(?i-u)\bDR[\s-]+"), r"(?i-u)\bDR[\s-]+");
        let re = Regex::new(r"(?i-u)a\sb").unwrap();
        assert!(re.is_match("a b") && !re.is_match("a\u{a0}b"));
        assert_eq!(unicode_space(r"\\s"), r"\\s");
    }
}
