//! Entities: people, organisations, places and groups, with titles and roles, resolved within
//! the document (Ryder → Patrick Ryder, DoD → Department of Defense, He → Zelensky).
//!
//! A first, rule-based layer: capitalised runs are split into titles, known names (gazetteers in
//! `resources/lexicons/`) and unknown names, which are typed from their context (a title before a
//! person, an organisation keyword, a given name).

use std::collections::{HashMap, HashSet};

use dossier_core::names::spells_out;
use dossier_core::{
    Attribution, Entity, EntityId, EntityKind, Mention, MentionIndex, Sentence, Span, Token, TokenKind,
};

use crate::lexicon::{Lexicons, TitleClass};
use crate::words::en;
use crate::words::is_date_word;

/// The entity layer of one document.
#[derive(Debug, Clone, Default)]
pub struct EntityLayer {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    /// Mentions that stand for another entity when they act: "Moscow dismissed …" → Russia.
    /// Held by span, not by index: the mentions are sorted after they are collected.
    pub actor_metonyms: Vec<(Span, String, EntityKind)>,
}

struct Builder<'a> {
    text: &'a str,
    lex: &'a Lexicons,
    layer: EntityLayer,
    by_key: HashMap<(String, EntityKind), EntityId>,
    /// Surface forms that resolve inside this document: last names, acronyms.
    local_aliases: HashMap<String, EntityId>,
    /// The statistical tagger's kind for each token inside a name it found (crates/ner).
    tagged: Vec<Option<EntityKind>>,
}

fn is_capitalized(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_ascii_digit() => word.chars().any(char::is_uppercase),
        _ => false,
    }
}

