//! The pipeline as data: an ordered list of [`Stage`]s, checked once when it is built.
//!
//! The standard list ([`Pipeline::standard`], docs/STAGES.md):
//!
//! | # | stage | requires | provides |
//! |---|---|---|---|
//! | 1 | `repair` | — | regions |
//! | 2 | `segment` | regions | tokens, sentences |
//! | 3 | `entities` | regions, tokens, sentences | entities |
//! | 4 | `attributions` | regions, tokens, sentences, entities | attributions |
//! | 5 | `resolve_actors` | entities, attributions | resolved_actors |
//! | 6 | `quantities` | tokens, sentences | quantities |
//! | 7 | `times` | tokens, sentences | times |
//! | 8 | `events` | regions, tokens, sentences, resolved_actors, quantities, times | events |
//! | 9 | `headlines` | regions, tokens, sentences | headlines |
//!
//! The CLI, the server, the evaluations and the benchmarks all run this one list, so what is
//! measured is what users run. Every analysis records the list's ids and versions, a digest of
//! the lexicons and models, and the run's switches ([`dossier_core::Provenance`]).
//!
//! ```
//! use dossier_core::{Document, Metadata};
//! use dossier_extract::{Lexicons, Pipeline};
//! let lex = Lexicons::builtin().unwrap();
//! let pipeline = Pipeline::standard();
//! let doc = Document::new("Ryder said the talks failed.".into(), Metadata::default());
//! let analysis = pipeline.analyze(&doc, &lex);
//! assert_eq!(analysis.attributions.len(), 1);
//! assert_eq!(analysis.provenance.stages.len(), pipeline.stages().len());
//! ```

mod stage;
pub mod stages;

use std::collections::BTreeSet;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use dossier_core::{Analysis, Document, Provenance, RunFlags, StageVersion};

pub use stage::{DocContext, Layer, Stage, StageInfo};

use crate::Lexicons;

/// `sha256:` over every file under resources/lexicons and resources/models (build.rs).
pub const RESOURCES_DIGEST: &str = env!("DOSSIER_RESOURCES_DIGEST");

/// Why a list of stages is not a pipeline.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    #[error("stage `{stage}` requires {layer}, which no earlier stage provides")]
    Missing { stage: &'static str, layer: &'static str },
    #[error("stage `{stage}` provides {layer}, which stage `{earlier}` already provided")]
    Twice { stage: &'static str, layer: &'static str, earlier: &'static str },
    #[error("two stages are called `{0}`")]
    DuplicateId(&'static str),
}

/// A document whose analysis ran past its time budget ([`Pipeline::analyze_within`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "analysis stopped after stage `{stage}` at {:.1} s, past the per-document budget of {:.1} s",
    elapsed.as_secs_f64(),
    budget.as_secs_f64()
)]
pub struct OverBudget {
    /// The stage after which the budget was found spent.
    pub stage: &'static str,
    pub elapsed: Duration,
    pub budget: Duration,
}

/// An ordered, checked list of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    /// Each stage's id and version, in order: what every analysis records.
    versions: Vec<StageVersion>,
}

static STANDARD: LazyLock<Pipeline> = LazyLock::new(Pipeline::standard);

impl Pipeline {
    /// Checks that every stage's requirements are provided by an earlier stage, that no layer
    /// is provided twice and that ids are unique (as spaCy's `pipe_analysis` does).
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, PipelineError> {
        let mut provided: Vec<(Layer, &'static str)> = Vec::new();
        let mut ids = BTreeSet::new();
        for stage in &stages {
            let info = stage.info();
            if !ids.insert(info.id) {
                return Err(PipelineError::DuplicateId(info.id));
            }
            if let Some(&layer) = info.requires.iter().find(|l| !provided.iter().any(|(p, _)| p == *l)) {
                return Err(PipelineError::Missing { stage: info.id, layer: layer.as_str() });
            }
            for &layer in info.provides {
                if let Some(&(_, earlier)) = provided.iter().find(|(p, _)| *p == layer) {
                    return Err(PipelineError::Twice { stage: info.id, layer: layer.as_str(), earlier });
                }
                provided.push((layer, info.id));
            }
        }
        let versions = stages
            .iter()
            .map(|s| {
                let info = s.info();
                StageVersion { id: info.id.to_string(), version: info.version }
            })
            .collect();
        Ok(Pipeline { stages, versions })
    }

    /// Dossier's pipeline: repair → segment → entities → attributions → resolve_actors →
    /// quantities → times → events → headlines.
    pub fn standard() -> Pipeline {
        Pipeline::new(stages::standard_list()).expect("the standard pipeline is well formed (tested)")
    }

    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    /// The provenance every analysis of this pipeline with these lexicons records.
    pub fn provenance(&self, lex: &Lexicons) -> Provenance {
        Provenance {
            stages: self.versions.clone(),
            resources: RESOURCES_DIGEST.to_string(),
            flags: RunFlags { rules_only: lex.rules_only, no_tagger: lex.tagger.is_none() },
        }
    }

    /// Runs the first `n` stages over a document (benchmarks time one stage on the output of
    /// the ones before it).
    pub fn run_prefix<'d>(&self, doc: &'d Document, lex: &Lexicons, n: usize) -> DocContext<'d> {
        let mut cx = DocContext::new(doc);
        for stage in self.stages.iter().take(n) {
            stage.run(&mut cx, lex);
        }
        cx
    }

    /// Analyses one document. Never panics on any UTF-8 text.
    pub fn analyze(&self, doc: &Document, lex: &Lexicons) -> Analysis {
        let mut analysis = self.run_prefix(doc, lex, self.stages.len()).analysis;
        analysis.provenance = self.provenance(lex);
        analysis
    }

    /// Analyses one document unless it takes longer than `budget`: the clock is read after each
    /// stage, and the analysis given up (nothing of it kept) once the budget is spent. Every
    /// stage is linear in the document's length (tests/regressions.rs, docs/ROBUSTNESS.md), so
    /// a stage runs at most a fraction of the whole; the budget is the guard for what those
    /// measurements missed, so that one document cannot hold a batch up for ever.
    pub fn analyze_within(&self, doc: &Document, lex: &Lexicons, budget: Duration) -> Result<Analysis, OverBudget> {
        let start = Instant::now();
        let mut cx = DocContext::new(doc);
        for stage in &self.stages {
            stage.run(&mut cx, lex);
            let elapsed = start.elapsed();
            if elapsed > budget {
                return Err(OverBudget { stage: stage.info().id, elapsed, budget });
            }
        }
        let mut analysis = cx.analysis;
        analysis.provenance = self.provenance(lex);
        Ok(analysis)
    }
}

