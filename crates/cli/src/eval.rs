//! `dossier eval …`: parses nothing itself (clap did), reads the inputs through `dossier-eval`,
//! prints its reports and maps the outcome to an exit code. The scoring is in `crates/eval`.

use anyhow::{bail, Context, Result};
use dossier_eval::readers::{emergent, petrarch, plover, quantities};
use dossier_eval::tasks::{attribution, claims, event_coref, events, extraction, ner, time};
use dossier_eval::Analyzer;
use dossier_extract::Lexicons;

use crate::args::{
    EvalAttributionArgs, EvalClaimsArgs, EvalEventCorefArgs, EvalEventsArgs, EvalExtractionArgs, EvalHeadlinesArgs,
    EvalNerArgs, EvalQuantitiesArgs, EvalTimeArgs, DEFAULT_MAX_BYTES,
};
use crate::{emit, Exit};

/// The checks `dossier analyze` puts its input through.
fn check(bytes: Vec<u8>) -> Result<String, String> {
    crate::input::check_text(bytes, DEFAULT_MAX_BYTES).map_err(|e| e.to_string())
}

fn pipeline(lex: &Lexicons) -> Analyzer<'_> {
    Analyzer { lexicons: lex, check: &check }
}

/// Prints `value` as pretty JSON with `--json`, else the report's lines.
fn print(json: bool, value: &impl serde::Serialize, lines: impl FnOnce() -> String) -> Result<Exit> {
    if json {
        emit(&format!("{}\n", serde_json::to_string_pretty(value)?))?;
    } else {
        emit(&lines())?;
    }
    Ok(Exit::Success)
}

pub fn attribution(args: &EvalAttributionArgs, lex: &Lexicons) -> Result<Exit> {
    let s = attribution::score_dir(&args.dir, args.limit, &pipeline(lex))?;
    print(args.json, &s, || if args.errors { s.lines() + &s.errors.lines() } else { s.lines() })
}

pub fn time(args: &EvalTimeArgs, lex: &Lexicons) -> Result<Exit> {
    let mut s = if args.recognizers {
        time::score_recognizers(&args.path, args.limit, &pipeline(lex))?
    } else {
        time::score_timeml(&args.path, args.limit, &pipeline(lex))?
    };
    // The counts by kind always; the examples only when asked for (`--errors N`).
    match args.errors {
        Some(n) => s.errors.keep_examples(n),
        None => s.errors.examples.clear(),
    }
    print(args.json, &s, || match args.errors {
        Some(n) => s.lines() + &s.errors.lines(n),
        None => s.lines(),
    })
}

pub fn quantities(args: &EvalQuantitiesArgs, lex: &Lexicons) -> Result<Exit> {
    let mut sets = quantities::quantity_sets(&args.paths)?;
    if let Some(n) = args.limit {
        for set in &mut sets {
            set.records.truncate(n);
        }
    }
    if let Some(out) = &args.dump_gold {
        let all: Vec<&quantities::QuantRecord> = sets.iter().flat_map(|s| &s.records).collect();
        std::fs::write(out, serde_json::to_string_pretty(&all)? + "\n")
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    let report = dossier_eval::tasks::quantities::score_sets(&sets, &pipeline(lex));
    print(args.json, &report, || report.lines())
}

pub fn ner(a: &EvalNerArgs) -> Result<Exit> {
    let tagger = ner::load_model(&a.model)?;
    if a.text {
        let [path] = a.paths.as_slice() else {
            bail!("--text takes one file");
        };
        let text = dossier_eval::readers::read_text_maybe_gz(path)?;
        emit(&format!("{}\n", ner::tag_text(&tagger, &text)))?;
        return Ok(Exit::Success);
    }
    let dump = match (&a.dump_gold, a.with_predictions) {
        (None, _) => ner::Dump::None,
        (Some(_), false) => ner::Dump::Gold,
        (Some(_), true) => ner::Dump::WithPredictions,
    };
    let (report, conll) = ner::score_files(&tagger, &a.paths, dump, &mut |line| eprintln!("{line}"))?;
    if let Some(p) = &a.dump_gold {
        std::fs::write(p, conll).with_context(|| format!("writing {}", p.display()))?;
    }
    print(a.json, &report, || report.lines())
}

pub fn events(args: &EvalEventsArgs, lex: &Lexicons) -> Result<Exit> {
    let mut log = |line: &str| eprintln!("{line}");
    let log = args.verbose.then_some(&mut log as &mut dyn FnMut(&str));
    let s = if args.file.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) {
        let Some(cameo) = &args.cameo else {
            anyhow::bail!(
                "{} is PETRARCH2 unit-test XML: give the CAMEO → PLOVER table with --cameo",
                args.file.display()
            )
        };
        let table = petrarch::read_cameo_table(cameo)?;
        let records = petrarch::read_records(&args.file, &table)?;
        let actors_path = args.actors.clone().unwrap_or_else(|| args.file.with_file_name("PETR.Validate.actors.txt"));
        let actors = petrarch::read_actors(&actors_path)?;
        events::score_petrarch(&records, &actors, args.limit, &pipeline(lex), log)
    } else {
        events::score(&plover::read_file(&args.file)?, args.limit, &pipeline(lex), log)
    };
    print(args.json, &s, || s.lines())
}