fn all_caps(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

impl<'a> Builder<'a> {
    fn word(&self, t: &Token) -> &'a str {
        t.span.slice(self.text).unwrap_or("")
    }

    /// The surface of tokens `[a, b)` with runs of whitespace read as one space.
    fn surface(&self, tokens: &[Token], a: usize, b: usize) -> String {
        let span = Span::new(tokens[a].span.start(), tokens[b - 1].span.end());
        span.slice(self.text).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn entity_for(&mut self, name: &str, kind: EntityKind) -> EntityId {
        let key = (name.to_lowercase(), kind);
        if let Some(&id) = self.by_key.get(&key) {
            return id;
        }
        let id = self.layer.entities.len() as EntityId;
        self.layer.entities.push(Entity { id, name: name.to_string(), kind, aliases: Vec::new(), roles: Vec::new() });
        self.by_key.insert(key, id);
        // "North Korea" … "the North": a country named for its half of a divided land is, later
        // in the same article, "the North" or "the South" ("West" and "East" name blocs instead).
        if kind == EntityKind::Place {
            if let Some((half @ ("North" | "South"), rest)) = name.split_once(' ') {
                if !rest.contains(' ') {
                    self.local_aliases.entry(half.to_string()).or_insert(id);
                }
            }
        }
        id
    }

    fn add_mention(
        &mut self,
        span: Span,
        kind: EntityKind,
        entity: EntityId,
        role: Option<Span>,
        resolved: bool,
    ) -> usize {
        let surface = span.slice(self.text).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
        let e = &mut self.layer.entities[entity as usize];
        if surface != e.name
            && !e.aliases.contains(&surface)
            && !en().person_pronouns.contains(surface.to_lowercase().as_str())
        {
            e.aliases.push(surface);
        }
        if let Some(r) = role {
            let role = r.slice(self.text).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
            if !role.is_empty() && !e.roles.contains(&role) {
                e.roles.push(role);
            }
        }
        self.layer.mentions.push(Mention { span, kind, entity: Some(entity), role, resolved });
        self.layer.mentions.len() - 1
    }

    /// Longest title starting at token `i` of the run (lowercase match), in tokens.
    fn title_at(&self, tokens: &[Token], i: usize, end: usize) -> Option<(usize, TitleClass)> {
        (1..=4.min(end - i)).rev().find_map(|n| {
            let s = self.surface(tokens, i, i + n).to_lowercase();
            self.lex.titles.get(&s).map(|&c| (n, c))
        })
    }

    /// Longest gazetteer name starting at token `i`, in tokens.
    fn name_at(&self, tokens: &[Token], i: usize, end: usize) -> Option<(usize, String, EntityKind, bool)> {
        self.gazetteer_at(tokens, i, end).or_else(|| {
            (1..=self.lex.max_name_words.min(end - i)).rev().find_map(|n| {
                self.local_aliases.get(&self.surface(tokens, i, i + n)).map(|&id| {
                    let e = &self.layer.entities[id as usize];
                    (n, e.name.clone(), e.kind, false)
                })
            })
        })
    }

    /// Longest gazetteer name starting at token `i` (the document's own aliases aside).
    fn gazetteer_at(&self, tokens: &[Token], i: usize, end: usize) -> Option<(usize, String, EntityKind, bool)> {
        (1..=self.lex.max_name_words.min(end - i)).rev().find_map(|n| {
            let s = self.surface(tokens, i, i + n);
            let e = self.lex.names.get(&s)?;
            let (canonical, kind) =
                if e.only_as_actor { (s.clone(), e.own_kind) } else { (e.canonical.clone(), e.kind) };
            Some((n, canonical, kind, e.only_as_actor))
        })
    }
}

/// Finds the capitalised runs of a sentence: `[start, end)` token ranges.
fn capitalized_runs(
    b: &Builder,
    tokens: &[Token],
    s: &Sentence,
    capitalized_elsewhere: &dyn Fn(&str) -> bool,
) -> Vec<(usize, usize)> {
    let (first, last) = (s.tokens.0 as usize, s.tokens.1 as usize);
    let mut runs = Vec::new();
    let mut i = first;
    while i < last {
        let w = b.word(&tokens[i]);
        if tokens[i].kind != TokenKind::Word || !is_capitalized(w) || is_date_word(w) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            let joinable = |k: usize| {
                tokens[k].kind == TokenKind::Word
                    && is_capitalized(b.word(&tokens[k]))
                    && !is_date_word(b.word(&tokens[k]))
            };
            if end < last && joinable(end) {
                end += 1;
                continue;
            }
            // Connectors join two capitalised parts: "Office of the President".
            let mut k = end;
            while k < last && en().name_connectors.contains(b.word(&tokens[k])) {
                k += 1;
            }
            if k > end && k < last && joinable(k) {
                end = k + 1;
                continue;
            }
            // "Korean People's Army", "Prime Minister's Office": a possessive inside an organisation name.
            let possessive = end + 1 < last
                && matches!(b.word(&tokens[end]), "'s" | "’s")
                && is_capitalized(b.word(&tokens[end + 1]));
            if possessive {
                let org_after = (end + 1..last.min(end + 4))
                    .take_while(|&j| is_capitalized(b.word(&tokens[j])))
                    .any(|j| en().org_keywords.contains(b.word(&tokens[j])));
                if org_after {
                    end += 2;
                    continue;
                }
            }
            break;
        }
        // A known name may run on past the capitals: "Islamic State of Iraq and the Levant".
        // Only a small word after the run can carry a known name on (the lookups cost).
        let run_end = end;
        if run_end < last && matches!(b.word(&tokens[run_end]), "and" | "&" | "the" | "of" | "for" | "de" | "y") {
            for k in start..run_end {
                if let Some((n, ..)) = b.gazetteer_at(tokens, k, last) {
                    end = end.max(k + n);
                }
            }
        }
        // A sentence's first word is capitalised anyway: keep it only when it is known to be a name.
        let at_sentence_start =
            start == first || (start > first && tokens[start - 1].kind == TokenKind::Quote && start - 1 == first);
        let mut run_start = start;
        let opener = en().never_open_a_name.contains(b.word(&tokens[start]).to_lowercase().as_str());
        if opener && b.gazetteer_at(tokens, start, end).is_none() {
            // "The UN Security Council", "Near Palmyra": the article or preposition is not part
            // of the name (unless a gazetteer name holds it: "The Hague").
            run_start += 1;
            while run_start < end && en().name_connectors.contains(b.word(&tokens[run_start])) {
                run_start += 1;
            }
        } else if at_sentence_start {
            let w = b.word(&tokens[start]);
            let known = b.tagged[start].is_some()
                || b.lex.names.contains_key(w)
                || b.local_aliases.contains_key(w)
                || b.lex.given_names.contains(w)
                || capitalized_elsewhere(w)
                || all_caps(w)
                || b.lex.titles.contains_key(&w.to_lowercase());
            if !known {
                run_start += 1;
                while run_start < end && en().name_connectors.contains(b.word(&tokens[run_start])) {
                    run_start += 1;
                }
            }
        }
        if run_start < end {
            runs.push((run_start, end));
        }
        i = end;
    }
    runs
}

