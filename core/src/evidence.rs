//! Evidence pointers: the site paths, repository files, DR scenarios, audit findings, e-mail
//! addresses and named vendors that a posture row or passage points to.
//!
//! [`extract`] finds them in one piece of text; [`Pointer`] gathers every citation of one target
//! across the posture, so that each pointer knows which rows cite it.

use std::sync::OnceLock;

// `EvidenceKind` is the model's; named here too, as drafting names it (`evidence::EvidenceKind`).
pub use crate::model::EvidenceKind;
use crate::model::{pointer_key, EvidenceRef};
use crate::pattern::Regex;
use serde::{Deserialize, Serialize};

impl EvidenceRef {
    /// A link for the pointer, where [`crate::link::link`] says it may be one.
    pub fn href(&self) -> Option<String> {
        crate::link::link(&self.to_string()).map(|l| l.href())
    }
}

/// Where a pointer is cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "in", content = "index", rename_all = "kebab-case")]
pub enum CitedIn {
    /// A control row, by its index in the posture.
    Row(usize),
    /// A prose passage, by its index in the posture.
    Passage(usize),
}

/// One evidence target with everything that cites it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pointer {
    pub kind: EvidenceKind,
    pub target: String,
    /// Every row or passage that cites it, in posture order, with the sections it names there.
    pub cited_by: Vec<(CitedIn, Vec<String>)>,
}

impl Pointer {
    pub fn key(&self) -> String {
        pointer_key(self.kind, &self.target)
    }

    /// The rows that cite this pointer.
    pub fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.cited_by.iter().filter_map(|(c, _)| match c {
            CitedIn::Row(i) => Some(*i),
            CitedIn::Passage(_) => None,
        })
    }
}

/// Gathers the pointers of many rows and passages, one [`Pointer`] per target, in order of
/// first mention.
pub fn gather<'a>(mentions: impl IntoIterator<Item = (CitedIn, &'a [EvidenceRef])>) -> Vec<Pointer> {
    let mut pointers: Vec<Pointer> = Vec::new();
    let mut by_key = std::collections::HashMap::new();
    for (cited_in, refs) in mentions {
        for r in refs {
            let slot = *by_key.entry(r.key()).or_insert_with(|| {
                pointers.push(Pointer { kind: r.kind, target: r.target.clone(), cited_by: Vec::new() });
                pointers.len() - 1
            });
            let cited = &mut pointers[slot].cited_by;
            match cited.iter_mut().find(|(c, _)| *c == cited_in) {
                Some((_, sections)) => {
                    for s in &r.sections {
                        if !sections.contains(s) {
                            sections.push(s.clone());
                        }
                    }
                }
                None => cited.push((cited_in, r.sections.clone())),
            }
        }
    }
    pointers
}

