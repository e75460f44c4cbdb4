//! How findings' messages word lists of names and counts: "A, B and C",
//! "A, B, C, D, E, F and 3 more", "3 teams". Shared by the rules and by the
//! rest of the app, which words its own lists the same way.

use std::fmt;

/// Joins display names for messages: "A, B and C".
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    NameList::all(names).to_string()
}

/// How many names a message lists before "and N more".
pub const NAMES_LISTED: usize = 6;

/// Keeps the first [`NAMES_LISTED`] of `names` in order: all that a
/// [`NameList::capped`] shows. A cycle can hold thousands of services, and
/// only the first few names are shown: selecting them takes one pass, where
/// sorting them all would not.
pub fn keep_first_names(names: &mut Vec<&str>) {
    if names.len() > NAMES_LISTED {
        // The NAMES_LISTED smallest now come first, in no order.
        names.select_nth_unstable(NAMES_LISTED);
        names.truncate(NAMES_LISTED);
    }
    names.sort_unstable();
}

/// Display names as a message shows them, written straight into the
/// message: analysis writes thousands of these, and a `String` for each list
/// would be one more allocation and copy per finding.
#[derive(Debug, Clone, Copy)]
pub struct NameList<'a, S> {
    names: &'a [S],
    /// Names not listed, counted in "and N more" instead.
    more: Option<usize>,
}

impl<'a, S: AsRef<str>> NameList<'a, S> {
    /// Every name: "A, B and C".
    pub fn all(names: &'a [S]) -> Self {
        NameList { names, more: None }
    }

    /// The first [`NAMES_LISTED`] of `names` (already in order), then
    /// "and N more" for the rest of `total`: "A, B, C, D, E, F and 3 more".
    pub fn capped(names: &'a [S], total: usize) -> Self {
        if total <= NAMES_LISTED && names.len() == total {
            return NameList::all(names);
        }
        let shown = names.len().min(NAMES_LISTED);
        NameList {
            names: &names[..shown],
            more: Some(total - shown),
        }
    }
}

impl<S: AsRef<str>> fmt::Display for NameList<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.names.len();
        for (i, name) in self.names.iter().enumerate() {
            if i > 0 {
                f.write_str(if self.more.is_none() && i + 1 == count {
                    " and "
                } else {
                    ", "
                })?;
            }
            f.write_str(name.as_ref())?;
        }
        match self.more {
            Some(more) => write!(f, " and {more} more"),
            None => Ok(()),
        }
    }
}

/// "1 team", "3 teams".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_join_names_naturally() {
        assert_eq!(join_names::<&str>(&[]), "");
        assert_eq!(join_names(&["A"]), "A");
        assert_eq!(join_names(&["A", "B"]), "A and B");
        assert_eq!(join_names(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn long_lists_name_the_first_few_and_count_the_rest() {
        let names = ["A", "B", "C", "D", "E", "F", "G", "H"];
        assert_eq!(NameList::capped(&names[..3], 3).to_string(), "A, B and C");
        assert_eq!(
            NameList::capped(&names, 8).to_string(),
            "A, B, C, D, E, F and 2 more"
        );
        assert_eq!(
            NameList::capped(&names[..2], 5).to_string(),
            "A, B and 3 more"
        );
        assert_eq!(
            NameList::capped(&names[..6], 6).to_string(),
            "A, B, C, D, E and F"
        );
    }
}
