//! Training (feature `train`): IDF from the training bodies, features for every pair once, then
//! the network by mini-batch Adam (lazy on the sparse rows) with hidden-unit dropout and class
//! weights (inverse frequency to a power, so that the rare disagree class counts). After each
//! epoch the model is scored on the tuning pairs (FNC-1 relative score + macro-F1); the best epoch
//! is kept, and last the decision offsets of agree and disagree are chosen on the same pairs.
//! Deterministic: the same data and seed give the same bytes.

// The training loop indexes parallel arrays (weights, gradients, Adam moments) by one index: clearer
// as index loops than as zips of four iterators.
#![allow(clippy::needless_range_loop)]

use crate::features::{self, PreparedBody, DENSE, SPARSE};
use crate::model::{argmax, softmax, IdfTable, Net, StanceModel, IDF_BITS};
use crate::{text, Label, Result};

/// One training pair: a claim, the index of its body, its gold label.
#[derive(Debug, Clone)]
pub struct Example {
    pub claim: String,
    pub body: usize,
    pub label: Label,
}

#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub hidden: usize,
    pub epochs: usize,
    pub batch: usize,
    pub learning_rate: f32,
    pub dropout: f32,
    /// Class weight = (pairs / (4 × pairs of the class))^power.
    pub class_weight_power: f32,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            hidden: 64,
            epochs: 20,
            batch: 32,
            learning_rate: 1e-3,
            dropout: 0.3,
            class_weight_power: 0.5,
            seed: 7,
        }
    }
}

/// FNC-1 figures of a set of predictions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    /// The FNC-1 score as a share of the best possible.
    pub relative: f64,
    pub f1: [f64; 4],
    pub macro_f1: f64,
}

impl Metrics {
    /// Scores predictions against gold labels as `shared/tools/score_fnc.py` does.
    pub fn of(gold: &[Label], pred: &[Label]) -> Metrics {
        let (mut score, mut best) = (0.0, 0.0);
        let mut c = [[0usize; 3]; 4];
        for (&g, &p) in gold.iter().zip(pred) {
            best += if g == Label::Unrelated { 0.25 } else { 1.0 };
            if p == g {
                score += if g == Label::Unrelated { 0.25 } else { 0.75 };
                c[g as usize][0] += 1;
            } else {
                c[g as usize][2] += 1;
                c[p as usize][1] += 1;
            }
            if g != Label::Unrelated && p != Label::Unrelated {
                score += 0.25;
            }
        }
        let f1 = c.map(|[tp, fp, fn_]| if tp == 0 { 0.0 } else { 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64 });
        Metrics { relative: if best > 0.0 { score / best } else { 0.0 }, f1, macro_f1: f1.iter().sum::<f64>() / 4.0 }
    }