/// Vendors and sub-processors recognised by name: (canonical name, names it goes by).
/// Product names map to their vendor (`Route 53` is AWS).
pub const VENDORS: &[(&str, &[&str])] = &[
    ("AWS", &["AWS", "Amazon Web Services", "Route 53", "Amazon S3"]),
    ("Google Cloud", &["Google Cloud", "GCP"]),
    ("Microsoft Azure", &["Azure"]),
    ("Scaleway", &["Scaleway"]),
    ("Neon", &["Neon"]),
    ("Fastly", &["Fastly"]),
    ("Cloudflare", &["Cloudflare"]),
    ("Akamai", &["Akamai"]),
    ("Stripe", &["Stripe"]),
    ("Sendgrid", &["Sendgrid", "SendGrid"]),
    ("Mailgun", &["Mailgun"]),
    ("Postmark", &["Postmark"]),
    ("Twilio", &["Twilio"]),
    ("Grafana Cloud", &["Grafana Cloud", "Grafana"]),
    ("Datadog", &["Datadog"]),
    ("Sentry", &["Sentry"]),
    ("PagerDuty", &["PagerDuty"]),
    ("Slack", &["Slack"]),
    ("GitHub", &["GitHub"]),
    ("GitLab", &["GitLab"]),
    ("DNSimple", &["DNSimple"]),
    ("deSEC", &["deSEC"]),
    ("Porkbun", &["Porkbun"]),
    ("Okta", &["Okta"]),
    ("Auth0", &["Auth0"]),
    ("Google Workspace", &["Google Workspace"]),
    ("Microsoft 365", &["Microsoft 365", "Office 365"]),
    ("Atlassian", &["Atlassian", "Jira", "Confluence"]),
    ("Heroku", &["Heroku"]),
    ("Vercel", &["Vercel"]),
    ("Netlify", &["Netlify"]),
    ("DigitalOcean", &["DigitalOcean"]),
    ("Hetzner", &["Hetzner"]),
    ("OVHcloud", &["OVHcloud", "OVH"]),
    ("Supabase", &["Supabase"]),
    ("MongoDB Atlas", &["MongoDB Atlas"]),
    ("Snowflake", &["Snowflake"]),
    ("Zendesk", &["Zendesk"]),
    ("Intercom", &["Intercom"]),
    ("HubSpot", &["HubSpot"]),
    ("Salesforce", &["Salesforce"]),
    ("1Password", &["1Password"]),
    ("Vanta", &["Vanta"]),
    ("Drata", &["Drata"]),
];

fn regexes() -> &'static Regexes {
    static CELL: OnceLock<Regexes> = OnceLock::new();
    CELL.get_or_init(Regexes::new)
}

struct Regexes {
    site_path: Regex,
    repo_path: Regex,
    sections: Regex,
    dr: Regex,
    finding: Regex,
    finding_id: Regex,
    email: Regex,
    /// Every vendor name in one pattern; the match is looked up in `vendor_names`.
    vendors: Regex,
    vendor_names: std::collections::HashMap<&'static str, &'static str>,
}

impl Regexes {
    fn new() -> Regexes {
        // One pattern for all names, longest first; ASCII word boundaries (vendor names are
        // ASCII) keep it cheap to compile, which matters on every page load in the browser.
        let mut names: Vec<(&'static str, &'static str)> =
            VENDORS.iter().flat_map(|(canonical, names)| names.iter().map(move |n| (*n, *canonical))).collect();
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        let alternatives: Vec<String> = names.iter().map(|(n, _)| crate::pattern::escape(n)).collect();
        let vendors = Regex::new(&format!(r"(?-u:\b)(?:{})(?-u:\b)", alternatives.join("|"))).expect("vendor pattern");
        let vendor_names = names.into_iter().collect();
        Regexes {
            // A path that starts a word: `/policies/onboarding`, `/ack/[token]`, `/status`. (No
            // capture groups: plain matches stay on the fast engines; the word start is checked
            // by `starts_word`.)
            site_path: Regex::new(r"/[A-Za-z0-9][A-Za-z0-9_\-./\[\]]*").expect("site path pattern"),
            // `docs/architecture.md`, `docs/runbooks/`, `.github/workflows/dr-tests.yml`.
            repo_path: Regex::new(
                r"\.?[A-Za-z0-9_\-]+/(?:[A-Za-z0-9_\-.]+/)*(?:[A-Za-z0-9_\-.]+\.(?:md|markdown|ya?ml|json|toml|txt|pdf|rs|ts|js|py|sh|tf|html|csv|xlsx|docx))?",
            )
            .expect("repo path pattern"),
            // `§4`, `§§4.3, 5, 8`, `§§1–4`, `§11`: right after a path.
            sections: Regex::new(r"^\s*§§?\s*([0-9][0-9A-Za-z.]*(?:\s*(?:[,–-]|and)\s*[0-9][0-9A-Za-z.]*)*)")
                .expect("section pattern"),
            dr: Regex::new(r"(?i-u)\bDR[\s-]+scenarios?\b").expect("dr pattern"),
            finding: Regex::new(
                r"(?i-u)\b(?:audit\s+)?findings?\s+((?-i:[A-Z]{1,4}-\d{1,4})(?:\s*(?:,|and|&)\s*(?-i:[A-Z]{1,4}-\d{1,4}))*)",
            )
            .expect("finding pattern"),
            finding_id: Regex::new(r"[A-Z]{1,4}-\d{1,4}").expect("finding id pattern"),
            email: Regex::new(r"(?-u:\b)[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?-u:\b)")
                .expect("email pattern"),
            vendors,
            vendor_names,
        }
    }
}

