//! Closed-class English words that the extractors read: auxiliaries, hedges, pronouns,
//! prepositions, months and days.

/// Months and days of the week (the time layer's names), which never join or open a name
/// ("Raqqah on Nov. 3"). Months that are also given names or words are left to the tagger:
/// "Theresa May", "June Carter", "March".
pub fn is_date_word(word: &str) -> bool {
    dossier_measures::is_month_or_weekday(word) && !matches!(word, "April" | "May" | "June" | "August" | "March")
}
