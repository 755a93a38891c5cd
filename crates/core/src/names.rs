//! Checks on names shared by the per-article entity layer (crates/extract) and the store's
//! cross-article linking (crates/store): both must agree on what counts as evidence.

/// Whether the capitals of `acronym` are initials of the words of `name` (words split at spaces
/// and hyphens), the first capital the name's first initial and each initial used once, in any
/// order after the first (a translated name reorders its words: "UAAR" for the Union of
/// Rationalist Atheists and Agnostics): "KCNA" in "Korean Central News Agency", "DPRK" in
/// "Democratic People's Republic of Korea", "AFP" in "Agence France-Presse", "DoD" in
/// "Department of Defense"; not "AP" in "New York".
pub fn spells_out(name: &str, acronym: &str) -> bool {
    // Lower-case words count too ("al-Qaeda in Iraq (AQI)"); the first capital must still be the
    // first word's initial.
    let mut initials: Vec<char> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let mut capitals = acronym.chars().filter(|c| c.is_uppercase());
    match (capitals.next(), initials.first()) {
        (Some(c), Some(&i)) if c == i => initials.remove(0),
        _ => return false,
    };
    capitals.all(|c| match initials.iter().position(|&i| i == c) {
        Some(k) => {
            initials.remove(k);
            true
        }
        None => false,
    })
}

#[cfg(test)]
mod tests {
    use super::spells_out;

    #[test]
    fn an_acronym_is_a_name_only_when_the_name_spells_it_out() {
        for (name, acronym) in [
            ("Korean Central News Agency", "KCNA"),
            ("Democratic People's Republic of Korea", "DPRK"),
            ("United States of America", "US"),
            ("Agence France-Presse", "AFP"),
            ("Department of Defense", "DoD"),
            ("Islamic State of Iraq and the Levant", "ISIL"),
            ("Union of Rationalist Atheists and Agnostics", "UAAR"),
            ("al-Qaeda in Iraq", "AQI"),
        ] {
            assert!(spells_out(name, acronym), "{acronym} for {name}");
        }
        for (name, acronym) in [("New York", "AP"), ("Washington", "AFP"), ("United Nations", "UNN"), ("Reuters", "")] {
            assert!(!spells_out(name, acronym), "{acronym:?} is not {name}");
        }
    }
}