/// Runs the entity layer over the reading text. `in_scope` says which sentences to read
/// (boilerplate is skipped).
pub fn entities(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    in_scope: &dyn Fn(&Sentence) -> bool,
    lex: &Lexicons,
) -> EntityLayer {
    let mut b = Builder {
        text,
        lex,
        layer: EntityLayer::default(),
        by_key: HashMap::new(),
        local_aliases: HashMap::new(),
        tagged: tag_names(text, tokens, sentences, lex),
    };

    // Words seen capitalised away from a sentence start: evidence that a sentence-initial one is a name.
    let mut mid_caps: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for s in sentences {
        for t in &tokens[s.tokens.0 as usize + 1..s.tokens.1 as usize] {
            let w = b.word(t);
            if is_capitalized(w) {
                mid_caps.insert(w);
            }
        }
    }
    let capitalized_elsewhere = |w: &str| mid_caps.contains(w);

    let mut first_person_by_sentence: Vec<Option<(usize, bool)>> = Vec::new();
    for s in sentences {
        let before = b.layer.mentions.len();
        if in_scope(s) {
            for (start, end) in capitalized_runs(&b, tokens, s, &capitalized_elsewhere) {
                read_run(&mut b, tokens, start, end, s);
            }
            tagger_only_names(&mut b, tokens, s, before);
            resolve_pronouns(&mut b, tokens, s, before, &first_person_by_sentence);
        }
        let first_person = b.layer.mentions[before..].iter().position(|m| m.kind == EntityKind::Person).map(|k| {
            let m = &b.layer.mentions[before + k];
            let subject =
                tokens[s.tokens.0 as usize..s.tokens.1 as usize].iter().take(8).any(|t| t.span.start == m.span.start);
            (m.entity.unwrap_or(0) as usize, subject)
        });
        first_person_by_sentence.push(first_person);
    }
    unify_kinds(&mut b.layer, lex);
    merge_surnames(&mut b.layer);
    b.layer.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    b.layer
}

/// A surname used before the full name ("Warhol's legacy" in a headline, "Andy Warhol" in the
/// body) is the same person when exactly one full name of the article ends with it; later uses
/// already resolve while the article is read ("Ryder" after "Patrick Ryder").
fn merge_surnames(layer: &mut EntityLayer) {
    // Full names of persons by their last word, read once.
    let mut by_surname: HashMap<&str, Vec<EntityId>> = HashMap::new();
    for f in layer.entities.iter().filter(|f| f.kind == EntityKind::Person && f.name.contains(' ')) {
        by_surname.entry(f.name.rsplit(' ').next().unwrap_or("")).or_default().push(f.id);
    }
    let moves: Vec<(EntityId, EntityId)> = layer
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person && !e.name.contains(' '))
        .filter_map(|e| match by_surname.get(e.name.as_str()).map(Vec::as_slice) {
            Some(&[target]) => Some((e.id, target)),
            _ => None,
        })
        .collect();
    absorb(layer, &moves);
}

/// For each `(from, into)`: every mention of entity `from` moves to entity `into` (with `into`'s
/// kind), and `from`'s name, aliases and roles become `into`'s. `from` is left without mentions
/// (the pipeline drops it). The mentions are read once for all the moves: an article with many
/// merged names stays linear.
fn absorb(layer: &mut EntityLayer, moves: &[(EntityId, EntityId)]) {
    let mut into_of: Vec<Option<EntityId>> = vec![None; layer.entities.len()];
    for &(from, into) in moves {
        into_of[from as usize] = Some(into);
        let f = &mut layer.entities[from as usize];
        let (name, aliases, roles) = (f.name.clone(), std::mem::take(&mut f.aliases), std::mem::take(&mut f.roles));
        let t = &mut layer.entities[into as usize];
        for a in std::iter::once(name).chain(aliases) {
            if a != t.name && !t.aliases.contains(&a) {
                t.aliases.push(a);
            }
        }
        for r in roles {
            if !t.roles.contains(&r) {
                t.roles.push(r);
            }
        }
    }
    for m in &mut layer.mentions {
        if let Some(into) = m.entity.and_then(|id| into_of.get(id as usize).copied().flatten()) {
            m.entity = Some(into);
            m.kind = layer.entities[into as usize].kind;
        }
    }
}

/// One name, one referent within an article: when the tagger typed the same unknown name as a
/// person in one sentence and a place in another ("Sinjar"), all its mentions take the kind most
/// of them have (the first seen on a tie). Gazetteer names keep their kinds ("Georgia" the
/// country and the state are told apart by the lexicons, not by counting).
fn unify_kinds(layer: &mut EntityLayer, lex: &Lexicons) {
    let mut by_name: HashMap<String, Vec<EntityId>> = HashMap::new();
    for e in &layer.entities {
        let contestable = matches!(e.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Place);
        if contestable && !lex.names.contains_key(&e.name) {
            by_name.entry(e.name.to_lowercase()).or_default().push(e.id);
        }
    }
    let mut counts = vec![0usize; layer.entities.len()];
    for id in layer.mentions.iter().filter(|m| !m.resolved).filter_map(|m| m.entity) {
        counts[id as usize] += 1;
    }
    let mut moves = Vec::new();
    for ids in by_name.values().filter(|ids| ids.len() > 1) {
        let Some(&winner) = ids.iter().max_by_key(|&&id| (counts[id as usize], std::cmp::Reverse(id))) else {
            continue;
        };
        moves.extend(ids.iter().filter(|&&id| id != winner).map(|&loser| (loser, winner)));
    }
    // Groups are disjoint, so their order does not change the outcome; sorted all the same, so
    // that aliases are appended in one order whatever the hash map's.
    moves.sort_unstable();
    absorb(layer, &moves);
}

