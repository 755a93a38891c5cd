//! The `dossier` binary: parses arguments, runs one command, maps the outcome to an exit code
//! (0 success, 1 some inputs failed but the rest was processed, or the entity asked for is not
//! stored, 2 usage or fatal error).

mod analyze;
mod args;
mod claims_cmd;
mod compact;
mod drift_cmd;
mod eval;
mod events_cmd;
mod ingest;
/// Reading inputs lives in dossier-ingest, shared with the server.
use dossier_ingest::input;
mod numbers_query;
mod query;
mod reanalyze;
mod report;
mod serve;
mod train;
mod web_cmd;
mod web_ingest;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command, EvalCommand, ExportCommand, TrainCommand};

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success,
    /// Some inputs failed (each already reported); the rest was processed.
    Partial,
    /// What was asked for is not in the store (already reported).
    NotFound,
}

/// Writes to stdout; a closed pipe (`dossier … | head`) ends the program quietly.
pub fn emit(s: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        r => Ok(r?),
    }
}

fn main() -> ExitCode {
    // clap exits with 2 on usage errors and 0 for --help/--version.
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Analyze(a) => cli.lexicons().and_then(|lex| analyze::run(a, &lex)),
        Command::Extract(a) => web_cmd::extract(a),
        Command::Ingest(a) => cli.lexicons().and_then(|lex| ingest::run(a, &lex)),
        Command::Reanalyze(a) => cli.lexicons().and_then(|lex| reanalyze::run(a, &lex)),
        Command::Compact(a) => compact::run(a),
        Command::Search(a) => query::search(a),
        Command::Statements(a) => query::statements(a),
        Command::Documents(a) => query::documents(a),
        Command::Entities(a) => query::entities(a),
        Command::Entity(a) => query::entity(a),
        Command::Quantities(a) => numbers_query::run(a),
        Command::Events(a) => events_cmd::list(a),
        Command::Export(ExportCommand::Events(a)) => events_cmd::export(a),
        Command::Export(ExportCommand::Claims(a)) => claims_cmd::export(a),
        Command::Claims(a) => claims_cmd::list(a),
        Command::Claim(a) => claims_cmd::show(a),
        Command::Timeline(a) => claims_cmd::timeline(a),
        Command::Drift(a) => drift_cmd::run(a),
        Command::Serve(a) => serve::run(a, &cli),
        Command::Eval(EvalCommand::Extraction(a)) => eval::extraction(a),
        Command::Eval(EvalCommand::Attribution(a)) => cli.lexicons().and_then(|lex| eval::attribution(a, &lex)),
        Command::Eval(EvalCommand::Time(a)) => cli.lexicons().and_then(|lex| eval::time(a, &lex)),
        Command::Eval(EvalCommand::Quantities(a)) => cli.lexicons().and_then(|lex| eval::quantities(a, &lex)),
        Command::Eval(EvalCommand::Ner(a)) => eval::ner(a),
        Command::Eval(EvalCommand::Claims(a)) => eval::claims(a),
        Command::Eval(EvalCommand::Events(a)) => cli.lexicons().and_then(|lex| eval::events(a, &lex)),
        Command::Eval(EvalCommand::EventCoref(a)) => eval::event_coref(a),
        Command::Train(TrainCommand::Ner(a)) => train::train_ner(a),
        Command::Train(TrainCommand::Idf(a)) => train::train_idf(a),
        Command::Eval(EvalCommand::Headlines(a)) => eval::headlines(a),
        Command::Train(TrainCommand::Stance(a)) => train::train_stance(a),
    };
    match outcome {
        Ok(Exit::Success) => ExitCode::SUCCESS,
        Ok(Exit::Partial | Exit::NotFound) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
