//! The handler's signature: which arguments are path parameters and which
//! are extractors, checked against the routes' parameters.

use syn::spanned::Spanned;
use syn::{FnArg, Ident, ItemFn, Pat, Type};

use crate::diag::Errors;
use crate::syntax::{unraw, RouteAttr};
use flaxum_grammar::{Conv, Seg};

/// A route handler, as far as the glue needs to know it.
pub(crate) struct Handler {
    /// The function's name.
    pub ident: Ident,
    /// The arguments, in order.
    pub args: Vec<Arg>,
}

/// One argument of the handler.
pub(crate) struct Arg {
    /// Its name when the pattern is a plain identifier (raw prefix removed):
    /// such an argument may receive a path parameter.
    pub name: Option<String>,
    /// Its type.
    pub ty: Type,
    /// Marked `#[body]`: an extractor of the caller's own that reads the
    /// body (`FromRequest`), which the type's name cannot tell.
    pub body: bool,
}

impl Handler {
    /// Checks the signature. The handler comes back even when the glue
    /// cannot be generated (`false`), so its routes are still checked and
    /// every problem is reported at once.
    pub fn analyze(item: &ItemFn, errors: &mut Errors) -> (Handler, bool) {
        let sig = &item.sig;
        let mut ok = true;
        if sig.asyncness.is_none() {
            errors.spanned(
                sig.fn_token.span,
                format!(
                    "a route handler must be an `async fn`: write `async fn {}`",
                    sig.ident
                ),
            );
            ok = false;
        }
        if !sig.generics.params.is_empty() {
            let only_lifetimes = sig
                .generics
                .params
                .iter()
                .all(|p| matches!(p, syn::GenericParam::Lifetime(_)));
            if !only_lifetimes {
                errors.spanned(
                    sig.generics.span(),
                    "a route handler cannot be generic: the route table needs one concrete function",
                );
                ok = false;
            }
        }
        let mut args = Vec::new();
        for input in &sig.inputs {
            match input {
                FnArg::Receiver(r) => {
                    errors.spanned(r.span(), "a route handler cannot take `self`");
                    ok = false;
                }
                FnArg::Typed(t) => {
                    let name = match &*t.pat {
                        Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                            Some(unraw(&p.ident))
                        }
                        _ => None,
                    };
                    args.push(Arg {
                        name,
                        ty: (*t.ty).clone(),
                        body: t.attrs.iter().any(|a| a.path().is_ident("body")),
                    });
                }
            }
        }
        (
            Handler {
                ident: sig.ident.clone(),
                args,
            },
            ok,
        )
    }

    /// The index of the argument that receives path parameter `name`.
    pub fn param_arg(&self, name: &str) -> Option<usize> {
        self.args
            .iter()
            .position(|a| a.name.as_deref() == Some(name))
    }

    /// Every parameter of every route has an argument of that name, and
    /// every argument that is a parameter of one route is one of all.
    pub fn check_params(&self, attrs: &[RouteAttr], errors: &mut Errors) {
        let parsed: Vec<(&RouteAttr, &Vec<flaxum_grammar::Seg>)> = attrs
            .iter()
            .filter_map(|a| a.segs.as_ref().map(|s| (a, s)))
            .collect();
        for (attr, segs) in &parsed {
            for seg in segs.iter() {
                let Some(name) = seg.param_name() else {
                    continue;
                };
                if let (
                    Seg::Param {
                        conv: Conv::Custom(conv),
                        ..
                    },
                    Some(i),
                ) = (seg, self.param_arg(name))
                {
                    self.check_custom(attr, seg, conv, i, &parsed, errors);
                }
                if self.param_arg(name).is_none() {
                    let msg = format!(
                        "path parameter `{name}` has no handler argument named `{name}`; add `{}: …` to `{}`",
                        raw_name(name),
                        self.ident
                    );
                    errors.spanned(attr.path.span(), caret(attr, seg.span(), msg));
                }
            }
        }
        for arg in &self.args {
            let Some(name) = &arg.name else { continue };
            let Some((from, _)) = parsed
                .iter()
                .find(|(_, segs)| segs.iter().any(|s| s.param_name() == Some(name)))
            else {
                continue;
            };
            for (attr, segs) in &parsed {
                if !segs.iter().any(|s| s.param_name() == Some(name)) {
                    errors.spanned(
                        attr.path.span(),
                        format!(
                            "this route has no parameter `{name}`, but `{}` takes `{name}` from `{}`: \
                             every route of one handler must have the same parameters",
                            self.ident,
                            from.path.value()
                        ),
                    );
                }
            }
        }
    }
}

