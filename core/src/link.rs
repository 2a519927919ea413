//! What content may become a link. Evidence, citations and anything else a stranger wrote (a
//! vendor's pack, an imported library, a loaded trust page) reach the page as text; only what
//! [`link`] accepts is made clickable, and then only with the target it returns:
//!
//! - a path on the site the app is served from: `/` then a letter or digit, printable ASCII
//!   without a backslash, quote or angle bracket, and never `//` (a browser reads `//host`,
//!   `/\host` and `/<tab>/host` as another site);
//! - an e-mail address, plain or after `mailto:`, and nothing else (no `?subject=`, no
//!   second address);
//! - an `https://` URL whose host is a plain ASCII name (no user name before an `@`, no
//!   percent escapes, no IDN look-alikes), returned with that host so that the page can show
//!   it beside the link.
//!
//! Everything else — `javascript:`, `data:`, `http:`, protocol-relative URLs, anything with a
//! space or a control character — stays text. `tests/properties.rs` checks, with the WHATWG URL
//! parser browsers use, that no accepted site path can leave the page's origin.

/// A link the page may render, with the one target it may point to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A path on the app's own site: `/policies/onboarding`.
    SitePath(String),
    /// An e-mail address; the target is `mailto:` + the address.
    Mail(String),
    /// An `https://` URL and its host, which the page shows beside the link text.
    Web { url: String, host: String },
}

impl Link {
    /// The `href` to render.
    pub fn href(&self) -> String {
        match self {
            Link::SitePath(path) => path.clone(),
            Link::Mail(address) => format!("mailto:{address}"),
            Link::Web { url, .. } => url.clone(),
        }
    }

    /// The host a reader must see beside the link text, when the text does not already start
    /// with it (`shown` is the text the page shows as the link).
    pub fn host_to_show(&self, shown: &str) -> Option<&str> {
        match self {
            Link::Web { host, .. } if !shown.starts_with(&format!("https://{host}")) => Some(host),
            _ => None,
        }
    }
}

/// Whether `text` may become a link, and to what. `text` is an evidence pointer as shown
/// (`/policies/onboarding §§4.3, 5`: the sections after ` §` are not part of the target), an
/// e-mail address, or a URL.
pub fn link(text: &str) -> Option<Link> {
    let target = text.split(" §").next().unwrap_or(text);
    if target.len() > MAX_LINK_BYTES {
        return None;
    }
    if target.starts_with('/') {
        return site_path(target).then(|| Link::SitePath(target.to_string()));
    }
    if let Some(rest) = target.strip_prefix("https://") {
        return web(target, rest);
    }
    let address = target.strip_prefix("mailto:").unwrap_or(target);
    is_email(address).then(|| Link::Mail(address.to_string()))
}

/// The longest target made into a link; a longer one is shown as text.
const MAX_LINK_BYTES: usize = 2048;

/// Printable ASCII that may appear in a path or query: no space, backslash, quote, angle
/// bracket, backtick, braces, pipe or caret (which browsers escape or treat specially).
fn path_char(c: char) -> bool {
    c.is_ascii_graphic() && !matches!(c, '\\' | '"' | '\'' | '<' | '>' | '`' | '{' | '}' | '|' | '^' | '[' | ']')
}

fn site_path(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/')
        && chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && path.chars().all(path_char)
        && !path.contains("//")
}

fn web(url: &str, rest: &str) -> Option<Link> {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let tail_ok = tail.chars().all(path_char);
    (is_host(host) && port_ok && tail_ok).then(|| Link::Web { url: url.to_string(), host: host.to_ascii_lowercase() })
}

/// A DNS name of plain ASCII labels: `docs.example.com`. Punycode (`xn--`) labels are refused
/// too: what they display as is not what they read as.
fn is_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    host.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
                && !l.to_ascii_lowercase().starts_with("xn--")
        })
        && labels.last().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_alphabetic()) && tld.len() >= 2)
}

/// `name@example.com`: a local part of letters, digits and `._%+-` (no leading, trailing or
/// doubled dot) and a host as [`is_host`] reads it.
fn is_email(address: &str) -> bool {
    let Some((local, host)) = address.split_once('@') else { return false };
    address.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-'))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && is_host(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn href(text: &str) -> Option<String> {
        link(text).map(|l| l.href())
    }

    #[test]
    fn site_paths_emails_and_https_become_links() {
        assert_eq!(href("/policies/onboarding §§4.3, 5, 8").as_deref(), Some("/policies/onboarding"));
        assert_eq!(href("/status").as_deref(), Some("/status"));
        assert_eq!(href("security@glassbreak.example").as_deref(), Some("mailto:security@glassbreak.example"));
        assert_eq!(href("mailto:a.b+c@x.example.org").as_deref(), Some("mailto:a.b+c@x.example.org"));
        let docs = link("https://docs.example.com/security?x=1#top").unwrap();
        assert_eq!(docs.href(), "https://docs.example.com/security?x=1#top");
        assert_eq!(docs.host_to_show("https://docs.example.com/security"), None);
        assert_eq!(docs.host_to_show("our security docs"), Some("docs.example.com"));
    }

    #[test]
    fn what_could_leave_the_site_or_run_stays_text() {
        for text in [
            "//evil.example/phish",
            "/\\evil.example/phish",
            "/\t/evil.example/tab",
            "/ /evil.example",
            "/\n/evil.example",
            "/a//evil.example",
            " /policies",
            "/",
            "/.hidden",
            "/[token]/ack",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "http://evil.example/",
            "https://glassbreak.example@evil.example/",
            "https://evil%2eexample/",
            "https://xn--glssbreak-x2a.example/",
            "https:///evil.example",
            "https://evil.example\\@good.example/",
            "https://evil.example/a b",
            "mailto:a@b.example?body=hi",
            "mailto:a@b.example,c@d.example",
            "a@b",
            "a..b@c.example",
            "DR scenario 22",
            "docs/architecture.md §4",
            "Google Cloud",
        ] {
            assert_eq!(link(text), None, "{text:?}");
        }
    }
}
