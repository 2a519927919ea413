//! Prints the phrases behind a question's top mappings: `cargo run --example why_map -- "text"`.
fn main() {
    let q = std::env::args().nth(1).unwrap_or_default();
    let engine = trustdraft_core::Engine::embedded_default().unwrap();
    let mapper = engine.prepared().mapper();
    for m in mapper.map_words(&q, 5) {
        println!("{} {:.2} {:?}", m.control, m.score, mapper.matched_phrases(&q, &m.control));
    }
}
