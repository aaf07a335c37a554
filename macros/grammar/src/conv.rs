//! Flask's converters and their arguments, with werkzeug's signatures:
//! `string(minlength=1, maxlength=None, length=None)`,
//! `int(fixed_digits=0, min=None, max=None, signed=False)`,
//! `float(min=None, max=None, signed=False)`, `uuid`, `any(*items)`, `path`.

use core::ops::Range;

use crate::args::{self, py_float, py_int, Arg, Value};
use crate::{Conv, Error};

/// What a converter makes of its parameter.
#[derive(Debug)]
pub(crate) enum Built {
    Param(Conv),
    /// `path`: a catch-all.
    CatchAll,
}

const CONVERTERS: &str = "string, int, float, uuid, any, path";
const STRING_ARGS: [&str; 3] = ["minlength", "maxlength", "length"];
const INT_ARGS: [&str; 4] = ["fixed_digits", "min", "max", "signed"];
const FLOAT_ARGS: [&str; 3] = ["min", "max", "signed"];
/// The most digits an `int` bound (an `i128`) can have.
const MAX_DIGITS: i128 = 39;

/// The converter named `path[name]` with the arguments `path[args]` (the
/// text between the parentheses, when there are parentheses). `None` when
/// something is wrong, which is reported into `errors`.
pub(crate) fn build(
    path: &str,
    name: Range<usize>,
    args: Option<Range<usize>>,
    errors: &mut Vec<Error>,
) -> Option<Built> {
    let conv = &path[name.clone()];
    let built_in = matches!(
        conv,
        "default" | "string" | "int" | "float" | "uuid" | "any" | "path"
    );
    if !built_in && is_custom_name(conv) {
        // A custom converter: the handler argument's type says what it
        // matches, so there is nothing to pass it.
        if let Some(args) = args {
            let message = format!(
                "converter `{conv}` is not built in, and a custom converter takes no arguments: \
                 its type declares what it matches (`UrlConverter::MATCHES`)"
            );
            errors.push(Error::new(message, args));
            return None;
        }
        return Some(Built::Param(Conv::Custom(conv.to_owned())));
    }
    if !built_in {
        let message = if conv.is_empty() {
            let sep = &path[name.end..name.end + 1];
            format!("missing converter name before `{sep}`; the converters are {CONVERTERS}")
        } else {
            format!("unknown converter `{conv}`; the converters are {CONVERTERS}")
        };
        let span = if conv.is_empty() {
            name.start - 1..name.end + 1
        } else {
            name
        };
        errors.push(Error::new(message, span));
        return None;
    }
    let list = match args.clone() {
        Some(range) => args::split(path, range, errors)?,
        None => Vec::new(),
    };
    let before = errors.len();
    let built = match conv {
        "int" => int(path, &list, errors).map(Built::Param),
        "float" => float(path, &list, errors).map(Built::Param),
        "any" => any(&list, name, errors).map(Built::Param),
        "uuid" | "path" if !list.is_empty() => {
            let span = args.unwrap_or(name);
            let message = format!("converter `{conv}` takes no arguments");
            errors.push(Error::new(message, span));
            None
        }
        "uuid" => Some(Built::Param(Conv::Uuid)),
        "path" => Some(Built::CatchAll),
        _ => string(path, &list, errors).map(Built::Param),
    };
    built.filter(|_| errors.len() == before)
}

/// Whether `name` can name a custom converter: an ASCII identifier, as
/// a Flask app registers one (`app.url_map.converters["slug"]`).
fn is_custom_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Matches the arguments to the parameters `params` of converter `conv`,
/// as Python would: positional ones in order, then keyword ones by name.
/// `None` when they do not fit (reported into `errors`).
fn bind<'a, const N: usize>(
    conv: &str,
    params: [&str; N],
    args: &'a [Arg],
    errors: &mut Vec<Error>,
) -> Option<[Option<&'a Arg>; N]> {
    let mut slots = [None; N];
    let mut ok = true;
    let mut positional = 0;
    let mut seen_keyword = false;
    for arg in args {
        let slot = match &arg.key {
            None if seen_keyword => {
                let message = "positional argument after keyword argument";
                errors.push(Error::new(message, arg.span.clone()));
                ok = false;
                continue;
            }
            None => {
                positional += 1;
                positional - 1
            }
            Some((key, key_span)) => {
                seen_keyword = true;
                let Some(k) = params.iter().position(|p| p == key) else {
                    let message = format!(
                        "unknown argument `{key}` for converter `{conv}`; the arguments are {}",
                        params.join(", ")
                    );
                    errors.push(Error::new(message, key_span.clone()));
                    ok = false;
                    continue;
                };
                k
            }
        };
        let message = match slots.get(slot) {
            None => format!(
                "too many arguments for converter `{conv}`: it takes {}",
                params.join(", ")
            ),
            Some(Some(_)) => format!("argument `{}` given twice", params[slot]),
            Some(None) => {
                slots[slot] = Some(arg);
                continue;
            }
        };
        errors.push(Error::new(message, arg.span.clone()));
        ok = false;
    }
    ok.then_some(slots)
}