impl Handler {
    /// A converter that is not built in names a custom converter, which
    /// only a type of the app's can be: with a standard type, the name is
    /// a mistake (`<integer:id>` with `id: u64`). Every route of the
    /// handler names the same converter for the parameter.
    fn check_custom(
        &self,
        attr: &RouteAttr,
        seg: &Seg,
        conv: &str,
        i: usize,
        parsed: &[(&RouteAttr, &Vec<Seg>)],
        errors: &mut Errors,
    ) {
        let ty = &self.args[i].ty;
        let standard = is_primitive(ty)
            || matches!(last_ident(ty).as_deref(), Some("String" | "Cow" | "Uuid"));
        // `<` then the converter's name.
        let at = seg.span().start + 1;
        if standard {
            let msg = format!(
                "unknown converter `{conv}`; the converters are string, int, float, uuid, any, \
                 path, or a type of yours that implements `flaxum::UrlConverter`"
            );
            errors.spanned(attr.path.span(), caret(attr, at..at + conv.len(), msg));
            return;
        }
        let name = seg.param_name().unwrap_or_default();
        for (other, segs) in parsed {
            let differs = segs.iter().any(|s| match s {
                Seg::Param {
                    name: n, conv: c, ..
                } if n == name => !matches!(c, Conv::Custom(c) if c == conv),
                Seg::CatchAll { name: n, .. } => n == name,
                _ => false,
            });
            if differs {
                errors.spanned(
                    other.path.span(),
                    format!(
                        "`{name}` has converter `{conv}` in `{}` and another one here: \
                         a custom converter's parameter has it in every route of the handler",
                        attr.path.value()
                    ),
                );
            }
        }
    }

    /// Mistakes the compiler would report at the `routes!` call, in many
    /// lines, found here from the syntax with a clear message: an argument
    /// that reads the body before the last one, and a primitive that is not
    /// a parameter (no extractor can produce one).
    pub fn check_extractors(&self, attrs: &[RouteAttr], errors: &mut Errors) {
        if attrs.iter().any(|a| a.segs.is_none()) {
            // A path that did not parse says nothing about its parameters.
            return;
        }
        let is_param = |name: &Option<String>| {
            name.as_deref().is_some_and(|n| {
                attrs.iter().any(|a| {
                    a.segs
                        .as_deref()
                        .unwrap_or_default()
                        .iter()
                        .any(|s| s.param_name() == Some(n))
                })
            })
        };
        let extractors: Vec<&Arg> = self.args.iter().filter(|a| !is_param(&a.name)).collect();
        let path = attrs.first().map(|a| a.path.value()).unwrap_or_default();
        for (i, arg) in extractors.iter().enumerate() {
            let last = i + 1 == extractors.len();
            let ty_name = last_ident(&arg.ty);
            if let (Some(name), true) = (&arg.name, is_primitive(&arg.ty)) {
                errors.spanned(
                    arg.ty.span(),
                    format!(
                        "`{name}` is not a parameter of `{path}`: add it to the path \
                         (e.g. `<{name}>`), or read it from the query string with `Query<…>`"
                    ),
                );
            } else if !last && arg.body {
                errors.spanned(
                    arg.ty.span(),
                    format!(
                        "an argument marked `#[body]` reads the request body, so it must be the last argument of `{}`",
                        self.ident
                    ),
                );
            } else if !last && ty_name.as_deref().is_some_and(|t| BODY_TYPES.contains(&t)) {
                let msg = match &arg.name {
                    Some(name) if ty_name.as_deref() == Some("String") => format!(
                        "`{name}: String` is not a parameter of `{path}`: as a `String` it would \
                         receive the request body, which only the last argument of `{}` can",
                        self.ident
                    ),
                    _ => format!(
                        "`{}` reads the request body, so it must be the last argument of `{}`",
                        ty_name.unwrap_or_default(),
                        self.ident
                    ),
                };
                errors.spanned(arg.ty.span(), msg);
            }
        }
    }
}

/// Extractors that consume the body.
pub(crate) const BODY_TYPES: [&str; 9] = [
    "Json",
    "Form",
    "String",
    "Bytes",
    "Request",
    "Body",
    "Multipart",
    "RawForm",
    "FormData",
];

/// Whether the last argument, an extractor, reads the body: marked
/// `#[body]`, or one of [`BODY_TYPES`], alone or in an `Option` or a
/// `Result`. Any other extractor is taken from the request head.
pub(crate) fn reads_body(arg: &Arg) -> bool {
    fn named(ty: &Type) -> bool {
        let Type::Path(p) = ty else { return false };
        let Some(last) = p.path.segments.last() else {
            return false;
        };
        let name = last.ident.to_string();
        if BODY_TYPES.contains(&name.as_str()) {
            return true;
        }
        if name == "Option" || name == "Result" {
            if let syn::PathArguments::AngleBracketed(a) = &last.arguments {
                if let Some(syn::GenericArgument::Type(inner)) = a.args.first() {
                    return named(inner);
                }
            }
        }
        false
    }
    arg.body || named(&arg.ty)
}

/// Removes the `#[body]` marks, which only the route attribute reads.
pub(crate) fn strip_marks(item: &mut ItemFn) {
    for input in item.sig.inputs.iter_mut() {
        if let FnArg::Typed(t) = input {
            t.attrs.retain(|a| !a.path().is_ident("body"));
        }
    }
}

pub(crate) fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Types no extractor can produce (the orphan rule forbids such impls).
fn is_primitive(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) => matches!(&*r.elem, Type::Path(p) if p.path.is_ident("str")),
        Type::Path(p) if p.path.segments.len() == 1 => {
            crate::syntax::is_primitive(&p.path.segments[0].ident.to_string())
        }
        _ => false,
    }
}

/// The message with the path and a caret line under `span`.
fn caret(attr: &RouteAttr, span: core::ops::Range<usize>, message: String) -> String {
    flaxum_grammar::Error { message, span }.render(&attr.path.value())
}

/// How the argument for parameter `name` is written: `r#ref` for `ref`.
pub(crate) fn raw_name(name: &str) -> String {
    if flaxum_grammar::is_keyword(name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}
