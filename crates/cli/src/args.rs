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
    after_help = "Exit status: 0 success, 1 some inputs failed (the rest was processed) or what \
                  was asked for is not in the store, 2 usage error or fatal error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Use only the hand-written lexicons, without the cue forms learnt from PolNeAR's
    /// research-only news data (see resources/lexicons/learned/MODEL_CARD.md).
    #[arg(long, global = true)]
    pub rules_only: bool,
    /// Find names with the capitalisation rules and gazetteers alone, without the statistical
    /// tagger (resources/models/MODEL_CARD.md): to compare, or to reproduce older results.
    #[arg(long, global = true)]
    pub no_tagger: bool,
}

impl Cli {
    /// The lexicons every extractor of this run reads, loaded once.
    pub fn lexicons(&self) -> anyhow::Result<dossier_extract::Lexicons> {
        let lex = if self.rules_only {
            dossier_extract::Lexicons::rules_only()?
        } else {
            dossier_extract::Lexicons::builtin()?
        };
        Ok(if self.no_tagger { lex.without_tagger() } else { lex })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse one text file (or stdin) and print its statements, entities, numbers and dates.
    Analyze(AnalyzeArgs),
    /// Read one HTML page (.html, .htm, optionally .gz): its main text and metadata.
    Extract(ExtractArgs),
    /// Analyse files, directories and JSON Lines feeds and store the results in a database.
    Ingest(IngestArgs),
    /// Analyse again, from their stored text, the documents stored by other stages, data or
    /// switches than this build's (an older version's store): entities, aliases, statements
    /// and claims are recomputed.
    Reanalyze(ReanalyzeArgs),
    /// Give back to the disk the space a store no longer uses (after its schema was migrated to
    /// a smaller one, or many documents were refreshed): the file is rewritten, its rows as
    /// they are. Other readers and writers wait for it.
    Compact(CompactArgs),
    /// Full-text search over stored documents and statements.
    Search(SearchArgs),
    /// List stored statements, optionally filtered by speaker or stance.
    Statements(StatementsArgs),
    /// List stored documents with their headline checks (title and sub-headings against the
    /// body), optionally only those with a heading of one verdict.
    Documents(DocumentsArgs),
    /// List stored entities, most mentioned first.
    Entities(EntitiesArgs),
    /// One stored entity (by name or alias, any case): its counts, its mentions over time and
    /// its statements.
    Entity(EntityArgs),
    /// List stored numbers in publication order, optionally only those counting a given noun.
    Quantities(QuantitiesArgs),
    /// List stored events (who did what to whom), optionally by type, actor or date.
    Events(EventsArgs),
    /// Export stored records.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Claims across the stored articles: one proposition with every report of it, the most
    /// widely reported first.
    Claims(ClaimsArgs),
    /// One claim: its reports grouped by stance, who gave which number when; with --why, what
    /// tied each report to it.
    Claim(ClaimArgs),
    /// A claim's number series and reports over time, or the claims about an entity in the
    /// order they were first seen.
    Timeline(TimelineArgs),
    /// Where a claim changed as it was relayed: an article citing another outlet against that
    /// outlet's report (number, hedge, stance, speaker, a dropped denial), and a headline or
    /// unattributed sentence against the sources it quotes.
    Drift(DriftArgs),
    /// Serve the store over HTTP: a JSON API and a web page (read-only unless --allow-ingest).
    Serve(ServeArgs),
    /// Score Dossier against annotated corpora.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Train Dossier's statistical models.
    #[command(subcommand)]
    Train(TrainCommand),
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
    /// Analysis threads (the store is written by one more). Default: the number of cores.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
    /// Give a document up (reported as failed, the rest go on) when its analysis takes longer
    /// than this many seconds. News articles take milliseconds; 16 MiB of text about 20 s.
    #[arg(long, value_name = "SECONDS", default_value_t = dossier_ingest::DEFAULT_DOC_BUDGET.as_secs_f64(),
          value_parser = parse_seconds)]
    pub doc_budget: f64,
    /// Also report skipped files and unreadable dates.
    #[arg(short, long)]
    pub verbose: bool,
    /// The publication date of every document that has none of its own (YYYY-MM-DD): a folder of
    /// saved articles from one day.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// The outlet of every document that names none of its own.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// For a document without a date, take one written in its file name (2016-08-25,
    /// 2016_08_25, 20160825), before --published.
    #[arg(long)]
    pub date_from_filename: bool,
    /// For a plain-text file NAME.txt, read its metadata from NAME.json (or NAME.txt.json) beside
    /// it: {"title","url","published","outlet","author"}, each optional. It comes before the file
    /// name and --published; a sidecar that cannot be read fails its document.
    #[arg(long)]
    pub sidecar: bool,
    /// Files or directories. In directories (read recursively, in sorted order) `.txt`, `.text`
    /// are plain text, `.jsonl`, `.ndjson` (optionally `.gz`) are JSON Lines with
    /// objects {url, title, published, text|html}, `.html`, `.htm` (optionally `.gz`) are web
    /// pages and `.warc`, `.warc.gz` are WARC archives; other files are skipped. A file named explicitly
    /// is read as JSON Lines when its name says so and as plain text otherwise.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompactArgs {
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, Args)]
pub struct ReanalyzeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Documents analysed and stored per transaction.
    #[arg(long, value_name = "N", default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
    /// Leave a document as it was (reported as failed) when its analysis takes longer than this.
    #[arg(long, value_name = "SECONDS", default_value_t = dossier_ingest::DEFAULT_DOC_BUDGET.as_secs_f64(),
          value_parser = parse_seconds)]
    pub doc_budget: f64,
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
pub struct DocumentsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Only documents with a heading of this verdict: supported, contradicted, unsupported,
    /// overstated.
    #[arg(long, value_name = "VERDICT", value_parser = ["supported", "contradicted", "unsupported", "overstated"])]
    pub headline: Option<String>,
    /// Print a JSON array of headline checks.
    #[arg(long)]
    pub json: bool,
    /// At most this many headline checks.
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
    /// Also show, under each entity, every alias with the evidence it joined on (same name,
    /// surname, middle initial, acronym, lexicon …) and the documents it came from
    /// (docs/ENTITIES.md); with --json, an `alias_evidence` array on each row.
    #[arg(long)]
    pub why: bool,
}