    fn objective(&self) -> f64 {
        self.relative + self.macro_f1
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    fn normal(&mut self) -> f32 {
        let (a, b) = (self.unit().max(1e-7), self.unit());
        (-2.0 * a.ln()).sqrt() * (std::f32::consts::TAU * b).cos()
    }
}

fn idf_table(bodies: &[&str]) -> Result<IdfTable> {
    let lists = text::words()?;
    let mut df = vec![0u32; 1 << IDF_BITS];
    for b in bodies {
        let spans = text::word_spans(b);
        let mut stems: Vec<u64> = text::analyse(b, &spans, lists).iter().map(|w| w.stem >> (64 - IDF_BITS)).collect();
        stems.sort_unstable();
        stems.dedup();
        for s in stems {
            df[s as usize] += 1;
        }
    }
    let n = bodies.len() as f32;
    let idf = |d: u32| ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0;
    let unseen = idf(0);
    let scale = unseen / 255.0;
    let buckets =
        df.iter().map(|&d| if d == 0 { 0 } else { (idf(d) / scale).round().clamp(1.0, 255.0) as u8 }).collect();
    Ok(IdfTable { buckets, scale, unseen })
}

struct Prepared {
    inputs: Vec<(u32, f32)>,
    label: Label,
    coverage: f32,
    predicate_coverage: f32,
}

/// Trains a model on `train` pairs; `tune` pairs (other bodies) choose the epoch and the decision
/// offsets. `progress` hears one line an epoch.
pub fn train(
    bodies: &[String],
    train: &[Example],
    tune: &[Example],
    cfg: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> Result<(StanceModel, Metrics)> {
    let mut used: Vec<usize> = train.iter().map(|e| e.body).collect();
    used.sort_unstable();
    used.dedup();
    let idf = idf_table(&used.iter().map(|&b| bodies[b].as_str()).collect::<Vec<_>>())?;
    let h = cfg.hidden.max(1);
    let mut rng = Rng(cfg.seed);
    let rows = SPARSE + DENSE;
    let init = |rng: &mut Rng, n: usize, fan_in: f32| (0..n).map(|_| rng.normal() * (2.0 / fan_in).sqrt()).collect();
    let net = Net {
        hidden: h,
        w1: init(&mut rng, rows * h, 64.0),
        b1: vec![0.0; h],
        w2: init(&mut rng, h * 4, h as f32),
        b2: [0.0; 4],
    };
    let mut model = StanceModel {
        idf,
        mean: [0.0; DENSE],
        std: [1.0; DENSE],
        net,
        offsets: [0.0; 4],
        support_floor: 0.0,
        predicate_floor: 0.0,
        words: text::words()?,
    };

    // Features of every pair, once (bodies prepared once each).
    let mut prepared: Vec<Option<PreparedBody>> = vec![None; bodies.len()];
    for e in train.iter().chain(tune) {
        if prepared[e.body].is_none() {
            prepared[e.body] = Some(model.prepare(&bodies[e.body], None));
        }
    }
    let dense_of = |e: &Example| {
        let body = prepared[e.body].as_ref().expect("prepared above");
        features::features(&e.claim, body, &model.idf, model.words).dense
    };
    let mut sum = [0f64; DENSE];
    let mut sq = [0f64; DENSE];
    for e in train {
        for (d, x) in dense_of(e).iter().enumerate() {
            sum[d] += f64::from(*x);
            sq[d] += f64::from(*x) * f64::from(*x);
        }
    }
    let n = train.len().max(1) as f64;
    for d in 0..DENSE {
        let m = sum[d] / n;
        model.mean[d] = m as f32;
        model.std[d] = ((sq[d] / n - m * m).max(0.0).sqrt() as f32).max(1e-3);
    }
    let build = |set: &[Example]| -> Vec<Prepared> {
        set.iter()
            .map(|e| {
                let body = prepared[e.body].as_ref().expect("prepared above");
                let (inputs, f) = model.inputs(&e.claim, body);
                Prepared { inputs, label: e.label, coverage: f.coverage, predicate_coverage: f.predicate_coverage }
            })
            .collect()
    };
    let train_set = build(train);
    let tune_set = build(tune);
    progress(&format!("features: {} training pairs, {} tuning pairs", train_set.len(), tune_set.len()));

    let mut counts = [0f32; 4];
    for p in &train_set {
        counts[p.label as usize] += 1.0;
    }
    let total: f32 = counts.iter().sum();
    let weights = counts.map(|c| if c > 0.0 { (total / (4.0 * c)).powf(cfg.class_weight_power) } else { 0.0 });

    let mut adam = Adam::new(&model.net);
    let mut order: Vec<usize> = (0..train_set.len()).collect();
    let mut best: Option<(f64, Net, Metrics)> = None;
    let mut grads = Grads::new(&model.net);
    for epoch in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let mut loss = 0.0;
        for batch in order.chunks(cfg.batch.max(1)) {
            grads.clear();
            for &i in batch {
                loss += step(&model.net, &train_set[i], weights, cfg.dropout, &mut rng, &mut grads);
            }
            adam.update(&mut model.net, &mut grads, cfg.learning_rate, batch.len() as f32);
        }
        let m = evaluate(&model, &tune_set, [0.0; 4]);
        progress(&format!(
            "epoch {:>2}: loss {:.4}, tuning FNC {:.4}, macro-F1 {:.3}, F1 agree {:.3} disagree {:.3} discuss {:.3} unrelated {:.3}",
            epoch + 1,
            loss / train_set.len().max(1) as f32,
            m.relative,
            m.macro_f1,
            m.f1[0],
            m.f1[1],
            m.f1[2],
            m.f1[3]
        ));
        if best.as_ref().is_none_or(|b| m.objective() > b.0) {
            best = Some((m.objective(), model.net.clone(), m));
        }
    }
    if let Some((_, net, _)) = best {
        model.net = net;
    }
    // Quantise as the file does, then choose the offsets on what will ship.
    let mut model = StanceModel::load(&model.save())?;
    let mut chosen = ([0.0; 4], evaluate(&model, &tune_set, [0.0; 4]));
    for a in -4..=8 {
        for d in -4..=12 {
            let off = [a as f32 * 0.25, d as f32 * 0.25, 0.0, 0.0];
            let m = evaluate(&model, &tune_set, off);
            if m.objective() > chosen.1.objective() + 1e-9 {
                chosen = (off, m);
            }
        }
    }
    model.offsets = chosen.0;
    // The coverage that all but `percent` % of the tuning split's agreeing and discussing pairs reach.
    let floor = |percent: usize, of: fn(&Prepared) -> f32| {
        let mut v: Vec<f32> =
            tune_set.iter().filter(|p| matches!(p.label, Label::Agree | Label::Discuss)).map(of).collect();
        v.sort_by(f32::total_cmp);
        v.get(v.len() * percent / 100).copied().unwrap_or(0.0)
    };
    model.support_floor = floor(10, |p| p.coverage);
    // Lower than the support floor's: a heading's predicate words are few, so one synonym
    // ("urges" for "said … should") moves the share a long way (docs/headlines.md).
    model.predicate_floor = floor(5, |p| p.predicate_coverage);
    progress(&format!(
        "support floor (10th percentile of agree/discuss coverage): {:.3}; predicate floor (5th percentile): {:.3}",
        model.support_floor, model.predicate_floor
    ));
    progress(&format!(
        "offsets agree {:+.2} disagree {:+.2}: tuning FNC {:.4}, macro-F1 {:.3}, F1 disagree {:.3}",
        chosen.0[0], chosen.0[1], chosen.1.relative, chosen.1.macro_f1, chosen.1.f1[1]
    ));
    Ok((model, chosen.1))
}

fn evaluate(model: &StanceModel, set: &[Prepared], offsets: [f32; 4]) -> Metrics {
    let mut hidden = Vec::new();
    let mut gold = Vec::with_capacity(set.len());
    let mut pred = Vec::with_capacity(set.len());
    for p in set {
        let mut z = model.net.forward(&p.inputs, &mut hidden);
        for k in 0..4 {
            z[k] += offsets[k];
        }
        gold.push(p.label);
        pred.push(Label::ALL[argmax(&z)]);
    }
    Metrics::of(&gold, &pred)
}

struct Grads {
    w1: Vec<f32>,
    touched: Vec<u32>,
    mark: Vec<bool>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: [f32; 4],
}

impl Grads {
    fn new(net: &Net) -> Grads {
        Grads {
            w1: vec![0.0; net.w1.len()],
            touched: Vec::new(),
            mark: vec![false; net.w1.len() / net.hidden],
            b1: vec![0.0; net.hidden],
            w2: vec![0.0; net.w2.len()],
            b2: [0.0; 4],
        }
    }
    fn clear(&mut self) {
        for &r in &self.touched {
            self.mark[r as usize] = false;
        }
        self.touched.clear();
        self.b1.iter_mut().for_each(|x| *x = 0.0);
        self.w2.iter_mut().for_each(|x| *x = 0.0);
        self.b2 = [0.0; 4];
    }
}

/// Forward and backward over one example; returns its weighted loss.
fn step(net: &Net, p: &Prepared, weights: [f32; 4], dropout: f32, rng: &mut Rng, g: &mut Grads) -> f32 {
    let h = net.hidden;
    let mut pre = net.b1.clone();
    for &(row, v) in &p.inputs {
        let w = &net.w1[row as usize * h..(row as usize + 1) * h];
        for (a, w) in pre.iter_mut().zip(w) {
            *a += v * w;
        }
    }
    let keep = 1.0 - dropout;
    let mask: Vec<f32> = (0..h).map(|_| if rng.unit() < keep { 1.0 / keep } else { 0.0 }).collect();
    let act: Vec<f32> = pre.iter().zip(&mask).map(|(a, m)| a.max(0.0) * m).collect();
    let mut z = net.b2;
    for (j, a) in act.iter().enumerate() {
        for k in 0..4 {
            z[k] += a * net.w2[j * 4 + k];
        }
    }
    let prob = softmax(z);
    let y = p.label as usize;
    let wy = weights[y];
    let mut dz = prob.map(|q| q * wy);
    dz[y] -= wy;
    let mut dh = vec![0.0; h];
    for j in 0..h {
        let mut s = 0.0;
        for k in 0..4 {
            g.w2[j * 4 + k] += act[j] * dz[k];
            s += net.w2[j * 4 + k] * dz[k];
        }
        dh[j] = if pre[j] > 0.0 { s * mask[j] } else { 0.0 };
        g.b1[j] += dh[j];
    }
    for k in 0..4 {
        g.b2[k] += dz[k];
    }
    for &(row, v) in &p.inputs {
        let r = row as usize;
        if !g.mark[r] {
            g.mark[r] = true;
            g.touched.push(row);
            g.w1[r * h..(r + 1) * h].iter_mut().for_each(|x| *x = 0.0);
        }
        for (gw, d) in g.w1[r * h..(r + 1) * h].iter_mut().zip(&dh) {
            *gw += v * d;
        }
    }
    -wy * prob[y].max(1e-12).ln()
}

struct Adam {
    m1: Vec<f32>,
    v1: Vec<f32>,
    mb1: Vec<f32>,
    vb1: Vec<f32>,
    m2: Vec<f32>,
    v2: Vec<f32>,
    mb2: [f32; 4],
    vb2: [f32; 4],
    t: i32,
}

const BETA1: f32 = 0.9;
const BETA2: f32 = 0.999;

fn adam_one(w: &mut f32, g: f32, m: &mut f32, v: &mut f32, lr: f32) {
    *m = BETA1 * *m + (1.0 - BETA1) * g;
    *v = BETA2 * *v + (1.0 - BETA2) * g * g;
    *w -= lr * *m / (v.sqrt() + 1e-8);
}

impl Adam {
    fn new(net: &Net) -> Adam {
        Adam {
            m1: vec![0.0; net.w1.len()],
            v1: vec![0.0; net.w1.len()],
            mb1: vec![0.0; net.hidden],
            vb1: vec![0.0; net.hidden],
            m2: vec![0.0; net.w2.len()],
            v2: vec![0.0; net.w2.len()],
            mb2: [0.0; 4],
            vb2: [0.0; 4],
            t: 0,
        }
    }