/// Runs the statistical tagger over every sentence: its kind for each token it puts in a name.
fn tag_names(text: &str, tokens: &[Token], sentences: &[Sentence], lex: &Lexicons) -> Vec<Option<EntityKind>> {
    let mut tagged = vec![None; tokens.len()];
    let Some(tagger) = lex.tagger.as_ref() else { return tagged };
    let mut found: HashMap<Vec<&str>, EntityKind> = HashMap::new();
    for s in sentences {
        let (first, last) = (s.tokens.0 as usize, s.tokens.1 as usize);
        let words: Vec<&str> = tokens[first..last].iter().map(|t| t.span.slice(text).unwrap_or("")).collect();
        for name in tagger.entities(&words) {
            let kind = match name.kind {
                dossier_ner::Kind::Per => EntityKind::Person,
                dossier_ner::Kind::Org => EntityKind::Organization,
                dossier_ner::Kind::Loc => EntityKind::Place,
                dossier_ner::Kind::Grp => EntityKind::Group,
            };
            for slot in &mut tagged[first + name.start..(first + name.end).min(last)] {
                *slot = Some(kind);
            }
            let surface: Vec<&str> = words[name.start..name.end.min(words.len())].to_vec();
            if surface.iter().all(|w| is_capitalized(w)) {
                found.entry(surface).or_insert(kind);
            }
        }
    }
    propagate_names(text, tokens, &found, &mut tagged);
    tagged
}

/// One sense per discourse: a capitalised name the tagger found somewhere in the article is the
/// same name where it occurs again and the tagger, in a thinner context, saw nothing.
fn propagate_names(
    text: &str,
    tokens: &[Token],
    found: &HashMap<Vec<&str>, EntityKind>,
    tagged: &mut [Option<EntityKind>],
) {
    let word = |k: usize| tokens[k].span.slice(text).unwrap_or("");
    // Where each capitalised word the tagger left alone stands, so that the pass is linear.
    let mut untagged_at: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, t) in tagged.iter().enumerate() {
        if t.is_none() && is_capitalized(word(k)) {
            untagged_at.entry(word(k)).or_default().push(k);
        }
    }
    // Longer names first ("Velmora Dunst" before "Velmora"), then in a fixed order: the output
    // must not depend on a hash map's iteration order.
    let mut names: Vec<(&Vec<&str>, &EntityKind)> = found.iter().collect();
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(b.0)));
    for (surface, &kind) in names {
        let n = surface.len();
        for &at in untagged_at.get(surface[0]).map_or(&[][..], Vec::as_slice) {
            let fits = at + n <= tokens.len()
                && tagged[at..at + n].iter().all(Option::is_none)
                && (at == 0 || tagged[at - 1].is_none())
                && tagged.get(at + n).is_none_or(Option::is_none)
                && (0..n).all(|j| word(at + j) == surface[j]);
            if fits {
                tagged[at..at + n].iter_mut().for_each(|t| *t = Some(kind));
            }
        }
    }
}

/// Names the tagger found where the capitalisation rules saw none ("tampa bay", "kerala"):
/// recorded as the tagger read them, when they touch no mention of this sentence.
fn tagger_only_names(b: &mut Builder, tokens: &[Token], s: &Sentence, sentence_mentions_from: usize) {
    let (first, last) = (s.tokens.0 as usize, s.tokens.1 as usize);
    let mut k = first;
    while k < last {
        let Some(kind) = b.tagged[k] else {
            k += 1;
            continue;
        };
        let mut e = k + 1;
        while e < last && b.tagged[e] == Some(kind) {
            e += 1;
        }
        let next = e;
        // A name neither opens nor ends with a connector ("of the National …").
        let mut a = k;
        while a < e && en().name_connectors.contains(b.word(&tokens[a]).to_lowercase().as_str()) {
            a += 1;
        }
        while e > a && en().name_connectors.contains(b.word(&tokens[e - 1])) {
            e -= 1;
        }
        // A title alone is a role, and a month or a weekday a date, not a name.
        let date = e == a + 1 && is_date_word(b.word(&tokens[a]));
        if a == e || date || b.title_at(tokens, a, e).is_some_and(|(n, _)| a + n == e) {
            k = next;
            continue;
        }
        let span = Span::new(tokens[a].span.start(), tokens[e - 1].span.end());
        let free = !b.layer.mentions[sentence_mentions_from..].iter().any(|m| m.span.overlaps(span));
        // A lone function word is never a name ("The", "I", "Will" at a sentence start).
        let lone_function_word =
            e == a + 1 && en().not_names_alone.contains(b.word(&tokens[a]).to_lowercase().as_str());
        let wordlike = (a..e).all(|j| tokens[j].kind != TokenKind::Punct || b.word(&tokens[j]) == ".");
        if free && wordlike && !lone_function_word {
            let name = b.surface(tokens, a, e);
            let id = b.entity_for(&name, kind);
            b.add_mention(span, kind, id, None, false);
        }
        k = next;
    }
}