#[derive(Debug, Args)]
pub struct EntityArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// At most this many statements (and documents in the JSON timeline); counts per date are
    /// always complete.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
    /// The canonical name or any alias, in any case ("kcna", "North Korea").
    #[arg(value_name = "NAME", required = true)]
    pub name: Vec<String>,
}

#[derive(Debug, Args)]
pub struct QuantitiesArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Only numbers whose counted noun contains these words (case-insensitive), e.g. "troops".
    #[arg(long, value_name = "WORDS")]
    pub counted: Option<String>,
    /// Print a JSON array.
    #[arg(long)]
    pub json: bool,
    /// At most this many numbers.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub limit: usize,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score main-text extraction from HTML on the scrapinghub article-extraction benchmark
    /// layout (ground-truth.json + html/*.html.gz), exactly as shared/tools/score_html.py does.
    Extraction(EvalExtractionArgs),
    /// Score attributions against a PolNeAR-layout folder (text/*.txt, attributions/*.ann),
    /// exactly as shared/tools/score_polnear.py does.
    Attribution(EvalAttributionArgs),
    /// Score time expressions: TimeML .tml files (a folder or a .tar.gz) with TempEval-3's
    /// strict, relaxed and value F1, exactly as shared/tools/score_timex.py does; with
    /// --recognizers, Recognizers-Text DateTime specs.
    Time(EvalTimeArgs),
    /// Score numbers: NewsQuant/CQE JSON exactly as shared/tools/score_quantities.py does;
    /// quantulum3 tests and Recognizers-Text Number/NumberWithUnit specs are converted to it.
    Quantities(EvalQuantitiesArgs),
    /// Score the entity tagger on IOB2 (Universal NER), CoNLL-2003 or GUM CoNLL-U files: exact
    /// span + type micro F1 over PER/ORG/LOC (person → PER, organization → ORG, place → LOC).
    Ner(EvalNerArgs),
    /// Score events on PLOVER gold-standard records (JSON): event-type F1 and type+source+target
    /// F1, exactly as shared/tools/score_events.py does.
    Events(EvalEventsArgs),
    /// Run the stance model on FNC-1 pairs (STANCES: Headline, Body ID[, Stance]; BODIES: Body
    /// ID, articleBody; either may be gzipped), write FNC-1 predictions (Headline, Body ID,
    /// Stance) and, when STANCES has a Stance column, print the FNC score, per-class F1 and
    /// macro-F1 exactly as shared/tools/score_fnc.py does.
    Headlines(EvalHeadlinesArgs),
    /// Group Emergent article headlines into claims and read each one's stance (reads only
    /// articleId and articleHeadline); with gold columns, score exactly as
    /// shared/tools/score_emergent.py does (B-cubed F1, stance accuracy and macro-F1).
    Claims(EvalClaimsArgs),
    /// Cluster ECB+'s gold event mentions across documents (no topics given) and score MUC,
    /// B-cubed, CEAF-e and CoNLL F1 exactly as shared/tools/score_ecb.py does.
    EventCoref(EvalEventCorefArgs),
}

