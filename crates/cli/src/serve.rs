//! `dossier serve`: the HTTP API and web page over a store (crates/server).

use std::net::SocketAddr;

use anyhow::{bail, Context, Result};
use dossier_server::{Config, IngestConfig};

use crate::args::{Cli, ServeArgs};
use crate::Exit;

pub fn run(args: &ServeArgs, cli: &Cli) -> Result<Exit> {
    let db = &args.db.db;
    // Read-only serving never creates a database; an ingesting server may start from nothing.
    if !args.allow_ingest && !db.exists() {
        bail!("no database at {} (run `dossier ingest` first, pass --db, or serve with --allow-ingest)", db.display());
    }
    let ingest = match (&args.token, args.allow_ingest) {
        (Some(token), true) => {
            if token.trim().len() < 8 {
                bail!("--token must be at least 8 characters");
            }
            let mut ingest = IngestConfig::new(token.trim().to_string(), cli.lexicons()?);
            ingest.budget = std::time::Duration::from_secs_f64(args.doc_budget);
            Some(ingest)
        }
        _ => None,
    };
    if !args.bind.is_loopback() {
        eprintln!("warning: serving on {} makes the store readable from other machines", args.bind);
    }
    let mut hosts = args.allow_host.clone();
    if args.bind.is_loopback() {
        hosts.extend(dossier_server::LOOPBACK_HOSTS.map(String::from));
    }
    let config = Config {
        ingest,
        cors_origin: args.cors_origin.clone(),
        max_body: usize::try_from(args.max_bytes).unwrap_or(usize::MAX),
        // No names at all (another address, no --allow-host): any name is answered.
        allowed_hosts: (!hosts.is_empty()).then_some(hosts),
        ..Config::new(db.clone())
    };
    dossier_server::run(config, SocketAddr::new(args.bind, args.port))
        .with_context(|| format!("cannot serve {}", db.display()))?;
    Ok(Exit::Success)
}