    fn update(&mut self, net: &mut Net, g: &mut Grads, lr: f32, n: f32) {
        self.t += 1;
        let lr = lr * (1.0 - BETA2.powi(self.t)).sqrt() / (1.0 - BETA1.powi(self.t));
        let h = net.hidden;
        for &row in &g.touched {
            let r = row as usize * h;
            for i in r..r + h {
                adam_one(&mut net.w1[i], g.w1[i] / n, &mut self.m1[i], &mut self.v1[i], lr);
            }
        }
        for i in 0..h {
            adam_one(&mut net.b1[i], g.b1[i] / n, &mut self.mb1[i], &mut self.vb1[i], lr);
        }
        for i in 0..net.w2.len() {
            adam_one(&mut net.w2[i], g.w2[i] / n, &mut self.m2[i], &mut self.v2[i], lr);
        }
        for k in 0..4 {
            adam_one(&mut net.b2[k], g.b2[k] / n, &mut self.mb2[k], &mut self.vb2[k], lr);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_follow_the_fnc_scorer() {
        use Label::*;
        // score_fnc.py on these: 0.25+0.75 (agree right) + 0.25 (disagree as discuss) + 0.25
        // (unrelated right) + 0 (discuss as unrelated) over 1+1+1+0.25.
        let m = Metrics::of(&[Agree, Disagree, Unrelated, Discuss], &[Agree, Discuss, Unrelated, Unrelated]);
        assert!((m.relative - 1.5 / 3.25).abs() < 1e-12);
        assert_eq!(m.f1[0], 1.0);
        assert_eq!(m.f1[1], 0.0);
        assert!((m.f1[3] - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_tiny_model_learns_related_from_unrelated_and_round_trips() {
        let bodies: Vec<String> = vec![
            "Police found the missing dog in Paris on Sunday. The dog is well.".into(),
            "The central bank raised interest rates again. Markets fell.".into(),
            "A hoax claimed a giant spider was found. Experts said it is fake.".into(),
        ];
        let ex = |c: &str, b, l| Example { claim: c.into(), body: b, label: l };
        let mut set = Vec::new();
        for _ in 0..20 {
            set.push(ex("Missing dog found in Paris", 0, Label::Agree));
            set.push(ex("Missing dog found in Paris", 1, Label::Unrelated));
            set.push(ex("Bank raises interest rates", 1, Label::Agree));
            set.push(ex("Bank raises interest rates", 2, Label::Unrelated));
            set.push(ex("Giant spider found", 2, Label::Disagree));
            set.push(ex("Giant spider found", 0, Label::Unrelated));
        }
        let cfg = TrainConfig { epochs: 15, hidden: 8, ..TrainConfig::default() };
        let (model, m) = train(&bodies, &set, &set, &cfg, &mut |_| {}).unwrap();
        assert!(m.relative > 0.9, "{m:?}");
        let again = StanceModel::load(&model.save()).unwrap();
        let j = again.judge("Missing dog found in Paris", &bodies[0]);
        assert_eq!(j.label, Label::Agree);
        assert_eq!(&bodies[0][j.evidence[0].clone()], "Police found the missing dog in Paris on Sunday.");
        assert_eq!(again.judge("Giant spider found", &bodies[2]).label, Label::Disagree);
        assert!(matches!(StanceModel::load(b"nope"), Err(crate::Error::Corrupt(_) | crate::Error::BadModel)));
        assert!(StanceModel::load(&model.save()[..100]).is_err());
    }
}
