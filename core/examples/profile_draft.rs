//! Times the parts of drafting natively: `cargo run --release --example profile_draft -- N`.
use std::time::Instant;
use trustdraft_core::{jobs, Engine};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(825);
    let t = Instant::now();
    let engine = Engine::embedded_default().unwrap();
    println!("engine: {:?}", t.elapsed());
    let t = Instant::now();
    let parts = jobs::profile_build(|| t.elapsed().as_secs_f64() * 1000.0).unwrap();
    println!("  of which (ms): {parts}");
    let mut csv = String::from("id,question\n");
    let subjects = [
        "data encrypted at rest",
        "MFA for admins",
        "backups verified",
        "SSO offered",
        "CCTV in offices",
        "a pen test yearly",
    ];
    for i in 0..n {
        csv.push_str(&format!("Q{i},Is {} (item {i})?\n", subjects[i % subjects.len()]));
    }
    let q = jobs::import("x.csv", csv.as_bytes()).unwrap();
    let t = Instant::now();
    let drafts = engine.draft_questionnaire(&q, None);
    let e = t.elapsed();
    println!("draft {n}: {e:?} ({:?}/question)", e / n as u32);
    let t = Instant::now();
    for x in &q.questions {
        let _ = engine.prepared().mapper().map_words(&x.text, 5);
    }
    println!("  map_words ×{n}: {:?}", t.elapsed());
    let t = Instant::now();
    for x in &q.questions {
        let _ = engine.index().search_refs(&x.text, 25);
    }
    println!("  search_refs ×{n}: {:?}", t.elapsed());
    assert_eq!(drafts.len(), n);
}
