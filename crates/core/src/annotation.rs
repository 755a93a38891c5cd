//! The annotation layers. Each is plain data holding spans into the document text;
//! labels are enums, turned into strings only at the serde boundary.

use serde::{Deserialize, Serialize};

use crate::Span;

/// What a stretch of the text is. Everything that is not `Body` is kept, marked, and skipped
/// by the extractors that read statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionKind {
    Body,
    Title,
    Subheading,
    /// An inline link to another story: "(Related: …)", "READ MORE: …".
    RelatedLink,
    /// Calls to watch, subscribe, share or buy.
    Promotion,
    /// A "More related stories:" list at the end.
    RelatedStories,
    /// A "Sources include:" list of cited sources.
    SourceList,
}

impl RegionKind {
    pub fn is_boilerplate(self) -> bool {
        !matches!(self, RegionKind::Body | RegionKind::Title | RegionKind::Subheading)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RegionKind::Body => "body",
            RegionKind::Title => "title",
            RegionKind::Subheading => "subheading",
            RegionKind::RelatedLink => "related_link",
            RegionKind::Promotion => "promotion",
            RegionKind::RelatedStories => "related_stories",
            RegionKind::SourceList => "source_list",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub span: Span,
    pub kind: RegionKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// Any quotation mark: straight, curly, guillemets, low-9.
    Quote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// Index range of the sentence's tokens in the document's token list.
    pub tokens: (u32, u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    /// Nationalities, ethnic, religious and political groups ("North Korean", "Democrats").
    Group,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
        }
    }
}

/// What a mention is in the JSON contract: a name of a person, organisation, place or group, or
/// a pronoun standing for an entity ("He" → Zelensky; its entity says who). Pronouns are kept apart
/// so that a list of named mentions is not a list of "he" and "she" (contract 1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Person,
    Organization,
    Place,
    Group,
    Pronoun,
}

impl MentionKind {
    pub fn of(m: &Mention) -> MentionKind {
        if m.resolved {
            return MentionKind::Pronoun;
        }
        match m.kind {
            EntityKind::Person => MentionKind::Person,
            EntityKind::Organization => MentionKind::Organization,
            EntityKind::Place => MentionKind::Place,
            EntityKind::Group => MentionKind::Group,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Person => "person",
            MentionKind::Organization => "organization",
            MentionKind::Place => "place",
            MentionKind::Group => "group",
            MentionKind::Pronoun => "pronoun",
        }
    }
}

/// Index of an entity in [`crate::Analysis::entities`].
pub type EntityId = u32;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    pub entity: Option<EntityId>,
    /// A title or role written next to a person ("DoD spokesperson", "Brig. Gen.").
    pub role: Option<Span>,
    /// A pronoun resolved to an earlier mention's entity (shown as kind `pronoun` in JSON).
    pub resolved: bool,
}

/// A document's mentions in text order (sorted by start, as every analysis holds them), looked
/// up by span in logarithmic time: a stage that asks "which mentions are in this phrase?" for
/// every phrase of a document would otherwise scan them all each time, and a long document cost
/// the square of its length.
#[derive(Debug, Clone, Copy)]
pub struct MentionIndex<'a> {
    mentions: &'a [Mention],
    /// The longest mention's length: how far before a span a mention overlapping it can start.
    longest: u32,
}

impl<'a> MentionIndex<'a> {
    /// Indexes mentions sorted by start; unsorted input is sorted by the caller's bug, so it is
    /// checked in debug builds.
    pub fn new(mentions: &'a [Mention]) -> MentionIndex<'a> {
        debug_assert!(mentions.windows(2).all(|w| w[0].span.start <= w[1].span.start), "mentions sorted by start");
        let longest = mentions.iter().map(|m| m.span.end.saturating_sub(m.span.start)).max().unwrap_or(0);
        MentionIndex { mentions, longest }
    }

    pub fn all(&self) -> &'a [Mention] {
        self.mentions
    }

    /// The mentions that share at least one byte with `span`.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = &'a Mention> {
        let from = span.start.saturating_sub(self.longest);
        let lo = self.mentions.partition_point(|m| m.span.start < from);
        let hi = self.mentions.partition_point(|m| m.span.start < span.end);
        self.mentions[lo..hi.max(lo)].iter().filter(move |m| span.overlaps(m.span))
    }

    /// The mentions that lie wholly inside `span`.
    pub fn within(&self, span: Span) -> impl Iterator<Item = &'a Mention> {
        let lo = self.mentions.partition_point(|m| m.span.start < span.start);
        let hi = self.mentions.partition_point(|m| m.span.start <= span.end);
        self.mentions[lo..hi.max(lo)].iter().filter(move |m| span.contains(m.span))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    /// Other surface forms seen for the entity in this document, and known metonyms.
    pub aliases: Vec<String>,
    /// Titles and roles seen with the entity ("spokesperson", "Brig. Gen.").
    pub roles: Vec<String>,
}