/// The argument as written in the path.
fn written<'p>(path: &'p str, arg: &Arg) -> &'p str {
    &path[arg.value_span.clone()]
}

/// An integer argument; `None` also when written `None` and `allow_none`.
fn int_value(path: &str, arg: &Arg, name: &str, allow_none: bool) -> Result<Option<i128>, Error> {
    let wrong = || {
        let message = format!(
            "argument `{name}` must be an integer, not `{}`",
            written(path, arg)
        );
        Error::new(message, arg.value_span.clone())
    };
    let Value::Bare(text) = &arg.value else {
        return Err(wrong());
    };
    if allow_none && text == "None" {
        return Ok(None);
    }
    match py_int(text) {
        Some(Some(v)) => Ok(Some(v)),
        Some(None) => Err(Error::new(
            format!("argument `{name}` is out of range: it must fit in 128 bits"),
            arg.value_span.clone(),
        )),
        None => Err(wrong()),
    }
}

/// A number argument (integers included); `None` also when written `None`.
fn float_value(path: &str, arg: &Arg, name: &str) -> Result<Option<f64>, Error> {
    let text = match &arg.value {
        Value::Bare(text) if text == "None" => return Ok(None),
        Value::Bare(text) => py_float(text),
        Value::Quoted(_) => None,
    };
    match text {
        Some(v) if !v.is_nan() => Ok(Some(v)),
        _ => Err(Error::new(
            format!(
                "argument `{name}` must be a number, not `{}`",
                written(path, arg)
            ),
            arg.value_span.clone(),
        )),
    }
}

/// A `True`/`False` argument.
fn bool_value(path: &str, arg: &Arg, name: &str) -> Result<bool, Error> {
    match &arg.value {
        Value::Bare(text) if text == "True" => Ok(true),
        Value::Bare(text) if text == "False" => Ok(false),
        _ => Err(Error::new(
            format!(
                "argument `{name}` must be True or False, not `{}`",
                written(path, arg)
            ),
            arg.value_span.clone(),
        )),
    }
}

