//! The `slugify` of unicode-slugify (0.1.5, the Flask app's), with its
//! defaults: the title in NFKC form; letters, digits and `-_~` kept, every
//! space separator (`Z*`) made a space, everything else dropped; trimmed;
//! each run of spaces and hyphens made one hyphen; lowercased. Letters
//! stay as they are (`only_ascii=False`): `Café Ünïcode` is
//! `café-ünïcode`.

use unicode_general_category::{get_general_category, GeneralCategory as C};
use unicode_normalization::UnicodeNormalization;

/// The characters kept besides letters and digits (`SLUG_OK`).
const SLUG_OK: &[char] = &['-', '_', '~'];

/// The slug of `title`, as the Flask app's `slugify(title)` makes it.
pub fn slugify(title: &str) -> String {
    let mut kept = String::with_capacity(title.len());
    for c in title.nfkc() {
        if is_letter_or_number(c) || SLUG_OK.contains(&c) {
            kept.push(c);
        } else if is_separator(c) {
            kept.push(' ');
        }
    }
    let mut slug = String::with_capacity(kept.len());
    let mut in_run = false;
    for c in kept.trim().chars() {
        if c == '-' || c.is_whitespace() {
            if !in_run {
                slug.push('-');
            }
            in_run = true;
        } else {
            slug.push(c);
            in_run = false;
        }
    }
    slug.to_lowercase()
}

/// Python's `unicodedata.category(c)[0] in "LN"`.
fn is_letter_or_number(c: char) -> bool {
    matches!(
        get_general_category(c),
        C::UppercaseLetter
            | C::LowercaseLetter
            | C::TitlecaseLetter
            | C::ModifierLetter
            | C::OtherLetter
            | C::DecimalNumber
            | C::LetterNumber
            | C::OtherNumber
    )
}

/// Python's `unicodedata.category(c)[0] == "Z"`.
fn is_separator(c: char) -> bool {
    matches!(
        get_general_category(c),
        C::SpaceSeparator | C::LineSeparator | C::ParagraphSeparator
    )
}

#[cfg(test)]
mod tests {
    use super::slugify;

    /// Each pair was checked against unicode-slugify 0.1.5 under Python 3.11.
    #[test]
    fn slugs_like_unicode_slugify() {
        for (title, slug) in [
            ("How to train your dragon", "how-to-train-your-dragon"),
            ("  Hello,   World!  ", "hello-world"),
            ("Café Ünïcode", "café-ünïcode"),
            ("a - b -- c", "a-b-c"),
            ("-Leading and trailing-", "-leading-and-trailing-"),
            ("snake_case ~tilde~", "snake_case-~tilde~"),
            ("tab\tand\nnewline", "tabandnewline"),
            ("ﬁve ½", "five-12"),
            ("Ünïcode\u{00a0}nbsp", "ünïcode-nbsp"),
            ("!!!", ""),
            ("日本語 タイトル", "日本語-タイトル"),
        ] {
            assert_eq!(slugify(title), slug, "{title:?}");
        }
    }
}