/// Analyses one document with the standard pipeline (built once per process).
pub fn analyze(doc: &Document, lex: &Lexicons) -> Analysis {
    STANDARD.analyze(doc, lex)
}

/// The standard pipeline, built once per process.
pub fn standard() -> &'static Pipeline {
    &STANDARD
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(StageInfo);

    impl Stage for Fake {
        fn info(&self) -> StageInfo {
            self.0
        }
        fn run(&self, _: &mut DocContext<'_>, _: &Lexicons) {}
    }

    fn fake(id: &'static str, requires: &'static [Layer], provides: &'static [Layer]) -> Box<dyn Stage> {
        Box::new(Fake(StageInfo { id, version: 1, requires, provides }))
    }

    #[test]
    fn the_standard_list_is_well_formed() {
        let p = Pipeline::standard();
        let ids: Vec<_> = p.stages().iter().map(|s| s.info().id).collect();
        assert_eq!(
            ids,
            [
                "repair",
                "segment",
                "entities",
                "attributions",
                "resolve_actors",
                "quantities",
                "times",
                "events",
                "headlines"
            ]
        );
    }

    #[test]
    fn a_requirement_nobody_provides_is_an_error() {
        let err =
            Pipeline::new(vec![fake("a", &[], &[Layer::Regions]), fake("b", &[Layer::Tokens], &[])]).err().unwrap();
        assert_eq!(err, PipelineError::Missing { stage: "b", layer: "tokens" });
        // Order matters: a layer provided later does not count.
        let err =
            Pipeline::new(vec![fake("b", &[Layer::Tokens], &[]), fake("a", &[], &[Layer::Tokens])]).err().unwrap();
        assert_eq!(err.to_string(), "stage `b` requires tokens, which no earlier stage provides");
    }

    #[test]
    fn a_layer_provided_twice_or_a_repeated_id_is_an_error() {
        let twice = Pipeline::new(vec![fake("a", &[], &[Layer::Tokens]), fake("b", &[], &[Layer::Tokens])]);
        assert_eq!(twice.err(), Some(PipelineError::Twice { stage: "b", layer: "tokens", earlier: "a" }));
        let same = Pipeline::new(vec![fake("a", &[], &[]), fake("a", &[], &[])]);
        assert_eq!(same.err(), Some(PipelineError::DuplicateId("a")));
    }

    #[test]
    fn a_spent_budget_gives_the_analysis_up_after_a_stage() {
        let lex = Lexicons::rules_only().unwrap();
        let doc = Document::new("Ryder said the talks failed.".into(), dossier_core::Metadata::default());
        let p = Pipeline::standard();
        let over = p.analyze_within(&doc, &lex, Duration::ZERO).unwrap_err();
        assert_eq!(over.stage, "repair");
        assert!(over.to_string().contains("past the per-document budget of 0.0 s"), "{over}");
        let within = p.analyze_within(&doc, &lex, Duration::from_secs(3600)).unwrap();
        assert_eq!(within, p.analyze(&doc, &lex));
    }

    #[test]
    fn provenance_names_every_stage_and_the_switches() {
        let lex = Lexicons::rules_only().unwrap().without_tagger();
        let p = Pipeline::standard().provenance(&lex);
        assert_eq!(p.stages.len(), 9);
        assert!(p.resources.starts_with("sha256:") && p.resources.len() == 7 + 64, "{}", p.resources);
        assert_eq!(p.flags, RunFlags { rules_only: true, no_tagger: true });
        assert_ne!(p.key(), Pipeline::standard().provenance(&Lexicons::builtin().unwrap()).key());
    }
}