/// Every evidence pointer mentioned in `text`, in order of kind, then of appearance, without
/// duplicates (sections of repeated mentions are merged).
pub fn extract(text: &str) -> Vec<EvidenceRef> {
    let re = regexes();
    let mut found: Vec<EvidenceRef> = Vec::new();
    let mut push = |r: EvidenceRef| match found.iter_mut().find(|f| f.key() == r.key()) {
        Some(existing) => {
            for s in r.sections {
                if !existing.sections.contains(&s) {
                    existing.sections.push(s);
                }
            }
        }
        None => found.push(r),
    };

    // Each pattern runs only where the text holds the literal it cannot match without: the
    // regexes run on the slow engine (the `perf` features are off for size), and most rows have
    // no e-mail, scenario, finding or vendor in them.
    let has_slash = text.contains('/');
    let has_at = text.contains('@');
    let has = |word: &[u8]| text.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word));
    let emails: Vec<(usize, usize)> =
        if has_at { re.email.find_iter(text).map(|m| (m.start(), m.end())).collect() } else { Vec::new() };
    let in_email = |pos: usize| emails.iter().any(|&(s, e)| pos >= s && pos < e);

    // A match counts only where a word starts: after nothing, a space, `(`, `[`, `“` or `'`.
    let starts_word = |at: usize, extra: &[char]| {
        text[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || extra.contains(&c))
    };
    for m in re.site_path.find_iter(if has_slash { text } else { "" }) {
        if !starts_word(m.start(), &['(', '[', '“', '\'']) || in_email(m.start()) {
            continue;
        }
        let path = trim_path(m.as_str());
        if path.len() < 2 {
            continue;
        }
        let mut r = EvidenceRef::new(EvidenceKind::SitePath, path);
        r.sections = sections_after(text, m.start() + path.len());
        push(r);
    }

    for m in re.repo_path.find_iter(if has_slash { text } else { "" }) {
        if !starts_word(m.start(), &['(', '“', '\'']) {
            continue;
        }
        let path = trim_path(m.as_str());
        let has_file = path.rsplit('/').next().is_some_and(|last| last.contains('.') && !last.ends_with('.'));
        if !(has_file || path.ends_with('/')) || in_email(m.start()) || path.starts_with("//") {
            continue;
        }
        // `plan/apply`-style prose never ends in a file or `/`; a trailing `/` on a single word
        // (`and/`) is not a folder either.
        if !has_file && (path.matches('/').count() < 2 && !path.starts_with("docs/") || !is_folder_path(path)) {
            continue;
        }
        let kind = if path.contains(".github/workflows/") { EvidenceKind::Workflow } else { EvidenceKind::RepoPath };
        let mut r = EvidenceRef::new(kind, path);
        r.sections = sections_after(text, m.start() + path.len());
        push(r);
    }

    for m in re.dr.find_iter(if has(b"dr") { text } else { "" }) {
        for n in numbers_after(&text[m.end()..]) {
            push(EvidenceRef::new(EvidenceKind::DrScenario, n.to_string()));
        }
    }

    for caps in re.finding.captures_iter(if has(b"finding") { text } else { "" }) {
        for id in re.finding_id.find_iter(caps.get(1).expect("group 1").as_str()) {
            push(EvidenceRef::new(EvidenceKind::AuditFinding, id.as_str()));
        }
    }

    for m in re.email.find_iter(if has_at { text } else { "" }) {
        push(EvidenceRef::new(EvidenceKind::Email, m.as_str().to_ascii_lowercase()));
    }

    let mut vendors: Vec<&str> = Vec::new();
    let named = re.vendor_names.keys().any(|name| text.contains(name));
    for m in re.vendors.find_iter(if named { text } else { "" }) {
        if let Some(canonical) = re.vendor_names.get(m.as_str()) {
            if !vendors.contains(canonical) {
                vendors.push(canonical);
            }
        }
    }
    // In the order of the vendor list, as before.
    for (canonical, _) in VENDORS {
        if vendors.contains(canonical) {
            push(EvidenceRef::new(EvidenceKind::Vendor, *canonical));
        }
    }

    found.sort_by_key(|r| r.kind);
    found
}