/// Splits one capitalised run into titles and names and records the mentions.
fn read_run(b: &mut Builder, tokens: &[Token], start: usize, end: usize, s: &Sentence) {
    let mut i = start;
    let mut title_start: Option<usize> = None;
    let mut person_title = false;
    while i < end {
        // A possessive or a connector left between two names ("Islamic State | of | Iraq") is
        // not a name of its own.
        if matches!(b.word(&tokens[i]), "'s" | "’s") || en().name_connectors.contains(b.word(&tokens[i])) {
            i += 1;
            continue;
        }
        if let Some((n, class)) = b.title_at(tokens, i, end) {
            title_start.get_or_insert(i);
            person_title |= matches!(class, TitleClass::Rank | TitleClass::Honorific | TitleClass::Role);
            i += n;
            continue;
        }
        // An organisation keyword later in the run makes the rest one organisation name,
        // unless a known name covers it first.
        let known = b.name_at(tokens, i, end);
        let org_end = (i..end).rev().find(|&k| en().org_keywords.contains(b.word(&tokens[k])));
        // A known place or group before the keyword is read first: "U.S. | Department of Defense".
        if let Some(org_last) = org_end.filter(|&k| known.as_ref().is_none_or(|(n, ..)| i + n > k)) {
            let mut e = org_last + 1;
            // "Office of the President of Ukraine": an "of" phrase after the keyword stays in the name,
            // titles included; otherwise a title ends it ("Department of Defense spokesperson").
            let of_phrase = e < end && en().name_connectors.contains(b.word(&tokens[e]));
            while e < end && (of_phrase || b.title_at(tokens, e, end).is_none()) {
                e += 1;
            }
            let name = b.surface(tokens, i, e);
            let (canonical, kind) = match b.lex.names.get(&name) {
                Some(n) => (n.canonical.clone(), n.kind),
                None => (name.clone(), dossier_core::EntityKind::Organization),
            };
            let id = b.entity_for(&canonical, kind);
            let span = Span::new(tokens[i].span.start(), tokens[e - 1].span.end());
            b.add_mention(span, kind, id, None, false);
            acronym_after(b, tokens, e, s, id);
            i = e;
            title_start = None;
            continue;
        }
        if let Some((n, canonical, kind, actor_only)) = known {
            let mut e = i + n;
            if kind == EntityKind::Place && e < s.tokens.1 as usize && en().place_suffixes.contains(b.word(&tokens[e]))
            {
                e += 1;
            }
            // A country or demonym before a title is part of the role ("U.S. President").
            let followed_by_title = e < end && b.title_at(tokens, e, end).is_some();
            let id = b.entity_for(&canonical, kind);
            let span = Span::new(tokens[i].span.start(), tokens[e - 1].span.end());
            let m = b.add_mention(span, kind, id, None, false);
            if actor_only {
                if let Some(actor) = b.lex.names.get(&b.surface(tokens, i, i + n)) {
                    b.layer.actor_metonyms.push((b.layer.mentions[m].span, actor.canonical.clone(), actor.kind));
                }
            }
            acronym_after(b, tokens, e, s, id);
            if followed_by_title {
                title_start.get_or_insert(i);
            } else {
                title_start = None;
            }
            i = e;
            continue;
        }
        // Unknown words up to the next title or known name.
        let mut e = i + 1;
        // A name the document already used ("Perlingiere" after "Debra Perlingiere") does not split
        // a longer unknown name; a gazetteer name or a title does.
        while e < end && b.title_at(tokens, e, end).is_none() && b.gazetteer_at(tokens, e, end).is_none() {
            e += 1;
        }
        // A name does not end in a connector: "Government of | Iraq".
        while e > i + 1 && en().name_connectors.contains(b.word(&tokens[e - 1])) {
            e -= 1;
        }
        let mut words: Vec<&str> = (i..e).map(|k| b.word(&tokens[k])).collect();
        // The tagger's reading of the words, when it saw a name there.
        let tagged = (i..e).find_map(|k| b.tagged.get(k).copied().flatten());
        let namelike = words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.'));
        // An apposition headed by a role names a person: "Andrea Kovac, head of ...", "X, spokesman for".
        let sentence_end = s.tokens.1 as usize;
        let role_after = e + 1 < sentence_end
            && b.word(&tokens[e]) == ","
            && b.title_at(tokens, e + 1, sentence_end)
                .is_some_and(|(_, c)| matches!(c, TitleClass::Role | TitleClass::Rank));
        // "Mount Sinjar", "Tharthar Barrage", "Anbar Province": the head word says place.
        let place_word = en().place_first_words.contains(words[0])
            || (words.len() > 1 && words.last().is_some_and(|w| en().place_last_words.contains(w)));
        let kind = if place_word {
            Some(EntityKind::Place)
        } else if person_title || role_after || b.lex.given_names.contains(words[0]) {
            Some(EntityKind::Person)
        } else if let Some(kind) = tagged {
            Some(kind)
        } else if b.lex.tagger.is_none() && (2..=4).contains(&words.len()) && namelike {
            // Without a tagger, a short capitalised run is most often a person's name.
            Some(EntityKind::Person)
        } else if words.len() == 1 && all_caps(words[0]) && words[0].len() <= 6 && b.lex.tagger.is_none() {
            // Without a tagger, a short all-capitals word is most often an organisation's acronym
            // (with one, shouted words like "FREE" or "FILE" are left to its judgement; making
            // every mixed-case sentence's acronym an organisation lost 2 points on UNER and GUM).
            Some(EntityKind::Organization)
        } else if words.len() == 1 && e < s.tokens.1 as usize && en().place_suffixes.contains(b.word(&tokens[e])) {
            Some(EntityKind::Place)
        } else {
            None
        };
        // A person's name holds particles (de, van, al, bin), not "of", "the", "for" or "on":
        // "Lydia Buchtmann | for Food Standards Australia".
        if kind == Some(EntityKind::Person) {
            if let Some(cut) = (i + 1..e).find(|&k| matches!(b.word(&tokens[k]), "of" | "the" | "for" | "on")) {
                e = cut;
                words.truncate(cut - i);
            }
        }
        if let Some(kind) = kind {
            let name = b.surface(tokens, i, e);
            let mut span_end = e;
            if kind == EntityKind::Place && e < s.tokens.1 as usize && en().place_suffixes.contains(b.word(&tokens[e]))
            {
                span_end += 1;
            }
            let id = b.entity_for(&name, kind);
            let role = if kind == EntityKind::Person { role_before(b, tokens, i, s, title_start) } else { None };
            let span = Span::new(tokens[i].span.start(), tokens[span_end - 1].span.end());
            b.add_mention(span, kind, id, role, false);
            if kind == EntityKind::Person && words.len() >= 2 {
                // "Patrick Ryder" → later "Ryder" is the same person.
                if let Some(last) = words.last() {
                    b.local_aliases.entry(last.to_string()).or_insert(id);
                }
            }
            acronym_after(b, tokens, span_end, s, id);
        }
        title_start = None;
        person_title = false;
        i = e;
    }
}

