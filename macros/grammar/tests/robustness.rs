//! Pseudo-random paths built from the grammar's own pieces: `parse` never
//! panics, and what it returns is well formed.

use flaxum_grammar::{parse, Seg};

const PIECES: &[&str] = &[
    "/",
    "/",
    "/",
    ":",
    "*",
    "<",
    ">",
    "{",
    "}",
    "(",
    ")",
    "'",
    "\"",
    ",",
    "=",
    "%",
    "%2f",
    "%e9",
    "a",
    "b",
    "id",
    "1",
    "_",
    " ",
    "é",
    "日",
    "int",
    "string",
    "default",
    "any",
    "path",
    "uuid",
    "float",
    "min",
    "max",
    "length",
    "minlength",
    "signed",
    "True",
    "None",
    "-",
    ".",
    "..",
    "?",
    "#",
    "2",
    "F",
    "\t",
    "self",
    "ref",
];

/// A small deterministic generator (xorshift64*), so that failures repeat.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

fn is_canonical(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = |c: u8| c.is_ascii_digit() || (b'A'..=b'F').contains(&c);
            if i + 2 >= b.len() || !hex(b[i + 1]) || !hex(b[i + 2]) {
                return false;
            }
            i += 3;
        } else if b[i].is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

fn check_ok(path: &str, segs: &[Seg]) {
    assert!(!segs.is_empty(), "{path:?}");
    let mut names = std::collections::HashSet::new();
    let mut prev_end = 0;
    for (k, seg) in segs.iter().enumerate() {
        let last = k + 1 == segs.len();
        let span = seg.span();
        assert!(prev_end < span.start, "{path:?}");
        assert!(path.get(span.clone()).is_some(), "{path:?}");
        prev_end = span.end;
        match seg {
            Seg::Static { text, .. } => {
                assert!(is_canonical(text), "{path:?}: {text:?}");
                assert!(!text.is_empty() || last, "{path:?}");
                // Canonical text is a fixed point (a leading `:` or `*`
                // would start a parameter when written back into a path).
                if !text.starts_with([':', '*']) {
                    let again = parse(&format!("/{text}"));
                    let same =
                        matches!(&again.as_deref(), Ok([Seg::Static { text: t, .. }]) if t == text);
                    assert!(same, "{path:?}: {text:?} gives {again:?}");
                }
            }
            Seg::CatchAll { .. } => assert!(last, "{path:?}"),
            Seg::Param { .. } => {}
        }
        if let Some(name) = seg.param_name() {
            assert!(names.insert(name.to_string()), "{path:?}");
            assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        }
    }
    assert_eq!(prev_end, path.len(), "{path:?}");
}

#[test]
fn random_paths_never_panic_and_give_well_formed_results() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut oks, mut errs) = (0, 0);
    for _ in 0..60_000 {
        let mut path = String::new();
        if rng.below(8) != 0 {
            path.push('/');
        }
        for _ in 0..rng.below(14) {
            path.push_str(PIECES[rng.below(PIECES.len())]);
        }
        match parse(&path) {
            Ok(segs) => {
                check_ok(&path, &segs);
                oks += 1;
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                for e in &errors {
                    assert!(
                        e.span.start <= e.span.end && e.span.end <= path.len(),
                        "{path:?}"
                    );
                    assert!(path.is_char_boundary(e.span.start), "{path:?}");
                    assert!(path.is_char_boundary(e.span.end), "{path:?}");
                    assert!(e.render(&path).starts_with(&e.message));
                }
                assert!(errors
                    .windows(2)
                    .all(|w| w[0].span.start <= w[1].span.start));
                errs += 1;
            }
        }
    }
    assert!(oks > 1_000 && errs > 1_000, "{oks} {errs}");
}
