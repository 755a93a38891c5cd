//! Closed-class English words that the extractors read: auxiliaries and adverbs, hedges,
//! pronouns, prepositions, determiners, boundaries of speaker and noun phrases, abbreviations, and
//! the verbs that frames single out ("told", "echoed", "accused").
//!
//! The lists are data (`resources/lexicons/en/<list>.tsv`, one word a row, read through
//! [`dossier_core::tsv`]), compiled into the binary and parsed once, on first use ([`en`]); each
//! list is a hash set, so a lookup costs the same whatever the list's length. Token views
//! ([`crate::segment::TokenView`]) fold curly apostrophes, so the lists hold straight ones.

use std::collections::HashSet;
use std::sync::OnceLock;

use dossier_core::fnv::FnvBuild;
use dossier_core::tsv;

/// One closed word list: exact, case-sensitive lookups.
#[derive(Debug, Clone, Default)]
pub struct WordList(HashSet<&'static str, FnvBuild>);

impl WordList {
    /// The words of a TSV file (its first column; `file` names it in errors).
    pub fn parse(file: &'static str, text: &'static str) -> WordList {
        WordList(tsv::words(file, text).collect())
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().copied()
    }
}

macro_rules! word_lists {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {
        /// Every closed word list, by the name of its file.
        #[derive(Debug, Clone, Default)]
        pub struct WordLists {
            $($(#[doc = $doc])* pub $name: WordList,)*
        }

        impl WordLists {
            /// Parses the lists compiled into the binary.
            pub fn builtin() -> WordLists {
                WordLists {
                    $($name: WordList::parse(
                        concat!("en/", stringify!($name), ".tsv"),
                        include_str!(concat!(
                            env!("CARGO_MANIFEST_DIR"),
                            "/../../resources/lexicons/en/",
                            stringify!($name),
                            ".tsv"
                        )),
                    ),)*
                }
            }

            /// (file name, list) of every list.
            pub fn all(&self) -> Vec<(&'static str, &WordList)> {
                vec![$((concat!("en/", stringify!($name), ".tsv"), &self.$name),)*]
            }
        }
    };
}

word_lists! {
    /// Lines that open a promotion ("Subscribe to …", "Click here"), matched as the start of a lowercased line. (repair.rs)
    promotion_openers,
    /// Words that cannot end a heading (or a sentence): a line ending in one wraps onto the next. (repair.rs)
    dangling_words,
    /// Words between a subject and its cue that do not change who speaks. (attribution.rs)
    aux_and_adverbs,
    /// Words that end a speaker phrase when read leftwards from the cue. (attribution.rs)
    speaker_boundaries,
    /// Heads that are not the source of a statement ("this said", "it said" of a thing). (attribution.rs)
    non_agents,
    /// Pronouns that can speak: a speaker phrase headed by one is a pronoun source (or named, when it is resolved). (attribution.rs)
    pronoun_speakers,
    /// Words that hedge what is reported ("could", "reportedly"); read by attributions and by events. (attribution.rs)
    hedges,
    /// Words that hedge what is reported when "to" follows ("expected to", "appears to"). (attribution.rs)
    hedges_before_to,
    /// Modals of obligation: a content that holds one urges ("X said Y must …"). (attribution.rs)
    deontic,
    /// Words that open a condition ("if they cross", "unless"): a heading that drops one overstates. (headlines.rs)
    conditions,
    /// Verbs whose object is a listener, skipped before the content ("told reporters Y"). (attribution.rs)
    tell_verbs,
    /// Verbs that judge someone "of" or "for" something. (attribution.rs)
    judge_verbs,
    /// Words that open a time adjunct, not a speaker: "…, said Tuesday". (attribution.rs)
    time_words,
    /// Verb forms that are far more often nouns in news text. (attribution.rs)
    noun_like_forms,
    /// Verbs whose content may follow a preposition: "warned of Y", "agreed with Y". (attribution.rs)
    particle_verbs,
    /// Participles after a comma that continue the speaker's act, not the content: "confirmed Y, categorizing it as …", "described Y as Z, linking it to …". (attribution.rs)
    speaker_participles,
    /// Verbs whose speaker repeats another's statement: "X echoed Y's assessment that Z". (attribution.rs)
    echo_verbs,
    /// Verbs that frame their object "as" something: the content stops at "as" for denials. (attribution.rs)
    as_framers,
    /// Words that make what follows a statement of intent ("will allow", "ready to contribute"). (events.rs)
    intent,
    /// Verbs that take an infinitive without changing who acts: "attempted to appeal". (events.rs)
    catenatives,
    /// Days and day words: a time adjunct, not an actor ("on Friday", "yesterday"). (events.rs)
    days,
    /// Determiners and words that stand where one does: after one, a verb form is a noun ("the attack"). (events.rs)
    determiners,
    /// Prepositions: before a gerund they make it a noun ("accused of violating"); they end noun phrases. (events.rs)
    prepositions,
    /// A sentence opening with one of these starts with an adjunct whose events are background. (events.rs)
    fronted,
    /// Words that end a noun phrase read leftwards or rightwards. (events.rs)
    np_boundaries,
    /// Forms of "be" (and "get"): before a past participle they make a passive. (events.rs)
    be,
    /// Nouns that name a place when they head an argument ("the region", "the border"). (events.rs)
    place_nouns,
    /// Words that make a capitalised run an organisation. (entities.rs)
    org_keywords,
    /// Lowercase words after a place name that belong to it ("Kursk region"). (entities.rs)
    place_suffixes,
    /// Capitalised first words that make a name a place ("Mount Sinjar", "Lake Tana"). (entities.rs)
    place_first_words,
    /// Capitalised last words that make a name a place ("Hamrin Mountains", "Diyala Province"). (entities.rs)
    place_last_words,
    /// Lowercase words allowed inside a capitalised name ("Office of the President of Ukraine"). (entities.rs)
    name_connectors,
    /// Capitalised at a sentence's start, never the first word of a name there: prepositions, determiners, conjunctions and sentence adverbs ("Near Palmyra, …", "After Zarqawi died, …"). (entities.rs)
    never_open_a_name,
    /// Words a tagger may mark that are not names on their own. (entities.rs)
    not_names_alone,
    /// Personal pronouns that refer to a person: never an alias of an entity, and resolved to the last person. (entities.rs)
    person_pronouns,
    /// Abbreviations that stand before a name or a number and never end a sentence. (segment.rs)
    abbreviations_before_names,
    /// Abbreviations that may end a sentence: they end one only when the next word opens a sentence. (segment.rs)
    abbreviations_may_end,
    /// Words that typically open a sentence; after "U.S." or "Inc." they signal a sentence break. (segment.rs)
    sentence_starters,
}

/// The English word lists, parsed on first use.
pub fn en() -> &'static WordLists {
    static LISTS: OnceLock<WordLists> = OnceLock::new();
    LISTS.get_or_init(WordLists::builtin)
}

/// Months and days of the week (the time layer's names), which never join or open a name
/// ("Raqqah on Nov. 3"). Months that are also given names or words are left to the tagger:
/// "Theresa May", "June Carter", "March".
pub fn is_date_word(word: &str) -> bool {
    dossier_measures::is_month_or_weekday(word) && !matches!(word, "April" | "May" | "June" | "August" | "March")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_loads_and_holds_single_trimmed_words() {
        for (file, list) in en().all() {
            assert!(!list.is_empty(), "{file} is empty");
            for w in list.iter() {
                assert!(!w.is_empty() && w.trim() == w && !w.contains('\t'), "{file}: {w:?}");
                // The token view folds curly apostrophes: a word with one would never match.
                assert!(!w.contains('’') || file == "en/determiners.tsv", "{file}: {w:?}");
            }
        }
    }

    #[test]
    fn lookups() {
        let en = en();
        assert!(en.aux_and_adverbs.contains("reportedly"));
        assert!(en.hedges.contains("could") && !en.hedges.contains("said"));
        assert!(en.abbreviations_before_names.contains("Gen."));
        assert!(!en.org_keywords.contains("ministry"), "case matters");
        assert!(is_date_word("Tuesday") && !is_date_word("May"));
    }
}