/// A folder path (`docs/runbooks/`) is lower-case words; `SEV-1/2/3/` is not one.
fn is_folder_path(path: &str) -> bool {
    path.trim_end_matches('/').split('/').all(|seg| {
        let seg = seg.trim_start_matches('.');
        seg.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && seg.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
    })
}

/// Drops trailing punctuation that ends the sentence, not the path.
fn trim_path(path: &str) -> &str {
    let mut p = path;
    loop {
        let trimmed = p.trim_end_matches(['.', ',', ';', ':', ')']);
        let trimmed =
            if trimmed.ends_with(']') && !trimmed.contains('[') { &trimmed[..trimmed.len() - 1] } else { trimmed };
        if trimmed.len() == p.len() {
            return p;
        }
        p = trimmed;
    }
}

/// The `§` sections written right after a path, expanded one per entry (`1–4` stays a range).
fn sections_after(text: &str, end: usize) -> Vec<String> {
    let rest = &text[end..];
    let Some(caps) = regexes().sections.captures(rest) else {
        return Vec::new();
    };
    caps[1]
        .split([',', ' '])
        .map(|s| s.trim().trim_end_matches('.'))
        .filter(|s| !s.is_empty() && *s != "and")
        .map(|s| s.replace('-', "–"))
        .collect()
}