/// "Department of Defense (DoD)": an acronym in brackets names the same entity.
/// "Korean Central News Agency (KCNA)": the bracketed acronym after a name is that name, when
/// the name spells it out (`spells_out`) or the lexicons know it as that name. A dateline's "NEW YORK (AP)" names the agency, not the city.
fn acronym_after(b: &mut Builder, tokens: &[Token], e: usize, s: &Sentence, id: EntityId) {
    let last = s.tokens.1 as usize;
    if e + 2 < last + 1 && e + 2 < tokens.len() && b.word(&tokens[e]) == "(" && b.word(&tokens[e + 2]) == ")" {
        let acr = b.word(&tokens[e + 1]);
        if acr.chars().filter(|c| c.is_uppercase()).count() < 2 || acr.len() > 8 {
            return;
        }
        let name_start = b.layer.mentions.last().map_or(0, |m| m.span.start());
        let surface = b.text.get(name_start..tokens[e - 1].span.end()).unwrap_or("");
        let entity = &b.layer.entities[id as usize].name;
        // The name with the capitalised word before it, which another entity may have taken: "the
        // Syria Recovery Trust Fund (SRTF)".
        let before = b.text.get(..name_start).unwrap_or("").trim_end().rsplit(' ').next().unwrap_or("");
        // Spelled out by the name, or known to the lexicons as this entity ("ISIS" for the Islamic State).
        let spelled = spells_out(surface, acr)
            || spells_out(entity, acr)
            || is_capitalized(before) && spells_out(&format!("{before} {surface}"), acr)
            || b.lex.names.get(acr).is_some_and(|n| n.canonical == *entity);
        if spelled {
            b.local_aliases.insert(acr.to_string(), id);
            let kind = b.layer.entities[id as usize].kind;
            b.add_mention(tokens[e + 1].span, kind, id, None, false);
        }
    }
}