/// Who is speaking, as the text presents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    /// A named person or organisation, or a pronoun resolved to one.
    Named,
    /// "officials", "analysts", "reports".
    Anonymous,
    /// An unnamed part of a named or typed institution: "intelligence sources connected to NATO".
    AnonymousInstitutional,
    /// A pronoun that could not be resolved.
    Pronoun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Assert,
    Deny,
    Confirm,
    Warn,
    Urge,
    Agree,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Assert => "assert",
            Stance::Deny => "deny",
            Stance::Confirm => "confirm",
            Stance::Warn => "warn",
            Stance::Urge => "urge",
            Stance::Agree => "agree",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub span: Span,
    pub entity: Option<EntityId>,
    pub source_type: SourceType,
}

/// One reported statement: who, with what cue, said what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// `None` for agentless reports ("it was reported that …").
    pub speaker: Option<Speaker>,
    pub cue: Span,
    pub content: Span,
    pub quote: QuoteKind,
    pub stance: Stance,
    /// The words that hedge the content or the cue ("could", "expected to", "suggested").
    pub hedges: Vec<Span>,
    /// The statement this one repeats or agrees with: "Ryder echoed Austin's assessment" → Austin.
    pub echoes: Option<Speaker>,
}

impl Attribution {
    pub fn hedged(&self) -> bool {
        !self.hedges.is_empty()
    }
}

/// How a number relates to its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    /// "over", "more than", "at least"
    Lower,
    /// "under", "up to", "at most"
    Upper,
    /// "between 5 and 10", "5-10"
    Range,
}

/// Direction of change a number is reported with ("rose by", "fell to").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Up,
    Down,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub span: Span,
    /// The point value, when the text gives one.
    pub value: Option<f64>,
    /// Interval the text allows; for vague amounts ("several thousand") the conventional range.
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: bool,
    pub bound: Bound,
    pub change: Option<Change>,
    /// Unit of measure: "%", "km", "USD" …
    pub unit: Option<String>,
    /// The words naming what is counted ("troops", "military personnel").
    pub counted: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub span: Span,
    pub kind: TimeType,
    /// TIMEX3-style value: `2024-11-01`, `2024-W45`, `P1M`, `FUTURE_REF`, `2024-12-31` …
    /// `None` when the expression cannot be normalised (no publication date for a relative one).
    pub value: Option<String>,
}

/// A PLOVER event type, as the PLOVER gold-standard records name them (version 0.5 of the
/// ontology; [`EventType::plover_2021`] gives the name in the 2021 manual, where DEMAND became
/// REQUEST, DISAPPROVE and INVESTIGATE became modes of ACCUSE, and FIGHT a kind of ASSAULT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Cooperate,
    Aid,
    Concede,
    Retreat,
    Investigate,
    Demand,
    Disapprove,
    Reject,
    Threaten,
    Protest,
    Mobilize,
    Sanction,
    Coerce,
    Assault,
    Fight,
}

impl EventType {
    pub const ALL: [EventType; 18] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Concede,
        EventType::Retreat,
        EventType::Investigate,
        EventType::Demand,
        EventType::Disapprove,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Mobilize,
        EventType::Sanction,
        EventType::Coerce,
        EventType::Assault,
        EventType::Fight,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Concede => "CONCEDE",
            EventType::Retreat => "RETREAT",
            EventType::Investigate => "INVESTIGATE",
            EventType::Demand => "DEMAND",
            EventType::Disapprove => "DISAPPROVE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Mobilize => "MOBILIZE",
            EventType::Sanction => "SANCTION",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
            EventType::Fight => "FIGHT",
        }
    }

    /// Parses a type name, case ignored; the 2021 names REQUEST and ACCUSE are read as DEMAND
    /// and DISAPPROVE.
    pub fn parse(s: &str) -> Option<EventType> {
        let up = s.trim().to_uppercase();
        match up.as_str() {
            "REQUEST" => return Some(EventType::Demand),
            "ACCUSE" => return Some(EventType::Disapprove),
            _ => {}
        }
        EventType::ALL.into_iter().find(|t| t.as_str() == up)
    }

    /// The name of the type in the 2021 PLOVER manual.
    pub fn plover_2021(self) -> &'static str {
        match self {
            EventType::Demand => "REQUEST",
            EventType::Disapprove | EventType::Investigate => "ACCUSE",
            EventType::Fight => "ASSAULT",
            t => t.as_str(),
        }
    }

    /// Verbal or material cooperation (PLOVER's quad categories 1 and 2).
    pub fn is_cooperative(self) -> bool {
        matches!(
            self,
            EventType::Agree
                | EventType::Consult
                | EventType::Support
                | EventType::Cooperate
                | EventType::Aid
                | EventType::Concede
                | EventType::Retreat
        )
    }
}