#[derive(Debug, Args)]
pub struct EvalClaimsArgs {
    /// Print the figures as a JSON object.
    #[arg(long)]
    pub json: bool,
    /// Write the predictions here, one JSON object a line ({"articleId", "claim", "stance"}).
    #[arg(long, value_name = "PRED.jsonl")]
    pub out: Option<PathBuf>,
    /// Attach a headline to a claim at this score instead of the claims layer's own (tuning).
    #[arg(long, value_name = "SCORE")]
    pub threshold: Option<f32>,
    /// An Emergent CSV file (.csv or .csv.gz).
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the entity tagger on GUM (dev/test documents of splits.md left out).
    Ner(TrainNerArgs),
    /// Build the word-rarity table the claims layer weighs wording with, from news text.
    Idf(TrainIdfArgs),
    /// Train the claim/body stance model on FNC-1's training pairs (the dev bodies of
    /// dev_body_ids.txt left out; a tenth of the other bodies tunes it).
    Stance(TrainStanceArgs),
}

#[derive(Debug, Args)]
pub struct TrainIdfArgs {
    /// News text, one sentence (or document) a line, optionally gzipped.
    #[arg(long, value_name = "FILE", default_value = "../shared/train/unlabelled/voa-news-sentences.txt.gz")]
    pub text: PathBuf,
    /// Leave out stems seen in fewer lines than this.
    #[arg(long, default_value_t = 2)]
    pub min_df: u32,
    /// Where to write the table.
    #[arg(long, value_name = "FILE", default_value = "resources/models/claims/word_idf.tsv")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct TrainStanceArgs {
    /// FNC-1 folder with train_stances.csv[.gz], train_bodies.csv[.gz] and dev_body_ids.txt.
    #[arg(long, value_name = "DIR", default_value = "../shared/eval/claims/fnc-1")]
    pub fnc: PathBuf,
    /// Body ids never trained or tuned on (default: dev_body_ids.txt in --fnc).
    #[arg(long, value_name = "FILE")]
    pub held_out: Option<PathBuf>,
    /// Every this-many-th training body (by id) tunes (epoch and decision offsets), not trains.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub tune_every: u32,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "resources/models/stance.bin")]
    pub out: PathBuf,
    /// Passes over the training pairs.
    #[arg(long, default_value_t = 20)]
    pub epochs: usize,
    /// Hidden units.
    #[arg(long, default_value_t = 64)]
    pub hidden: usize,
    /// Class weight = (pairs / (4 × pairs of the class))^power.
    #[arg(long, default_value_t = 0.5)]
    pub class_weight_power: f32,
    /// Dropout of the hidden units while training.
    #[arg(long, default_value_t = 0.3)]
    pub dropout: f32,
    /// Seed of the initial weights, the shuffles and dropout.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct EvalHeadlinesArgs {
    /// Stances CSV: Headline, Body ID and, for scoring, Stance.
    #[arg(value_name = "STANCES")]
    pub stances: PathBuf,
    /// Bodies CSV: Body ID, articleBody.
    #[arg(value_name = "BODIES")]
    pub bodies: PathBuf,
    /// Write the predictions here (FNC-1 format).
    #[arg(long, value_name = "PRED.csv")]
    pub out: Option<PathBuf>,
    /// Only the pairs of these bodies (one Body ID a line: FNC-1's dev_body_ids.txt).
    #[arg(long, value_name = "FILE")]
    pub bodies_in: Option<PathBuf>,
    /// A stance model file instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Print the figures as a JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// Folder of GUM CoNLL-U documents (.conllu or .conllu.gz).
    #[arg(long, value_name = "DIR", default_value = "../shared/train/ner/gum")]
    pub gum: PathBuf,
    /// GUM's splits.md (default: in --gum, else ../shared/eval/ner/gum-news/splits.md).
    #[arg(long, value_name = "FILE")]
    pub splits: Option<PathBuf>,
    /// Extra training files with gold tags (CoNLL-2003 or .iob2, optionally gzipped; CrossNER
    /// and WNUT-17 types are mapped, MISC/OTH tokens left unlabelled); never an evaluation set.
    /// The defaults are the shipped model's (resources/models/MODEL_CARD.md); `--conll none`
    /// trains on GUM alone.
    #[arg(
        long,
        value_name = "FILE",
        default_values = [
            "../shared/train/ner/uner-english-ewt-train/en_ewt-ud-train.iob2.gz",
            "../shared/train/ner/wikigold/wikigold.conll.txt.gz",
            "../shared/train/ner/crossner-politics/train.txt.gz",
            "../shared/train/ner/crossner-politics/dev.txt.gz",
        ]
    )]
    pub conll: Vec<PathBuf>,
    /// Also train on re3d (e.g. ../shared/train/re3d: one folder per source with documents.json,
    /// entities.json, LICENSE); sources whose LICENSE is non-commercial are left out. Not used
    /// for the shipped model: it lowered F1 on held-out GUM training documents (MODEL_CARD.md).
    #[arg(long, value_name = "DIR")]
    pub re3d: Option<PathBuf>,
    /// The lexicon folder whose gazetteers become features.
    #[arg(long, value_name = "DIR", default_value = "resources/lexicons")]
    pub lexicons: PathBuf,
    /// Extra given names (TSV, first column) for the gazetteer features.
    #[arg(long, value_name = "FILE", default_value = "resources/models/first_names.tsv")]
    pub names: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "resources/models/ner.bin")]
    pub out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// log2 of the number of feature hash buckets.
    #[arg(long, default_value_t = 19)]
    pub bits: u32,
    /// Share of training sentences also trained on in lower case (web text writes names so).
    #[arg(long, default_value_t = 0.0)]
    pub lowercase_share: f64,
    /// Extra copies of each training sentence with its names swapped for other names of the
    /// same kind from the lexicons (mention replacement; 0 = none).
    #[arg(long, default_value_t = 1)]
    pub replace_copies: usize,
    /// Train this many models on shuffles seeded seed, seed+1, … and ship the mean of their
    /// weights (parameter mixing).
    #[arg(long, default_value_t = 5)]
    pub average: u64,
    /// Seed of the per-epoch shuffle (training is deterministic for a given seed).
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Unlabelled text (one sentence or paragraph a line, optionally gzipped) to learn word
    /// clusters from; the training sentences' own tokens are added. `--unlabelled none`: no
    /// clusters.
    #[arg(
        long,
        value_name = "FILE",
        default_values = [
            "../shared/train/unlabelled/voa-news-sentences.txt.gz",
            "../shared/train/unlabelled/state-of-the-union.txt.gz",
        ]
    )]
    pub unlabelled: Vec<PathBuf>,
    /// Number of fine word clusters (a coarse clustering of an eighth as many comes with it).
    #[arg(long, default_value_t = 384)]
    pub clusters: usize,
}

