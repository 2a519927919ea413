//! The API boundary: `web/`, `index/` and `worker/` reach core only through its public surface.
//! Privacy does most of this (core's other modules are private); this test names the modules
//! that may be reached and fails on any other `trustdraft_core::<module>` path in their sources,
//! documentation included, so that the boundary is also what the code says.

use std::collections::BTreeSet;
use std::path::Path;

/// The core modules other crates may name: the model, the file jobs, the limits.
/// Everything else they use is re-exported at the crate root (`Engine` first).
const ALLOWED: [&str; 3] = ["jobs", "limits", "model"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `trustdraft_core::<lowercase name>::` in `text`: the modules it reaches (a lowercase
/// name not followed by `::` is a function at the root, such as `link`).
fn modules_named(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("trustdraft_core::") {
        let rest = &text[at + "trustdraft_core::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `trustdraft_core::{jobs::run, model::Review, Engine}`: the paths inside the braces.
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for path in group.split(',') {
                if let Some((module, _)) = path.trim().split_once("::") {
                    found.insert(module.to_string());
                }
            }
            continue;
        }
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if name.starts_with(|c: char| c.is_ascii_lowercase()) && rest[name.len()..].starts_with("::") {
            found.insert(name);
        }
    }
    found
}

#[test]
fn web_index_and_worker_reach_only_the_public_surface() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut outside = Vec::new();
    let mut reached = BTreeSet::new();
    for krate in ["web", "index", "worker"] {
        let mut files = Vec::new();
        rust_files(&root.join(krate), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for module in modules_named(&text) {
                if !ALLOWED.contains(&module.as_str()) {
                    outside.push(format!("{}: trustdraft_core::{module}", file.display()));
                }
                reached.insert(module);
            }
        }
    }
    assert!(outside.is_empty(), "core reached outside its public surface:\n{}", outside.join("\n"));
    assert!(reached.len() <= 4, "more than four core modules reached: {reached:?}");
}

#[test]
fn modules_named_finds_module_paths_only() {
    let text = "use trustdraft_core::model::Review;\nuse trustdraft_core::{Engine, Posture};\ntrustdraft_core::jobs::run(x);\ntrustdraft_core::link(e)";
    assert_eq!(modules_named(text), BTreeSet::from(["jobs".to_string(), "model".to_string()]));
    let grouped = "use trustdraft_core::{limits::MAX_PAGES, Engine};";
    assert_eq!(modules_named(grouped), BTreeSet::from(["limits".to_string()]));
}
