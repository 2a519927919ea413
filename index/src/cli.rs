//! Argument parsing and the commands.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use trustdraft_core::{Engine, Posture};
use trustdraft_core::{Library, Work};

use crate::output;

/// Answer security questionnaires from a published compliance posture.
#[derive(Debug, Parser)]
#[command(name = "trustdraft", version, about)]
struct Cli {
    /// Posture files to use instead of the embedded default: pages (markdown, text, HTML), SoA
    /// spreadsheets (.xlsx, .ods, .csv), control lists and control pages.
    #[arg(long = "posture", value_name = "FILE", global = true)]
    posture: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// Earlier answers to reuse while drafting.
#[derive(Debug, Clone, Default, clap::Args)]
struct LibraryArgs {
    /// Earlier answers: answer libraries (.json, .csv) or filled questionnaires (.xlsx, .csv …).
    /// `FILE=NAME` says which product or service a file answered for (default: a library's own
    /// entries say; a questionnaire's file name).
    #[arg(long = "library", value_name = "FILE", num_args = 1..)]
    library: Vec<String>,
    /// The product or service drafted for: earlier answers recorded for another are never
    /// reused, only shown as suggestions.
    #[arg(long, value_name = "NAME")]
    scope: Option<String>,
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
    /// Show what the importer finds in a questionnaire: every sheet taken or left out (and why),
    /// its header rows and columns, its questions and any answers already there.
    Import {
        questionnaire: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Draft an answer for every question of a questionnaire (.xlsx or .csv).
    Draft {
        questionnaire: PathBuf,
        /// A crosswalk file (CSV of `id or framework ref → ISO ref`, or a CCM-style workbook).
        #[arg(long, value_name = "FILE")]
        crosswalk: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        #[command(flatten)]
        library: LibraryArgs,
    },
    /// Draft every question and write the answers back into a copy of the questionnaire, exactly
    /// as the browser does: only answer and comment cells of question rows, never a formula, a
    /// hidden sheet or a locked cell; answers already there kept unless --replace-existing. The
    /// written file is read back and checked against the original before it is saved.
    Fill {
        questionnaire: PathBuf,
        /// Where to write the answered copy.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long, value_name = "FILE")]
        crosswalk: Option<PathBuf>,
        /// Replace answers the workbook already holds (default: keep them).
        #[arg(long)]
        replace_existing: bool,
        /// Print what was written (summary, check, every cell) as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        library: LibraryArgs,
    },
    /// Say what a file is and what opening it in the app shows: an answer pack checked against
    /// its own posture (who its pages name, its fingerprint, every contradiction, what was left
    /// out), an answer library, a questionnaire or a posture page; and which of the evidence it
    /// cites may become a link.
    Open {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Draft one question typed on the command line.
    Ask {
        question: String,
        #[arg(long)]
        json: bool,
        /// Say which words of the question the cited rows state and which they do not, and how
        /// the question was read.
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        library: LibraryArgs,
    },
    /// List what each file gives as earlier answers (answer libraries or filled
    /// questionnaires): entries, questions answered and not, scope, or why it cannot be used.
    Library {
        /// The files; `FILE=NAME` says which product or service a file answered for.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Score drafts and mapping against labelled files and print the tables.
    Eval {
        /// Labelled questions: id,question,accept,expect_refs,expect_evidence.
        #[arg(long, value_name = "FILE")]
        labels: Option<PathBuf>,
        /// Question→ISO pairs (id, iso27001_2022_ref) …
        #[arg(long, value_name = "FILE", requires = "questions")]
        mapping: Option<PathBuf>,
        /// … and the questions they refer to (id + question/text or title + statement).
        #[arg(long, value_name = "FILE", requires = "mapping")]
        questions: Option<PathBuf>,
        /// List every miss.
        #[arg(long)]
        verbose: bool,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Json,
    Csv,
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
        // The same reading as the browser: pages decoded (UTF-8, UTF-16 with a BOM, else
        // Windows-1252), spreadsheets read into their sheets; PDFs and images refused by name.
        let text =
            trustdraft_core::jobs::read_file(&path.display().to_string(), &bytes).map_err(|e| anyhow::anyhow!(e))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        pages.push((name, text));
    }
    let posture = Posture::from_pages(pages.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    for d in &posture.diagnostics {
        eprintln!("warning: {d}");
    }
    Ok(posture)
}

/// Imports a questionnaire (notes and skipped rows to stderr) and its crosswalk, if any.
fn import_for_drafting(
    path: &PathBuf,
    crosswalk: Option<&PathBuf>,
) -> Result<(trustdraft_core::Questionnaire, Option<trustdraft_core::Crosswalk>)> {
    let bytes = read(path, "questionnaire")?;
    let q = trustdraft_core::jobs::import(&name_of(path), &bytes)?;
    for note in &q.notes {
        eprintln!("warning: {note}");
    }
    for sheet in q.sheets.iter().filter(|s| s.is_questionnaire()) {
        for s in &sheet.skipped {
            eprintln!("note: {}: sheet {}, row {}: {}", name_of(path), sheet.name, s.row, s.reason);
        }
    }
    let crosswalk = match crosswalk {
        Some(p) => Some(trustdraft_core::jobs::load_crosswalk(&name_of(p), &read(p, "crosswalk")?)?),
        None => None,
    };
    Ok((q, crosswalk))
}

/// `ask`: one question drafted (from the library first, when one is given).
fn ask(
    out: &mut impl Write,
    posture: Posture,
    question: &str,
    json: bool,
    explain: bool,
    library: &LibraryArgs,
) -> Result<()> {
    let earlier = load_library(library)?;
    let engine = Engine::new(posture)?;
    let asked = trustdraft_core::Question { text: question.to_string(), ..Default::default() };
    let draft = match &earlier {
        Some(lib) => {
            let index = engine.library_index_for(lib, library.scope.as_deref());
            engine.draft_with_library(&asked, None, Some(&index))
        }
        None => engine.draft_text(question),
    };
    if json && explain {
        let both = serde_json::json!({ "draft": draft, "explanation": engine.explain(question) });
        output::json(out, &both)?;
    } else if json {
        output::json(out, &draft)?;
    } else {
        output::draft(out, &draft)?;
        if explain {
            output::explanation(out, &draft, &engine.explain(question))?;
        }
    }
    Ok(())
}

/// `library`: what each file gives; exit code 2 when any cannot be used, after listing all.
fn library_command(out: &mut impl Write, files: &[String], json: bool) -> Result<()> {
    let listed = list_library(files);
    if json {
        output::json(out, &listed)?;
    } else {
        output::library_sources(out, &listed)?;
    }
    let failed = listed.iter().filter(|l| l.error.is_some()).count();
    if failed > 0 {
        anyhow::bail!("{failed} of {} files cannot be used as earlier answers", listed.len());
    }
    Ok(())
}

/// Drafts every question, with the earlier answers when there are any.
fn draft_all(
    engine: &Engine,
    q: &trustdraft_core::Questionnaire,
    crosswalk: Option<&trustdraft_core::Crosswalk>,
    earlier: Option<&Library>,
    args: &LibraryArgs,
) -> Vec<trustdraft_core::Draft> {
    match earlier {
        Some(lib) => {
            let index = engine.library_index_for(lib, args.scope.as_deref());
            q.questions.iter().map(|x| engine.draft_with_library(x, crosswalk, Some(&index))).collect()
        }
        None => engine.draft_questionnaire(q, crosswalk),
    }
}

/// `FILE=NAME` → the file and the product named; a path that exists is taken whole.
fn library_spec(spec: &str) -> (PathBuf, Option<String>) {
    let whole = PathBuf::from(spec);
    if whole.exists() {
        return (whole, None);
    }
    match spec.rsplit_once('=') {
        Some((path, scope)) if !path.is_empty() => (PathBuf::from(path), Some(scope.to_string())),
        _ => (whole, None),
    }
}

/// Every file of `--library` read into one library; the first file that cannot be used stops
/// drafting with its name (and sheet and row).
fn load_library(args: &LibraryArgs) -> Result<Option<Library>> {
    if args.library.is_empty() {
        return Ok(None);
    }
    let mut all = Library::default();
    for spec in &args.library {
        let (path, scope) = library_spec(spec);
        let bytes = read(&path, "library")?;
        let (lib, c) = trustdraft_core::jobs::read_source(&name_of(&path), &bytes, scope.as_deref(), &today())?;
        eprintln!("note: library {}: {} entries{}", c.file, c.entries, scoped(&c.scope));
        all.gather(lib);
    }
    Ok(Some(all))
}

fn scoped(scope: &str) -> String {
    if scope.is_empty() {
        String::new()
    } else {
        format!(" for {scope}")
    }
}

/// What each file gives, or why it cannot be used; one file's fault does not hide the others.
fn list_library(files: &[String]) -> Vec<output::LibrarySource> {
    files
        .iter()
        .map(|spec| {
            let (path, scope) = library_spec(spec);
            let read = read(&path, "library").and_then(|bytes| {
                trustdraft_core::jobs::read_source(&name_of(&path), &bytes, scope.as_deref(), &today())
                    .map_err(anyhow::Error::from)
            });
            match read {
                Ok((_, c)) => output::LibrarySource { contribution: c, error: None },
                Err(e) => output::LibrarySource {
                    contribution: trustdraft_core::jobs::Contribution { file: name_of(&path), ..Default::default() },
                    error: Some(format!("{e:#}")),
                },
            }
        })
        .collect()
}

/// Today (UTC) as `2026-12-07`: the day earlier answers of a questionnaire are added.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn read(path: &PathBuf, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {what} {}", path.display()))
}

fn name_of(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

fn read_text(path: &PathBuf, what: &str) -> Result<String> {
    String::from_utf8(read(path, what)?).map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", path.display()))
}

fn execute(cli: Cli, out: &mut impl Write) -> Result<()> {
    let posture = load_posture(&cli.posture)?;
    match cli.command {
        Command::Draft { questionnaire, crosswalk, format, library } => {
            let (q, crosswalk) = import_for_drafting(&questionnaire, crosswalk.as_ref())?;
            let earlier = load_library(&library)?;
            let engine = Engine::new(posture)?;
            let drafts = draft_all(&engine, &q, crosswalk.as_ref(), earlier.as_ref(), &library);
            match format {
                Format::Json => output::json(out, &output::placed_drafts(&q, &drafts))?,
                Format::Csv => write!(out, "{}", trustdraft_core::jobs::drafts_csv(&drafts))?,
            }
        }
        Command::Fill { questionnaire, output: target, crosswalk, replace_existing, json, library } => {
            let bytes = read(&questionnaire, "questionnaire")?;
            let (q, crosswalk) = import_for_drafting(&questionnaire, crosswalk.as_ref())?;
            let earlier = load_library(&library)?;
            let engine = Engine::new(posture)?;
            let drafts = draft_all(&engine, &q, crosswalk.as_ref(), earlier.as_ref(), &library);
            let mut work = Work::new(&name_of(&questionnaire), bytes, Default::default(), q);
            work.push_drafts(drafts);
            work.replace_all = replace_existing;
            let plan = work.plan()?;
            let exported = work.write_planned(plan.clone())?;
            std::fs::write(&target, &exported.bytes).with_context(|| format!("cannot write {}", target.display()))?;
            if json {
                output::json(out, &output::FillReport::new(&target, &plan, &exported))?;
            } else {
                writeln!(out, "{}: wrote {}", target.display(), exported.summary.sentence())?;
                match &exported.verified {
                    Some(v) => writeln!(out, "{}", v.sentence())?,
                    None => writeln!(out, "A CSV is rewritten whole; its other cells are written as they were read.")?,
                }
            }
        }
        Command::Import { questionnaire, json } => {
            let bytes = read(&questionnaire, "questionnaire")?;
            let q = trustdraft_core::jobs::import(&name_of(&questionnaire), &bytes)?;
            if json {
                output::json(out, &q)?;
            } else {
                output::import_report(out, &q)?;
            }
        }
        Command::Open { file, json } => {
            let bytes = read(&file, "file")?;
            let opened = output::open(&name_of(&file), &bytes)?;
            if json {
                output::json(out, &opened)?;
            } else {
                output::opened(out, &opened)?;
            }
        }
        Command::Ask { question, json, explain, library } => ask(out, posture, &question, json, explain, &library)?,
        Command::Eval { labels, mapping, questions, verbose } => {
            if labels.is_none() && mapping.is_none() {
                anyhow::bail!("give --labels FILE and/or --mapping FILE --questions FILE");
            }
            let engine = Engine::new(posture)?;
            eval(&engine, labels.as_ref(), mapping.as_ref().zip(questions.as_ref()), verbose, out)?;
        }
        Command::Library { files, json } => library_command(out, &files, json)?,
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
                output::json(out, &engine.coverage())?;
            } else {
                output::coverage(out, &engine)?;
            }
        }
    }
    Ok(())
}

/// `eval`: scores drafts against labels, and the question→control mapping against pairs.
fn eval(
    engine: &Engine,
    labels: Option<&PathBuf>,
    mapping: Option<(&PathBuf, &PathBuf)>,
    verbose: bool,
    out: &mut impl Write,
) -> Result<()> {
    if let Some(path) = labels {
        let report = trustdraft_core::jobs::score_drafts(engine, &name_of(path), &read_text(path, "labels")?)?;
        output::draft_report(out, &report, verbose)?;
    }
    if let Some((pairs, qs)) = mapping {
        let report = trustdraft_core::jobs::score_mapping(
            engine.prepared().mapper(),
            &name_of(qs),
            &read_text(qs, "questions")?,
            &name_of(pairs),
            &read_text(pairs, "mapping")?,
        )?;
        output::mapping_report(out, &report, verbose)?;
    }
    Ok(())
}