pub fn claims(args: &EvalClaimsArgs) -> Result<Exit> {
    let rows = emergent::read_file(&args.file)?;
    let preds = claims::predict(&rows, args.threshold);
    if let Some(out) = &args.out {
        let mut text = String::new();
        for p in &preds {
            text.push_str(&serde_json::to_string(p)?);
            text.push('\n');
        }
        std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
    }
    match claims::score(&rows, &preds) {
        Some(s) => print(args.json, &s, || s.lines()),
        None => {
            emit(&format!("grouped {} headlines into {} claims (no gold to score)\n", rows.len(), {
                let mut c: Vec<_> = preds.iter().map(|p| &p.claim).collect();
                c.sort_unstable();
                c.dedup();
                c.len()
            }))?;
            Ok(Exit::Success)
        }
    }
}

pub fn extraction(args: &EvalExtractionArgs) -> Result<Exit> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let r = extraction::eval_dir(&args.dir, args.limit, threads)
        .with_context(|| format!("cannot score {}", args.dir.display()))?;
    print(args.json, &r, || r.lines())
}

pub fn event_coref(args: &EvalEventCorefArgs) -> Result<Exit> {
    let corpus = dossier_eval::readers::ecbplus::read(&args.path)
        .with_context(|| format!("cannot read {}", args.path.display()))?;
    let input = event_coref::input(&event_coref::select(corpus, args.topics.as_deref()));
    let defaults = dossier_claims::event_coref::Params::default();
    let mut params = dossier_claims::event_coref::Params {
        doc_threshold: args.doc_threshold.unwrap_or(defaults.doc_threshold),
        link_threshold: args.link_threshold.unwrap_or(defaults.link_threshold),
        ..defaults
    };
    if let Some(w) = &args.weights {
        let [a, b, c, d, e, f] = w[..] else { bail!("--weights takes six numbers") };
        (params.same_head, params.shared_word, params.context, params.arguments, params.document, params.generic) =
            (a, b, c, d, e, f);
    }
    if args.tune {
        let grid = |from: f32, to: f32, step: f32| {
            let n = ((to - from) / step).round() as usize;
            (0..=n).map(|i| from + step * i as f32).collect::<Vec<f32>>()
        };
        let rows = event_coref::tune(&input, params, &grid(0.05, 0.5, 0.05), &grid(0.2, 0.9, 0.05));
        if rows.is_empty() {
            bail!("--tune needs gold relations");
        }
        return print(args.json, &rows, || {
            rows.iter()
                .map(|r| {
                    format!(
                        "doc_threshold={:.2} link_threshold={:.2} ecb_conll_f1={:.3}\n",
                        r.doc_threshold, r.link_threshold, r.conll_f1
                    )
                })
                .collect()
        });
    }
    let system = if args.baseline { event_coref::System::SameHead } else { event_coref::System::Claims(params) };
    let run = event_coref::run(&input, system);
    if let Some(out) = &args.out {
        std::fs::write(out, run.jsonl()).with_context(|| format!("cannot write {}", out.display()))?;
    }
    eprintln!("documents={} pseudo_topics={} mentions={}", run.documents, run.pseudo_topics, run.labels.len());
    print(args.json, &run, || run.scores.as_ref().map(|s| s.lines()).unwrap_or_default())
}

pub fn headlines(a: &EvalHeadlinesArgs) -> Result<Exit> {
    use dossier_eval::readers::fnc;
    use dossier_eval::tasks::headlines;
    let model = match &a.model {
        Some(p) => {
            dossier_stance::StanceModel::load(&std::fs::read(p).with_context(|| format!("reading {}", p.display()))?)
                .with_context(|| p.display().to_string())?
        }
        None => dossier_extract::lexicon::stance_model()?.clone(),
    };
    let mut pairs = fnc::read_stances(&a.stances)?;
    let bodies = fnc::read_bodies(&a.bodies)?;
    if let Some(ids) = &a.bodies_in {
        let keep = headlines::read_body_ids(ids)?;
        pairs.retain(|p| keep.contains(&p.body_id));
    }
    let missing = pairs.iter().filter(|p| !bodies.contains_key(&p.body_id)).count();
    if missing > 0 {
        eprintln!(
            "warning: {missing} pairs name a body that {} does not hold; judged against an empty body",
            a.bodies.display()
        );
    }
    let labels = headlines::predict(&model, &pairs, &bodies);
    if let Some(out) = &a.out {
        std::fs::write(out, headlines::predictions_csv(&pairs, &labels)?)
            .with_context(|| format!("writing {}", out.display()))?;
    }
    if pairs.iter().any(|p| p.stance.is_some()) {
        let pred: Vec<(String, u32, String)> =
            pairs.iter().zip(&labels).map(|(p, l)| (p.headline.clone(), p.body_id, l.as_str().to_string())).collect();
        let s = headlines::score(&pairs, &pred);
        return print(a.json, &s, || s.lines());
    }
    let mut counts = [0usize; 4];
    for l in &labels {
        counts[*l as usize] += 1;
    }
    let line = headlines::LABELS.iter().zip(counts).map(|(l, n)| format!("{l}={n}")).collect::<Vec<_>>().join(" ");
    emit(&format!("pairs={} (no gold Stance column) {line}\n", pairs.len()))?;
    Ok(Exit::Success)
}