/// The title and role words before a person's name: "DoD spokesperson Brig. Gen." for Patrick Ryder.
fn role_before(
    b: &Builder,
    tokens: &[Token],
    name_start: usize,
    s: &Sentence,
    title_start: Option<usize>,
) -> Option<Span> {
    let first = s.tokens.0 as usize;
    let mut k = title_start.unwrap_or(name_start);
    let mut saw_title = title_start.is_some();
    while k > first {
        let w = b.word(&tokens[k - 1]);
        let lower = w.to_lowercase();
        if b.lex.titles.contains_key(&lower) {
            saw_title = true;
            k -= 1;
        } else if is_capitalized(w)
            || matches!(w, "(" | ")")
            || b.lex.titles.contains_key(&format!("{} {}", lower, b.word(&tokens[k]).to_lowercase()))
        {
            k -= 1;
        } else {
            break;
        }
    }
    (saw_title && k < name_start).then(|| Span::new(tokens[k].span.start(), tokens[name_start - 1].span.end()))
}

/// "He noted …" → the person the previous sentence was about, where that is unambiguous.
/// `sentence_mentions_from` is where this sentence's mentions start in the layer: the earlier
/// ones are earlier sentences', so the search for an antecedent in the sentence reads its own.
fn resolve_pronouns(
    b: &mut Builder,
    tokens: &[Token],
    s: &Sentence,
    sentence_mentions_from: usize,
    previous: &[Option<(usize, bool)>],
) {
    for token in &tokens[s.tokens.0 as usize..s.tokens.1 as usize] {
        let w = b.word(token).to_lowercase();
        if !en().person_pronouns.contains(w.as_str()) {
            continue;
        }
        // An earlier person in the same sentence wins; otherwise the subject of the last sentence with a person.
        let same = b.layer.mentions[sentence_mentions_from..].iter().rev().find(|m| {
            m.kind == EntityKind::Person
                && m.span.start >= s.span.start
                && m.span.end <= token.span.start
                && !m.resolved
        });
        let target = match same {
            Some(m) => m.entity,
            None => previous
                .iter()
                .rev()
                .take(2)
                .flatten()
                .next()
                .filter(|(_, subject)| *subject)
                .map(|&(e, _)| e as EntityId),
        };
        if let Some(id) = target {
            b.add_mention(token.span, EntityKind::Person, id, None, true);
        }
    }
}

/// After attribution: a capital city that speaks stands for its government ("Moscow dismissed …").
pub fn relink_actors(layer: &mut EntityLayer, speaker_spans: &[Span]) {
    // Is a span inside some speaker? The speakers starting at or before it, sorted, with the
    // furthest end among them: one binary search per metonym, not a scan.
    let mut speakers: Vec<Span> = speaker_spans.to_vec();
    speakers.sort_unstable();
    let furthest_end: Vec<u32> = speakers
        .iter()
        .scan(0, |end, s| {
            *end = s.end.max(*end);
            Some(*end)
        })
        .collect();
    let spoken = |span: Span| {
        let n = speakers.partition_point(|s| s.start <= span.start);
        n > 0 && furthest_end[n - 1] >= span.end
    };
    let mut by_name: HashMap<(String, EntityKind), EntityId> = HashMap::new();
    for e in layer.entities.iter().rev() {
        // The first entity of a name and kind wins, as a search from the front would find it.
        by_name.insert((e.name.clone(), e.kind), e.id);
    }
    let metonyms = std::mem::take(&mut layer.actor_metonyms);
    for (span, canonical, kind) in &metonyms {
        if !spoken(*span) {
            continue;
        }
        let Ok(m) = layer.mentions.binary_search_by_key(&(span.start, span.end), |m| (m.span.start, m.span.end)) else {
            continue;
        };
        let surface = layer.entities[layer.mentions[m].entity.unwrap_or(0) as usize].name.clone();
        let id = *by_name.entry((canonical.clone(), *kind)).or_insert_with(|| {
            let id = layer.entities.len() as EntityId;
            layer.entities.push(Entity {
                id,
                name: canonical.clone(),
                kind: *kind,
                aliases: Vec::new(),
                roles: Vec::new(),
            });
            id
        });
        if !layer.entities[id as usize].aliases.contains(&surface) {
            layer.entities[id as usize].aliases.push(surface);
        }
        layer.mentions[m].entity = Some(id);
        layer.mentions[m].kind = *kind;
    }
    layer.actor_metonyms = metonyms;
}

/// Once statements are known: metonyms that speak are relinked to the entity they act for
/// ([`relink_actors`]), the speakers that pointed at the metonym's old entity follow their
/// mention, and entities left without a mention are dropped.
pub fn resolve_actors(layer: &mut EntityLayer, attributions: &mut [Attribution]) {
    let speakers: Vec<Span> = attributions.iter().filter_map(|a| a.speaker.as_ref().map(|s| s.span)).collect();
    relink_actors(layer, &speakers);
    let metonyms: HashSet<Span> = layer.actor_metonyms.iter().map(|(span, ..)| *span).collect();
    let mentions = MentionIndex::new(&layer.mentions);
    for sp in attributions.iter_mut().filter_map(|a| a.speaker.as_mut()) {
        if sp.entity.is_none() {
            continue;
        }
        if let Some(m) = mentions.within(sp.span).find(|m| !m.resolved && metonyms.contains(&m.span)) {
            sp.entity = m.entity;
        }
    }
    drop_orphans(layer, attributions);
}

