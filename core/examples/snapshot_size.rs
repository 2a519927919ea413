//! Prints how large the engine snapshot's drafting part is: `cargo run --example snapshot_size`.
fn main() {
    let engine = trustdraft_core::Engine::embedded_default().unwrap();
    let snap = engine.to_snapshot().unwrap();
    let prepared = serde_json::to_value(engine.prepared()).unwrap();
    println!("snapshot {} bytes", snap.len());
    for (k, v) in prepared.as_object().unwrap() {
        println!("  {k}: {} bytes", serde_json::to_string(v).unwrap().len());
    }
}