/// Runs `f` on the argument if given, moving an error into `errors`.
fn get<T>(
    arg: Option<&Arg>,
    errors: &mut Vec<Error>,
    f: impl FnOnce(&Arg) -> Result<T, Error>,
) -> Option<T> {
    match f(arg?) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// The span from the start of the earlier argument to the end of the later.
fn cover(a: &Arg, b: &Arg) -> Range<usize> {
    a.span.start.min(b.span.start)..a.span.end.max(b.span.end)
}

/// A `minlength`, `maxlength` or `length`: at least 1, at most `u32::MAX`.
fn length_value(path: &str, arg: &Arg, name: &str) -> Result<Option<u32>, Error> {
    let Some(v) = int_value(path, arg, name, name != "minlength")? else {
        return Ok(None);
    };
    if v < 1 {
        let message = format!(
            "argument `{name}` must be at least 1: an empty segment never binds a parameter"
        );
        return Err(Error::new(message, arg.value_span.clone()));
    }
    u32::try_from(v).map(Some).map_err(|_| {
        let message = format!("argument `{name}` is too large (at most {})", u32::MAX);
        Error::new(message, arg.value_span.clone())
    })
}

/// `string(minlength=1, maxlength=None, length=None)`, alias `default`.
fn string(path: &str, args: &[Arg], errors: &mut Vec<Error>) -> Option<Conv> {
    let [min_arg, max_arg, len_arg] = bind("string", STRING_ARGS, args, errors)?;
    let min = get(min_arg, errors, |a| length_value(path, a, "minlength"));
    let max = get(max_arg, errors, |a| length_value(path, a, "maxlength"));
    let len = get(len_arg, errors, |a| length_value(path, a, "length"));
    let max_given = max.is_some_and(|m| m.is_some());
    let len_given = len.is_some_and(|l| l.is_some());
    if let Some(len_arg) = len_arg.filter(|_| len_given && (min_arg.is_some() || max_given)) {
        let message = "`length` cannot be combined with `minlength` or `maxlength`";
        errors.push(Error::new(message, len_arg.span.clone()));
        return None;
    }
    if let Some(len) = len.flatten() {
        return Some(Conv::String { min: len, max: len });
    }
    let min = min.flatten().unwrap_or(1);
    let max = max.flatten().unwrap_or(u32::MAX);
    if let (Some(a), Some(b), true) = (min_arg, max_arg, min > max) {
        let message = format!(
            "`minlength` ({}) is greater than `maxlength` ({})",
            written(path, a),
            written(path, b)
        );
        errors.push(Error::new(message, cover(a, b)));
    }
    Some(Conv::String { min, max })
}

/// Checks that `min..=max` of a number converter can accept some value.
fn check_range<T: PartialOrd + Default>(
    path: &str,
    bounds: [(Option<&Arg>, Option<T>); 2],
    signed: bool,
    errors: &mut Vec<Error>,
) {
    let [(min_arg, min), (max_arg, max)] = bounds;
    if let (Some(a), Some(b), Some(min), Some(max)) = (min_arg, max_arg, &min, &max) {
        if min > max {
            let message = format!(
                "`min` ({}) is greater than `max` ({})",
                written(path, a),
                written(path, b)
            );
            errors.push(Error::new(message, cover(a, b)));
            return;
        }
    }
    if let (Some(b), Some(max)) = (max_arg, max) {
        if !signed && max < T::default() {
            let message = format!(
                "`max` ({}) is negative but the converter is unsigned: add `signed=True`",
                written(path, b)
            );
            errors.push(Error::new(message, b.value_span.clone()));
        }
    }
}

/// `int(fixed_digits=0, min=None, max=None, signed=False)`.
fn int(path: &str, args: &[Arg], errors: &mut Vec<Error>) -> Option<Conv> {
    let [fixed_arg, min_arg, max_arg, signed_arg] = bind("int", INT_ARGS, args, errors)?;
    let fixed = get(fixed_arg, errors, |a| {
        let v = int_value(path, a, "fixed_digits", false)?.unwrap_or(0);
        let problem = match v {
            ..0 => "cannot be negative".to_string(),
            0..=MAX_DIGITS => return Ok(v as u8),
            _ => format!("is too large: an `int` has at most {MAX_DIGITS} digits"),
        };
        let message = format!("argument `fixed_digits` {problem}");
        Err(Error::new(message, a.value_span.clone()))
    });
    let min = get(min_arg, errors, |a| int_value(path, a, "min", true)).flatten();
    let max = get(max_arg, errors, |a| int_value(path, a, "max", true)).flatten();
    let signed = get(signed_arg, errors, |a| bool_value(path, a, "signed")).unwrap_or(false);
    check_range(path, [(min_arg, min), (max_arg, max)], signed, errors);
    Some(Conv::Int {
        min,
        max,
        fixed_digits: fixed.unwrap_or(0),
        signed,
    })
}

/// `float(min=None, max=None, signed=False)`.
fn float(path: &str, args: &[Arg], errors: &mut Vec<Error>) -> Option<Conv> {
    let [min_arg, max_arg, signed_arg] = bind("float", FLOAT_ARGS, args, errors)?;
    let min = get(min_arg, errors, |a| float_value(path, a, "min")).flatten();
    let max = get(max_arg, errors, |a| float_value(path, a, "max")).flatten();
    let signed = get(signed_arg, errors, |a| bool_value(path, a, "signed")).unwrap_or(false);
    check_range(path, [(min_arg, min), (max_arg, max)], signed, errors);
    Some(Conv::Float { min, max, signed })
}

/// `any(*items)`: one or more words, quoted or not, each kept once.
fn any(args: &[Arg], name: Range<usize>, errors: &mut Vec<Error>) -> Option<Conv> {
    if args.is_empty() {
        let message = "`any` needs at least one word, e.g. `<any(en, de):lang>`";
        errors.push(Error::new(message, name));
        return None;
    }
    let mut words: Vec<String> = Vec::new();
    for arg in args {
        let word = match &arg.value {
            Value::Quoted(w) | Value::Bare(w) => w,
        };
        let problem = if let Some((key, _)) = &arg.key {
            format!("`any` takes only words, not keyword arguments such as `{key}=`")
        } else if word.is_empty() {
            "empty word in `any`".to_string()
        } else if word.contains('/') {
            format!("the word `{word}` of `any` cannot contain `/`")
        } else {
            if !words.contains(word) {
                words.push(word.clone());
            }
            continue;
        };
        errors.push(Error::new(problem, arg.span.clone()));
    }
    Some(Conv::Any(words))
}