/// Entities left without a mention (a capital relinked to its country when it spoke) are dropped
/// and the ids renumbered, so that ids stay dense indexes into the entity list.
fn drop_orphans(layer: &mut EntityLayer, attributions: &mut [Attribution]) {
    let mut mentioned = vec![false; layer.entities.len()];
    for id in layer.mentions.iter().filter_map(|m| m.entity) {
        if let Some(seen) = mentioned.get_mut(id as usize) {
            *seen = true;
        }
    }
    let mut new_id = vec![None; layer.entities.len()];
    let mut kept = Vec::new();
    for e in std::mem::take(&mut layer.entities) {
        if mentioned.get(e.id as usize).copied().unwrap_or(false) {
            new_id[e.id as usize] = Some(kept.len() as EntityId);
            kept.push(Entity { id: kept.len() as EntityId, ..e });
        }
    }
    layer.entities = kept;
    let remap = |id: &mut Option<EntityId>| *id = id.and_then(|i| new_id.get(i as usize).copied().flatten());
    layer.mentions.iter_mut().for_each(|m| remap(&mut m.entity));
    for a in attributions.iter_mut() {
        for s in a.speaker.iter_mut().chain(a.echoes.iter_mut()) {
            remap(&mut s.entity);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: EntityId, name: &str, kind: EntityKind) -> Entity {
        Entity { id, name: name.to_string(), kind, aliases: Vec::new(), roles: Vec::new() }
    }

    fn mention(at: usize, entity: EntityId, kind: EntityKind) -> Mention {
        Mention { span: Span::new(at, at + 7), kind, entity: Some(entity), role: None, resolved: false }
    }

    #[test]
    fn an_unknown_name_takes_the_kind_most_of_its_mentions_have() {
        use EntityKind::*;
        let mut layer = EntityLayer {
            entities: vec![entity(0, "Velmora", Person), entity(1, "Velmora", Place), entity(2, "Georgia", Place)],
            mentions: vec![mention(0, 0, Person), mention(10, 1, Place), mention(20, 1, Place), mention(30, 2, Place)],
            actor_metonyms: Vec::new(),
        };
        unify_kinds(&mut layer, &Lexicons::rules_only().unwrap());
        let kinds: Vec<_> = layer.mentions.iter().map(|m| (m.entity, m.kind)).collect();
        assert_eq!(kinds, [(Some(1), Place), (Some(1), Place), (Some(1), Place), (Some(2), Place)]);
    }

    #[test]
    fn a_name_found_once_is_found_again_where_the_tagger_missed_it() {
        let text = "Velmora Dunst spoke . Later Velmora Dunst and velmora left . Velmora Dunstan came .";
        let mut at = 0;
        let tokens: Vec<Token> = text
            .split(' ')
            .map(|w| {
                let start = text[at..].find(w).unwrap() + at;
                at = start + w.len();
                Token { span: Span::new(start, start + w.len()), kind: TokenKind::Word }
            })
            .collect();
        let mut tagged = vec![None; tokens.len()];
        tagged[0] = Some(EntityKind::Person);
        tagged[1] = Some(EntityKind::Person);
        let found = HashMap::from([(vec!["Velmora", "Dunst"], EntityKind::Person)]);
        propagate_names(text, &tokens, &found, &mut tagged);
        let marked: Vec<usize> = (0..tokens.len()).filter(|&k| tagged[k].is_some()).collect();
        // The second "Velmora Dunst" only: not the lower-case word, not a longer name.
        assert_eq!(marked, [0, 1, 5, 6]);
    }

    #[test]
    fn a_surname_seen_before_the_full_name_is_that_person() {
        use EntityKind::*;
        let mut layer = EntityLayer {
            entities: vec![
                entity(0, "Warhol", Person),
                entity(1, "Andy Warhol", Person),
                entity(2, "Smith", Person),
                entity(3, "Ann Smith", Person),
                entity(4, "Bob Smith", Person),
            ],
            mentions: vec![mention(0, 0, Person), mention(10, 1, Person), mention(20, 2, Person)],
            actor_metonyms: Vec::new(),
        };
        merge_surnames(&mut layer);
        let ids: Vec<_> = layer.mentions.iter().map(|m| m.entity).collect();
        // "Smith" stays apart: two full names end with it.
        assert_eq!(ids, [Some(1), Some(1), Some(2)]);
        assert_eq!(layer.entities[1].aliases, ["Warhol"]);
    }
}
