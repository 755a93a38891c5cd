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

/// Index of an entity in [`crate::Analysis::entities`].
pub type EntityId = u32;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    pub entity: Option<EntityId>,
    /// A title or role written next to a person ("DoD spokesperson", "Brig. Gen.").
    pub role: Option<Span>,
    /// A pronoun or a shortened name that was resolved to an earlier mention.
    pub resolved: bool,
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
