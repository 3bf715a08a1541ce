//! ISO 3166 country codes: which ids a state may take, and the name behind a code, for the checker's hints.

mod codes;
mod cow;

/// Whether `id` is an ISO 3166-1 alpha-3 code, a former code of ISO 3166-3 (SUN, DDR, YUG), or a code ISO
/// leaves to its users (`AAA`–`AAZ`, `QMA`–`QZZ`, `XAA`–`XZZ`, `ZZA`–`ZZZ`: the levels' groups take `X..`).
pub fn is_code(id: &str) -> bool {
    user_assigned(id) || names(id).is_some()
}

fn user_assigned(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 3
        && b.iter().all(u8::is_ascii_uppercase)
        && (b[0] == b'X' || (b[0] == b'A' && b[1] == b'A') || (b[0] == b'Q' && b[1] >= b'M') || (b[0] == b'Z' && b[1] == b'Z'))
}

/// The names ISO gives a code, if it is one.
pub fn names(id: &str) -> Option<&'static [&'static str]> {
    codes::CODES.binary_search_by(|(c, _)| c.cmp(&id)).ok().map(|i| codes::CODES[i].1)
}

include!(concat!(env!("OUT_DIR"), "/map_codes.rs"));

/// Whether the world map draws a country with this code: a modern ISO code, or one of the map's own for a state
/// ISO does not list (Kosovo `XKX`, Northern Cyprus `CYN`, Somaliland `SOL`). A small island state may be too
/// small to be drawn.
pub fn on_the_map(id: &str) -> bool {
    MAP_CODES.binary_search(&id).is_ok()
}

/// Whether `id` is a former code of ISO 3166-3 (SUN, CSK, YUG): a state that no longer exists, which no modern
/// map draws.
pub fn is_former(id: &str) -> bool {
    codes::FORMER.binary_search(&id).is_ok()
}

/// The ISO code of the state a Correlates of War abbreviation stands for, where the two differ (`HON` → `HND`).
pub fn iso_of_cow(id: &str) -> Option<&'static str> {
    cow::COW_TO_ISO.binary_search_by(|(c, _)| c.cmp(&id)).ok().map(|i| cow::COW_TO_ISO[i].1)
}

/// The code ISO gives a state of this name ("Bulgaria" → `BGR`), matched without regard to case.
pub fn code_of(name: &str) -> Option<&'static str> {
    let name = name.trim();
    codes::CODES.iter().find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(name))).map(|(c, _)| *c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn current_former_and_user_assigned_codes_are_codes_and_cow_codes_are_not() {
        for id in ["BGR", "GBR", "SUN", "DDR", "YUG", "CSK", "XEV", "QZA"] {
            assert!(super::is_code(id), "{id}");
        }
        for id in ["BUL", "UKG", "FRN", "GDR", "bgr", "BG", "BGRX"] {
            assert!(!super::is_code(id), "{id}");
        }
    }

    #[test]
    fn a_name_finds_its_code_and_a_code_its_names() {
        assert_eq!(super::code_of("bulgaria"), Some("BGR"));
        assert_eq!(super::code_of("Atlantis"), None);
        assert!(super::names("SUN").is_some_and(|n| n.iter().any(|n| n.contains("Soviet"))));
    }

    #[test]
    fn a_cow_abbreviation_leads_to_the_iso_code_of_the_same_state_and_the_table_is_sorted() {
        assert_eq!(super::iso_of_cow("HON"), Some("HND"));
        assert_eq!(super::iso_of_cow("ROM"), Some("ROU"));
        assert_eq!(super::iso_of_cow("USA"), None, "the same in both");
        let keys: Vec<&str> = super::cow::COW_TO_ISO.iter().map(|(c, _)| *c).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted for the binary search, no key twice");
        assert!(super::cow::COW_TO_ISO.iter().all(|(_, iso)| super::is_code(iso)), "every target is an ISO code");
    }
}
