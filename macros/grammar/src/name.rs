//! Parameter names: ASCII identifiers that a handler argument can bind.

/// Keywords that cannot be raw identifiers either, so no argument can bind
/// them (`_` is not a keyword, but it binds nothing).
const UNBINDABLE: [&str; 5] = ["self", "Self", "super", "crate", "_"];

/// Keywords (strict and reserved, 2015 to 2024 editions) that a handler
/// argument must spell as a raw identifier.
const RAW: [&str; 48] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Whether `name` is a Rust keyword that a handler argument must spell as a
/// raw identifier: `:ref` is received by `r#ref: String`.
///
/// This covers the strict and reserved keywords of every edition up to 2024
/// (so `gen` and `try` are included: `r#gen` is valid in every edition).
/// Weak keywords (`union`, `raw`, `safe`, `macro_rules`) are ordinary
/// identifiers and give `false`. So do `self`, `Self`, `super` and `crate`:
/// they are keywords that cannot be raw identifiers, and [`parse`](crate::parse)
/// refuses them as parameter names.
///
/// ```
/// use flaxum_grammar::is_keyword;
///
/// assert!(is_keyword("ref"));
/// assert!(is_keyword("type"));
/// assert!(!is_keyword("id"));
/// assert!(!is_keyword("union"));
/// assert!(!is_keyword("self"));
/// ```
pub fn is_keyword(name: &str) -> bool {
    RAW.contains(&name)
}

/// Checks a parameter name, giving the message of the problem if any.
pub(crate) fn check(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("empty parameter name".into());
    }
    let mut bytes = name.bytes();
    let first_ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    if !first_ok || !bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(format!(
            "invalid parameter name `{name}`: a name is an ASCII identifier \
             (a letter or `_`, then letters, digits or `_`)"
        ));
    }
    if UNBINDABLE.contains(&name) {
        return Err(format!(
            "parameter name `{name}` cannot be used: no Rust function argument can be named \
             `{name}`, not even as a raw identifier"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_pass() {
        for name in ["id", "_id", "a1", "userId", "r", "ref", "__", "A_B_9"] {
            assert_eq!(check(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn non_identifiers_fail() {
        for name in ["1a", "a-b", "café", "a b", "r#ref", "é"] {
            assert!(check(name)
                .unwrap_err()
                .starts_with("invalid parameter name"));
        }
        assert_eq!(check(""), Err("empty parameter name".into()));
    }

    #[test]
    fn unbindable_keywords_fail() {
        for name in UNBINDABLE {
            assert!(
                check(name).unwrap_err().contains("cannot be used"),
                "{name}"
            );
            assert!(!is_keyword(name));
        }
    }

    #[test]
    fn keyword_list_is_sorted_and_unique() {
        assert!(RAW.windows(2).all(|w| w[0] < w[1]));
    }
}
