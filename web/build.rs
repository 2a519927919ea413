//! Writes `$OUT_DIR/default.snapshot`: the engine over the embedded default posture, parsed
//! and indexed now so that the page opens it instead of building it (see
//! `Engine::to_snapshot`). Only with the `snapshot` feature, which the wasm build turns
//! on; without it the file is empty and the page builds the engine itself.

fn main() {
    let out =
        std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("default.snapshot");
    std::fs::write(&out, snapshot()).expect("write the engine snapshot");
    println!("cargo:rerun-if-changed=build.rs");
}

#[cfg(feature = "snapshot")]
fn snapshot() -> Vec<u8> {
    let engine = trustdraft_core::Engine::embedded_default().expect("the default posture indexes");
    engine.to_snapshot().expect("the default engine saves")
}

#[cfg(not(feature = "snapshot"))]
fn snapshot() -> Vec<u8> {
    Vec::new()
}