/// The kind of actor an event argument is, when its words say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Government,
    Military,
    Police,
    Rebels,
    Civilians,
    Protesters,
    InternationalOrganization,
}

impl Sector {
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Government => "government",
            Sector::Military => "military",
            Sector::Police => "police",
            Sector::Rebels => "rebels",
            Sector::Civilians => "civilians",
            Sector::Protesters => "protesters",
            Sector::InternationalOrganization => "international_organization",
        }
    }

    pub fn parse(s: &str) -> Option<Sector> {
        [
            Sector::Government,
            Sector::Military,
            Sector::Police,
            Sector::Rebels,
            Sector::Civilians,
            Sector::Protesters,
            Sector::InternationalOrganization,
        ]
        .into_iter()
        .find(|x| x.as_str() == s.trim())
    }
}

/// An actor of an event (or its place): the words, the entity they name, and what is known of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventArg {
    pub span: Span,
    pub entity: Option<EntityId>,
    /// The country the actor belongs to or is ("North Korean troops" → North Korea).
    pub country: Option<String>,
    pub sector: Option<Sector>,
}

/// Who did what to whom: one political event, read from one sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The words that name the action ("deployed", "held talks").
    pub trigger: Span,
    pub kind: EventType,
    /// The PLOVER mode where the trigger gives one ("troops", "phone", "hunger").
    pub mode: Option<String>,
    pub source: Option<EventArg>,
    pub target: Option<EventArg>,
    pub place: Option<EventArg>,
    /// Index into [`crate::Analysis::times`].
    pub time: Option<u32>,
    /// Index into [`crate::Analysis::quantities`] ("around 10,000 troops" on a deployment).
    pub quantity: Option<u32>,
    /// "did not attack", "never met".
    pub negated: bool,
    /// "could attack", "expected to meet", or reported by a hedged statement.
    pub hedged: bool,
    /// Index into [`crate::Analysis::attributions`]: the statement whose content reports the
    /// event. `None` when the text itself asserts it.
    pub reported_by: Option<u32>,
}

/// Which heading a headline check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadlineRole {
    Title,
    Subheading,
}

/// Whether the body bears a heading out (contract 1.4; docs/headlines.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The body says it.
    Supported,
    /// The body says otherwise.
    Contradicted,
    /// Nothing in the body says it.
    Unsupported,
    /// The body says it with hedges or conditions the heading drops ("should … if" vs "urges").
    Overstated,
}

impl Verdict {
    pub const ALL: [Verdict; 4] =
        [Verdict::Supported, Verdict::Contradicted, Verdict::Unsupported, Verdict::Overstated];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unsupported => "unsupported",
            Verdict::Overstated => "overstated",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The stance model's label for a (heading, body) pair (FNC-1's labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StanceLabel {
    Agree,
    Disagree,
    Discuss,
    Unrelated,
}

/// A title or sub-heading checked against the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    pub role: HeadlineRole,
    /// The heading in the text; `None` for a title known only from the metadata.
    pub span: Option<Span>,
    pub verdict: Verdict,
    /// What the stance model said, and its probability.
    pub stance: StanceLabel,
    pub score: f32,
    /// IDF-weighted share of the heading's words found in the evidence sentences and their
    /// neighbours.
    pub coverage: f32,
    /// The body sentences that decided it, best first.
    pub evidence: Vec<Span>,
    /// Hedges, modals and conditions in the evidence that the heading lacks ("should", "if").
    pub qualifiers: Vec<Span>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mention_index_finds_what_a_scan_finds() {
        // Nested and overlapping mentions of every length, and spans at every offset.
        let mut seed = 7u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        let mut mentions: Vec<Mention> = (0..300)
            .map(|_| {
                let start = next(1000);
                let span = Span { start, end: start + next(40) };
                Mention { span, kind: EntityKind::Person, entity: None, role: None, resolved: false }
            })
            .collect();
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        let index = MentionIndex::new(&mentions);
        for _ in 0..2000 {
            let start = next(1100);
            let span = Span { start, end: start + next(60) };
            let scan = |f: &dyn Fn(&Mention) -> bool| mentions.iter().filter(|m| f(m)).collect::<Vec<_>>();
            assert_eq!(index.overlapping(span).collect::<Vec<_>>(), scan(&|m| span.overlaps(m.span)), "{span:?}");
            assert_eq!(index.within(span).collect::<Vec<_>>(), scan(&|m| span.contains(m.span)), "{span:?}");
        }
    }
}