/// Reads the scenario numbers after "DR scenarios": `1–5 (vertical-down) and 9 (region
/// partition)` → 1, 2, 3, 4, 5, 9. Stops at the first word that is not a number, a range, a
/// separator or a parenthesised note.
pub fn numbers_after(text: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix('(') {
            match after.find(')') {
                Some(close) => {
                    rest = after[close + 1..].trim_start();
                    continue;
                }
                None => break,
            }
        }
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            // separators between numbers
            let mut advanced = false;
            for sep in [",", "and ", "&", "+"] {
                if let Some(after) = rest.strip_prefix(sep) {
                    if !numbers.is_empty() {
                        rest = after.trim_start();
                        advanced = true;
                    }
                    break;
                }
            }
            if advanced {
                continue;
            }
            break;
        }
        let Ok(start) = digits.parse::<u32>() else { break };
        rest = rest[digits.len()..].trim_start();
        let mut end = start;
        for dash in ['–', '-', '—'] {
            if let Some(after) = rest.strip_prefix(dash) {
                let after = after.trim_start();
                let to: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
                if let Ok(to_n) = to.parse::<u32>() {
                    if to_n >= start && to_n - start <= 100 {
                        end = to_n;
                        rest = after[to.len()..].trim_start();
                    }
                }
                break;
            }
        }
        for n in start..=end {
            if !numbers.contains(&n) {
                numbers.push(n);
            }
        }
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Extracts from `text` and compares the `Display` forms of one kind.
    fn check(text: &str, kind: EvidenceKind, expected: &[&str]) {
        let got: Vec<String> = extract(text).iter().filter(|r| r.kind == kind).map(|r| r.to_string()).collect();
        assert_eq!(got, expected, "{kind:?} in {text:?}");
    }

    #[test]
    fn site_paths_with_sections() {
        check(
            "Onboarding policy + training records (/policies/onboarding §§4.3, 5, 8); controlled document register is the /policies index.",
            EvidenceKind::SitePath,
            &["/policies/onboarding §§4.3, 5, 8", "/policies"],
        );
        check("Procedure documented at /policies/onboarding §3.", EvidenceKind::SitePath, &["/policies/onboarding §3"]);
        check("See /technology/encryption.", EvidenceKind::SitePath, &["/technology/encryption"]);
        check(
            "RTO ≤ 60 seconds; /ack/[token] endpoint and /api/public/status.",
            EvidenceKind::SitePath,
            &["/ack/[token]", "/api/public/status"],
        );
        check("PR review gates separate plan/apply; 24/7 on-call.", EvidenceKind::SitePath, &[]);
    }

    #[test]
    fn repository_paths_and_workflows() {
        check(
            "implicit in docs/architecture.md §4 (Failure matrix) and docs/architecture.md §§1–4",
            EvidenceKind::RepoPath,
            &["docs/architecture.md §§4, 1–4"],
        );
        check("Per-scenario runbooks under docs/runbooks/.", EvidenceKind::RepoPath, &["docs/runbooks/"]);
        check(
            "Twenty-two DR scenarios scripted in .github/workflows/dr-tests.yml; nightly",
            EvidenceKind::Workflow,
            &[".github/workflows/dr-tests.yml"],
        );
        check("served from S3 + Scaleway; EU/EEA/UK; plan/apply; and/or; SEV-1/2/3/4", EvidenceKind::RepoPath, &[]);
    }

    #[test]
    fn dr_scenarios_with_ranges_and_notes() {
        check(
            "Tested in DR scenarios 1–5 (vertical-down) and 9 (region partition).",
            EvidenceKind::DrScenario,
            &["DR scenario 1", "DR scenario 2", "DR scenario 3", "DR scenario 4", "DR scenario 5", "DR scenario 9"],
        );
        check(
            "Tested in DR scenarios 8, 11, 17.",
            EvidenceKind::DrScenario,
            &["DR scenario 8", "DR scenario 11", "DR scenario 17"],
        );
        check("integrity verified nightly in DR scenario 22.", EvidenceKind::DrScenario, &["DR scenario 22"]);
        check("twenty-two DR scenarios, 22 tested DR scenarios", EvidenceKind::DrScenario, &[]);
    }

    #[test]
    fn audit_findings_emails_vendors() {
        check(
            "admin impersonation has known gaps (audit findings C-3, C-4).",
            EvidenceKind::AuditFinding,
            &["audit finding C-3", "audit finding C-4"],
        );
        check(
            "Self-service erasure route mounted (audit finding C-12 resolved).",
            EvidenceKind::AuditFinding,
            &["audit finding C-12"],
        );
        check("SEV-1 (≤ 1h), SEV-2", EvidenceKind::AuditFinding, &[]);
        check(
            "external programme at /trust/disclosure and security@glassbreak.io.",
            EvidenceKind::Email,
            &["security@glassbreak.io"],
        );
        check(
            "external programme at /trust/disclosure and security@glassbreak.io.",
            EvidenceKind::SitePath,
            &["/trust/disclosure"],
        );
        check(
            "AWS Lambda + Scaleway Functions behind Fastly; Stripe (billing), Sendgrid; Grafana Cloud; Route 53 + Porkbun",
            EvidenceKind::Vendor,
            &["AWS", "Scaleway", "Fastly", "Stripe", "Sendgrid", "Grafana Cloud", "Porkbun"],
        );
    }

    #[test]
    fn gathering_keeps_every_citation() {
        let a = extract("/policies/onboarding §3");
        let b = extract("per /policies/onboarding §§4.3, 5, 8 and /status");
        let pointers = gather([(CitedIn::Row(0), a.as_slice()), (CitedIn::Row(4), b.as_slice())]);
        assert_eq!(pointers.len(), 2);
        assert_eq!(pointers[0].target, "/policies/onboarding");
        assert_eq!(pointers[0].rows().collect::<Vec<_>>(), vec![0, 4]);
        assert_eq!(pointers[0].cited_by[1].1, vec!["4.3", "5", "8"]);
    }
}
