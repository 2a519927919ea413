//! Argument parsing and the commands.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use trustdraft_core::{Engine, Posture};

use crate::output;

/// Answer security questionnaires from a published compliance posture.
#[derive(Debug, Parser)]
#[command(name = "trustdraft", version, about)]
struct Cli {
    /// Posture pages to use instead of the embedded default (markdown/text with pipe tables).
    #[arg(long = "posture", value_name = "FILE", global = true)]
    posture: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Search the posture: rows, passages, evidence pointers and catalog controls, best first.
    Search {
        /// The question or words to look for.
        query: String,
        /// How many hits to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List every parsed control row with its expanded refs and evidence.
    Rows {
        #[arg(long)]
        json: bool,
    },
    /// List every evidence pointer with the rows that cite it.
    Pointers {
        #[arg(long)]
        json: bool,
    },
    /// Show, for every catalog control, the rows that cover it; gaps are marked.
    Coverage {
        #[arg(long)]
        json: bool,
    },
}

/// Runs the command line; errors are printed with their causes and give exit code 2.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let mut stdout = std::io::stdout().lock();
    match execute(cli, &mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = stdout.flush();
            eprintln!("trustdraft: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn load_posture(files: &[PathBuf]) -> Result<Posture> {
    if files.is_empty() {
        return Ok(Posture::embedded_default());
    }
    let mut pages = Vec::new();
    for path in files {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read posture page {}", path.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{}: not UTF-8 text; a posture page is a markdown or text file", path.display()))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        pages.push((name, text));
    }
    let posture = Posture::from_pages(pages.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    for d in &posture.diagnostics {
        eprintln!("warning: {d}");
    }
    Ok(posture)
}

fn execute(cli: Cli, out: &mut impl Write) -> Result<()> {
    let posture = load_posture(&cli.posture)?;
    match cli.command {
        Command::Search { query, limit, json } => {
            let engine = Engine::new(posture)?;
            let hits = engine.search(&query, limit);
            if json {
                output::json(out, &hits)?;
            } else {
                output::hits(out, &hits)?;
            }
        }
        Command::Rows { json } => {
            if json {
                output::json(out, &posture.rows)?;
            } else {
                output::rows(out, &posture)?;
            }
        }
        Command::Pointers { json } => {
            if json {
                output::json(out, &output::pointer_views(&posture))?;
            } else {
                output::pointers(out, &posture)?;
            }
        }
        Command::Coverage { json } => {
            let engine = Engine::new(posture)?;
            if json {
                output::json(out, &engine.coverage)?;
            } else {
                output::coverage(out, &engine)?;
            }
        }
    }
    Ok(())
}
