//! What the app does outside the reducer and the DOM: the file module's worker (`worker`),
//! opening and building the engine (`engine`), reading files into work (`tasks`), drafting in
//! slices (`drafting`), exports and downloads (`export`, `download`), and keeping the work and
//! the library saved (`storage`, `persist`, `restore`, with the pure merge in `sync`).
//! Services take a dispatcher and report by actions; they never render, and no component
//! reaches the worker or the store but through them.

pub mod download;
pub mod drafting;
pub mod engine;
pub mod export;
pub mod persist;
pub mod restore;
pub mod storage;
pub mod sync;
pub mod tasks;
pub mod worker;
