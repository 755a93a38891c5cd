//! Command-line arguments (clap derive). Parsing only; the commands live in their own modules.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

/// Default limit on the size of one input document (16 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Who said what, who did what to whom, how many, when and where — from news text, \
             with every item tied to its bytes.",
    after_help = "Exit status: 0 success, 1 some inputs failed (the rest was processed), \
                  2 usage error or fatal error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Use only the hand-written lexicons, without the cue forms learnt from PolNeAR's
    /// research-only news data (see resources/lexicons/learned/MODEL_CARD.md).
    #[arg(long, global = true)]
    pub rules_only: bool,
}

impl Cli {
    /// The lexicons every extractor of this run reads, loaded once.
    pub fn lexicons(&self) -> dossier_extract::Lexicons {
        if self.rules_only {
            dossier_extract::Lexicons::rules_only()
        } else {
            dossier_extract::Lexicons::builtin()
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse one text file (or stdin) and print its statements, entities, numbers and dates.
    Analyze(AnalyzeArgs),
    /// Analyse files, directories and JSON Lines feeds and store the results in a database.
    Ingest(IngestArgs),
    /// Full-text search over stored documents and statements.
    Search(SearchArgs),
    /// List stored statements, optionally filtered by speaker or stance.
    Statements(StatementsArgs),
    /// List stored entities, most mentioned first.
    Entities(EntitiesArgs),
    /// Score Dossier against annotated corpora.
    #[command(subcommand)]
    Eval(EvalCommand),
}

#[derive(Debug, Args)]
pub struct DbArg {
    /// The database file (created if missing).
    #[arg(long, value_name = "PATH", default_value = "dossier.db")]
    pub db: PathBuf,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Print the versioned JSON contract instead of a readable report.
    #[arg(long)]
    pub json: bool,
    /// Publication date, used to resolve relative dates ("last week"). YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// Title of the article, stored in the document metadata.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// URL of the article, stored in the document metadata.
    #[arg(long, value_name = "U")]
    pub url: Option<String>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// A UTF-8 text file, or `-` for standard input.
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Refuse documents larger than this many bytes.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Documents analysed and stored per transaction.
    #[arg(long, value_name = "N", default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
    /// Also report skipped files and unreadable dates.
    #[arg(short, long)]
    pub verbose: bool,
    /// Files or directories. In directories (read recursively, in sorted order) `.txt`, `.text`
    /// are plain text, `.jsonl`, `.ndjson` (optionally `.gz`) are JSON Lines with
    /// objects {url, title, published, text}; other files are skipped. A file named explicitly
    /// is read as JSON Lines when its name says so and as plain text otherwise.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Print a JSON array.
    #[arg(long)]
    pub json: bool,
    /// At most this many hits.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Words to find (all of them are required; operators are taken literally).
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StatementsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Only statements whose speaker (as written, or its entity's name) contains NAME.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only statements with this stance: assert, deny, confirm, warn, urge, agree.
    #[arg(long, value_name = "S")]
    pub stance: Option<String>,
    /// Print a JSON array.
    #[arg(long)]
    pub json: bool,
    /// At most this many statements.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct EntitiesArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Print a JSON array.
    #[arg(long)]
    pub json: bool,
    /// At most this many entities.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score attributions against a PolNeAR-layout folder (text/*.txt, attributions/*.ann),
    /// exactly as shared/tools/score_polnear.py does.
    Attribution(EvalAttributionArgs),
}

#[derive(Debug, Args)]
pub struct EvalAttributionArgs {
    /// Print the figures as a JSON object.
    #[arg(long)]
    pub json: bool,
    /// Score only the first N annotation files (in sorted order).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// The folder holding text/ and attributions/.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    dossier_core::parse_published(s).ok_or_else(|| format!("not a date: {s:?} (expected YYYY-MM-DD)"))
}
