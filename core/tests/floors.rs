//! The floors of ARCHITECTURE.md, kept true: every module of core imports only from the floors
//! below its own (a module's files may name each other and their parent). Read from the
//! sources: each `crate::<module>` path outside comments and `#[cfg(test)] mod tests`.

use std::collections::BTreeMap;
use std::path::Path;

/// Each top-level module of `core/src` and its floor, as ARCHITECTURE.md draws them.
const FLOORS: [(&str, u8); 25] = [
    ("model", 0),
    ("limits", 0),
    ("magic", 0),
    ("link", 0),
    ("pattern", 0),
    ("vocab", 0),
    ("catalog", 1),
    ("evidence", 1),
    ("html", 1),
    ("questionnaire", 1),
    ("posture", 2),
    ("identify", 2),
    ("search", 3),
    ("export", 3),
    ("crosswalk", 4),
    ("library", 5),
    ("draft", 5),
    ("workspace", 5),
    ("reuse", 6),
    ("pack", 6),
    ("engine", 7),
    ("eval", 8),
    ("snapshot", 8),
    ("jobs", 9),
    ("tests", 10),
];

/// The text of a source file without its unit tests and comments.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// The top-level modules a file's code names: `crate::posture::…`, `crate::{catalog, …}`.
fn named(code: &str, floors: &BTreeMap<&str, u8>) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(group.len())].split(',').collect(),
            None => vec![rest],
        };
        for name in names {
            let name: String = name.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if floors.contains_key(name.as_str()) {
                out.push(name);
            }
        }
    }
    out
}

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

#[test]
fn every_module_imports_only_from_the_floors_below_it() {
    let floors: BTreeMap<&str, u8> = FLOORS.into_iter().collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let module = rel.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        if module == "lib" {
            continue;
        }
        let own = *floors.get(module.as_str()).unwrap_or_else(|| panic!("{rel}: module {module} has no floor"));
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for other in named(&code, &floors) {
            if other != module && floors[other.as_str()] >= own {
                upward.push(format!("{rel} ({module}, floor {own}) names {other} (floor {})", floors[other.as_str()]));
            }
        }
    }
    assert!(upward.is_empty(), "imports that do not go down a floor:\n{}", upward.join("\n"));
}

#[test]
fn named_reads_paths_and_groups() {
    let floors: BTreeMap<&str, u8> = FLOORS.into_iter().collect();
    let code = "use crate::posture::Posture;\nuse crate::{catalog, model::Draft};\nlet x = crate::limits::MAX;";
    assert_eq!(named(code, &floors), ["posture", "catalog", "model", "limits"]);
}
