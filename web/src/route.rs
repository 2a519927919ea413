//! The app's pages and their URL fragments (`#ask?q=…`, `#questionnaire`, `#coverage`,
//! `#browse` (the Posture page; `#posture` too), `#library`).

/// A page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Ask,
    Questionnaire,
    Coverage,
    Browse,
    Library,
}

impl Route {
    pub const ALL: [Route; 5] = [Route::Ask, Route::Questionnaire, Route::Coverage, Route::Browse, Route::Library];

    /// Reads a location hash (`#posture`); anything unknown is the Ask page.
    pub fn from_hash(hash: &str) -> Route {
        let name = hash.trim_start_matches('#').trim_start_matches('/');
        let name = name.split(['?', '/']).next().unwrap_or("");
        match name {
            "browse" | "posture" => Route::Browse,
            "coverage" => Route::Coverage,
            "questionnaire" => Route::Questionnaire,
            "library" => Route::Library,
            _ => Route::Ask,
        }
    }

    /// The question carried by an Ask URL (`#ask?q=are%20you%20certified`).
    pub fn query_from_hash(hash: &str) -> Option<String> {
        let (_, query) = hash.split_once('?')?;
        query.split('&').find_map(|kv| kv.strip_prefix("q=")).map(decode)
    }

    /// The Ask URL fragment for a question.
    pub fn ask_hash(question: &str) -> String {
        if question.is_empty() {
            "#ask".to_string()
        } else {
            format!("#ask?q={}", encode(question))
        }
    }

    pub fn hash(self) -> &'static str {
        match self {
            Route::Ask => "#ask",
            Route::Questionnaire => "#questionnaire",
            Route::Coverage => "#coverage",
            Route::Browse => "#browse",
            Route::Library => "#library",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::Ask => "Ask",
            Route::Questionnaire => "Questionnaire",
            Route::Coverage => "Coverage",
            Route::Browse => "Posture",
            Route::Library => "Library",
        }
    }
}

/// Percent-encodes everything but unreserved characters (spaces as `%20`).
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reverses [`encode`] (and `+` for a space); invalid escapes are kept as they are.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_round_trip_and_unknown_is_ask() {
        for route in Route::ALL {
            assert_eq!(Route::from_hash(route.hash()), route);
        }
        assert_eq!(Route::from_hash(""), Route::Ask);
        assert_eq!(Route::from_hash("#/posture"), Route::Browse);
        assert_eq!(Route::from_hash("#nonsense"), Route::Ask);
        assert_eq!(Route::from_hash("#browse"), Route::Browse);
        assert_eq!(Route::from_hash("#posture"), Route::Browse);
    }

    #[test]
    fn questions_travel_in_the_url() {
        for q in ["are you ISO 27001 certified?", "RTO & RPO = ?", "données chiffrées 🔐", "100%"] {
            let hash = Route::ask_hash(q);
            assert_eq!(Route::from_hash(&hash), Route::Ask);
            assert_eq!(Route::query_from_hash(&hash).as_deref(), Some(q), "{hash}");
        }
        assert_eq!(Route::ask_hash("a b"), "#ask?q=a%20b");
        assert_eq!(Route::query_from_hash("#ask?q=a+b%2"), Some("a b%2".to_string()));
        assert_eq!(Route::query_from_hash("#ask?q=%é%"), Some("%é%".to_string()));
        assert_eq!(Route::query_from_hash("#ask"), None);
    }
}