#[derive(Debug, Args)]
pub struct EvalNerArgs {
    /// The model file.
    #[arg(long, value_name = "FILE", default_value = "resources/models/ner.bin")]
    pub model: PathBuf,
    /// Print the figures as a JSON object.
    #[arg(long)]
    pub json: bool,
    /// Also write the gold (as read, after mapping) as a CoNLL file `token tag`.
    #[arg(long, value_name = "FILE")]
    pub dump_gold: Option<PathBuf>,
    /// With --dump-gold, write `token predicted gold` lines instead (for error analysis).
    #[arg(long, requires = "dump_gold")]
    pub with_predictions: bool,
    /// Tag one raw text file instead and print {"mentions":[{start,end,kind,text}]} (byte
    /// offsets), the input contract of shared/tools/score_ner.py.
    #[arg(long)]
    pub text: bool,
    /// .iob2, CoNLL-2003 or GUM .conllu(.gz) files, or a re3d folder (../shared/train/re3d).
    #[arg(value_name = "FILE", required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvalTimeArgs {
    /// Print the figures as a JSON object.
    #[arg(long)]
    pub json: bool,
    /// Read Recognizers-Text DateTime specs (a spec file, or every DateTimeModel.json under a
    /// folder) instead of TimeML.
    #[arg(long)]
    pub recognizers: bool,
    /// Score only the first N documents (TimeML files in sorted order, or spec cases).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// After the scores, print the errors by kind (missed, spurious, span, value) and up to N
    /// examples of each, with their context.
    #[arg(long, value_name = "N")]
    pub errors: Option<usize>,
    /// A folder of .tml files, a .tar.gz of them, or (with --recognizers) specs.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct EvalQuantitiesArgs {
    /// Print the figures as a JSON object.
    #[arg(long)]
    pub json: bool,
    /// Score only the first N sentences of each file.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Also write the gold, converted to the NewsQuant/CQE format, to this file.
    #[arg(long, value_name = "FILE")]
    pub dump_gold: Option<PathBuf>,
    /// JSON files or folders of them (NewsQuant, quantulum3 or Recognizers-Text format).
    #[arg(value_name = "FILE|DIR", required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvalAttributionArgs {
    /// Print the figures as a JSON object.
    #[arg(long)]
    pub json: bool,
    /// Score only the first N annotation files (in sorted order).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// After the script's figures, print why gold relations were missed and the recall by cue
    /// and by content length.
    #[arg(long)]
    pub errors: bool,
    /// The folder holding text/ and attributions/.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Print {"title","author","published","site","url","language","text"} as JSON.
    #[arg(long)]
    pub json: bool,
    /// Refuse pages larger than this many bytes (after gunzip).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// An HTML page: .html, .htm, or either gzipped (.gz).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct EvalExtractionArgs {
    /// Print the figures as a JSON object.
    #[arg(long)]
    pub json: bool,
    /// Score only the first N pages (in key order).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// The benchmark folder holding ground-truth.json and html/.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    dossier_core::parse_published(s).ok_or_else(|| format!("not a date: {s:?} (expected YYYY-MM-DD)"))
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The port to listen on (0 picks a free one).
    #[arg(long, value_name = "N", default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on. The default serves this machine only.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Accept POST /api/documents (text, or JSON {url,title,published,text}) with the token.
    #[arg(long, requires = "token")]
    pub allow_ingest: bool,
    /// The bearer token that POST ingest requires.
    #[arg(long, value_name = "T", requires = "allow_ingest")]
    pub token: Option<String>,
    /// A posted document whose analysis takes longer than this many seconds is answered 422
    /// `over_budget` and not stored.
    #[arg(long, value_name = "SECONDS", default_value_t = dossier_ingest::DEFAULT_DOC_BUDGET.as_secs_f64(),
          value_parser = parse_seconds)]
    pub doc_budget: f64,
    /// Let web pages from this one origin (e.g. https://example.org) read the API.
    #[arg(long, value_name = "ORIGIN")]
    pub cors_origin: Option<String>,
    /// Refuse request bodies larger than this many bytes.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Also answer requests addressed to this host name (repeatable). Served on a loopback
    /// address, only localhost, 127.0.0.1 and [::1] are answered otherwise, so that a web page
    /// cannot reach the server through a DNS name it rebinds to this machine; served on another
    /// address without this option, any name is.
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Only events of this PLOVER type (AGREE, CONSULT, … FIGHT; REQUEST and ACCUSE are read as
    /// DEMAND and DISAPPROVE).
    #[arg(long = "type", value_name = "T")]
    pub kind: Option<String>,
    /// Only events whose source or target (as written, or its entity's name) contains NAME.
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Only events in documents published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Print a JSON array.
    #[arg(long)]
    pub json: bool,
    /// At most this many events.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub limit: usize,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Stored events as GDELT-like rows: date, actors, type, place, quantity, source URL and
    /// the byte offsets of the evidence (docs/events.md).
    Events(ExportEventsArgs),
    /// Claims with their reports, one row per report (csv) or one claim a line (jsonl, the
    /// `dossier claims --json` objects; docs/claims.md).
    Claims(ExportClaimsArgs),
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Only claims about this entity (its name or any alias).
    #[arg(long, value_name = "NAME")]
    pub about: Option<String>,
    /// Only claims first seen on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Only claims reported by at least this many documents.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_documents: u32,
    /// At most this many claims.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: u32,
    /// Print a JSON array of claims with their reports and numbers (docs/claims.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ClaimArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Show what tied each report to the claim: shared entities, event, number, wording score.
    #[arg(long)]
    pub why: bool,
    /// The claim's id (from `dossier claims`).
    #[arg(value_name = "ID")]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct DriftArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Only this claim's drift (its id, from `dossier claims`).
    #[arg(long, value_name = "ID")]
    pub claim: Option<String>,
    /// Print one JSON object: {"drifts": [...], "compared", "unchanged"} (docs/claims.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// A claim id, or an entity's name or alias.
    #[arg(value_name = "NAME|CLAIM_ID", required = true)]
    pub target: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExportClaimsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// csv: one row per report; jsonl: one claim a line.
    #[arg(long, value_name = "F", default_value = "csv", value_parser = ["csv", "jsonl"])]
    pub format: String,
    /// Only claims about this entity.
    #[arg(long, value_name = "NAME")]
    pub about: Option<String>,
    /// Only claims first seen on or after this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ExportEventsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Output format (only csv).
    #[arg(long, value_name = "F", default_value = "csv", value_parser = ["csv"])]
    pub format: String,
    /// Only events of this PLOVER type.
    #[arg(long = "type", value_name = "T")]
    pub kind: Option<String>,
    /// Only events whose source or target contains NAME.
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Only events in documents published on or after this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct EvalEventsArgs {
    /// Print the figures as a JSON object.
    #[arg(long)]
    pub json: bool,
    /// Score only the first N records.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print every record with the events found for it (to stderr).
    #[arg(short, long)]
    pub verbose: bool,
    /// The CAMEO → PLOVER table (CAMEO2PLOVER-2021.txt) that reads a PETRARCH2 unit-test file's
    /// codes; needed for an `.xml` FILE.
    #[arg(long, value_name = "TABLE")]
    pub cameo: Option<PathBuf>,
    /// The PETRARCH2 actor dictionary for an `.xml` FILE (default: PETR.Validate.actors.txt
    /// beside it).
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,
    /// A PLOVER gold-standard JSON file (e.g. PLOVER_GSR_CAMEO.json), or PETRARCH2's unit-test
    /// records (PETR.UnitTest.records.xml, with --cameo): sentences the event lexicons were not
    /// written from.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct EvalEventCorefArgs {
    /// Write the predictions here as JSON Lines: {"doc": "1_10ecb.xml", "m_id": "31", "cluster": 4}.
    #[arg(long, value_name = "PRED.jsonl")]
    pub out: Option<PathBuf>,
    /// Read only these topics' files (comma-separated, e.g. the dev topics 2,5,12,18,21,23,34,35),
    /// as a folder holding only them would; the clustering never sees a topic.
    #[arg(long, value_name = "N,N,…", value_delimiter = ',')]
    pub topics: Option<Vec<String>>,
    /// The same-head-stem baseline across all documents instead of Dossier's clustering.
    #[arg(long)]
    pub baseline: bool,
    /// The document clustering's threshold (TF-IDF cosine, average linkage).
    #[arg(long, value_name = "X")]
    pub doc_threshold: Option<f32>,
    /// The mention clustering's threshold (pair score, average linkage).
    #[arg(long, value_name = "X")]
    pub link_threshold: Option<f32>,
    /// The pair score's weights: same head, shared word, context, arguments, document, generic
    /// (comma-separated; the defaults are dossier_claims::event_coref::Params's).
    #[arg(long, value_name = "W,W,W,W,W,W", value_delimiter = ',')]
    pub weights: Option<Vec<f32>>,
    /// Print a grid of both thresholds, best first, instead of one run (for the training topics).
    #[arg(long)]
    pub tune: bool,
    /// Print the figures as a JSON object.
    #[arg(long)]
    pub json: bool,
    /// An ECB+ folder or .tar.gz (tokens and markables; relations, when present, are the gold).
    #[arg(value_name = "ECB+.tar.gz|DIR")]
    pub path: PathBuf,
}

/// A positive number of seconds, fractions allowed ("0.5", "120").
fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x > 0.0 && x.is_finite() && x <= 1e9 => Ok(x),
        _ => Err(format!("expected a positive number of seconds, found {s:?}")),
    }
}

impl IngestArgs {
    pub fn doc_budget(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(self.doc_budget)
    }
}
