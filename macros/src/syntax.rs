//! What the macros share: the route attribute as parsed, `key = value`
//! arguments, lists of function names, and the names of the companion types
//! they generate.

use proc_macro2::Span;
use quote::format_ident;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Expr, ExprArray, Ident, LitStr, Token};

use crate::diag::Errors;

pub(crate) use flaxum_grammar::METHODS;

/// One route attribute, parsed.
pub(crate) struct RouteAttr {
    /// Upper-case method names with the span to blame.
    pub methods: Vec<(String, Span)>,
    /// The path literal.
    pub path: LitStr,
    /// The parsed path, when it parsed.
    pub segs: Option<Vec<flaxum_grammar::Seg>>,
    /// Flask's `strict_slashes`.
    pub strict_slashes: bool,
    /// The route's own middleware, outermost first.
    pub middleware: Option<Vec<syn::Path>>,
    /// `responses(201 = Article, 204)`: what the OpenAPI document says
    /// the handler answers, where its return type cannot tell.
    pub responses: Vec<ResponseSpec>,
    /// The attribute, for spans of the emitted descriptor.
    pub span: Span,
}

/// One status of a route's `responses(…)`, with the type of its JSON body.
#[cfg_attr(not(feature = "openapi"), allow(dead_code))]
pub(crate) struct ResponseSpec {
    pub status: u16,
    pub ty: Option<syn::Type>,
}

/// One `key = value` argument: a route attribute's options, `routes!`'s
/// and `blueprint!`'s, and `url_for!`'s values. The key may be any
/// identifier, keywords included (`type = …`), so that a misspelled or
/// unknown key is reported by name rather than as a syntax error.
pub(crate) struct KeyValue {
    pub key: Ident,
    pub value: Expr,
}

impl Parse for KeyValue {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        // Not an identifier at all: the message `Ident`'s own parser gives.
        if !input.peek(Ident::peek_any) {
            return Err(input.error("expected identifier"));
        }
        let key = input.call(Ident::parse_any)?;
        input.parse::<Token![=]>()?;
        let value = input.parse()?;
        Ok(KeyValue { key, value })
    }
}

/// The middleware of a handler's routes (they share one list).
pub(crate) fn middleware_of(attrs: &[RouteAttr]) -> Vec<syn::Path> {
    attrs
        .first()
        .and_then(|a| a.middleware.clone())
        .unwrap_or_default()
}

/// `[a, module::b]`: the names of functions declared with an attribute
/// (`#[middleware]` and the like).
pub(crate) fn path_list(value: &Expr, key: &str, errors: &mut Errors) -> Vec<syn::Path> {
    let Expr::Array(ExprArray { elems, .. }) = value else {
        errors.spanned(
            span_of_expr(value),
            format!("`{key}` takes a list of function names, e.g. `{key} = [require_login]`"),
        );
        return Vec::new();
    };
    let mut out: Vec<syn::Path> = Vec::new();
    for e in elems {
        match e {
            Expr::Path(p) if p.qself.is_none() => {
                let key_of = |p: &syn::Path| quote::quote!(#p).to_string();
                if out.iter().any(|q| key_of(q) == key_of(&p.path)) {
                    errors.spanned(
                        span_of_expr(e),
                        format!(
                            "`{}` is listed twice in `{key}`",
                            key_of(&p.path).replace(' ', "")
                        ),
                    );
                } else {
                    out.push(p.path.clone());
                }
            }
            other => errors.spanned(
                span_of_expr(other),
                format!("`{key}` lists function names, e.g. `{key} = [require_login]`"),
            ),
        }
    }
    out
}

pub(crate) fn span_of_expr(e: &Expr) -> Span {
    syn::spanned::Spanned::span(e)
}

/// The functions' names, `", "`-separated, for route listings.
pub(crate) fn names(paths: &[syn::Path]) -> String {
    paths
        .iter()
        .map(|p| {
            p.segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of a handler's companion type: the handler's own, unless that
/// is a primitive type's (`f64`, `str`, `u8` …), which a type of that name
/// would hide from the rest of the module.
pub(crate) fn companion(ident: &syn::Ident) -> syn::Ident {
    let name = ident.to_string();
    if is_primitive(&name) {
        format_ident!("__flaxum_{}", name, span = ident.span())
    } else {
        ident.clone()
    }
}

/// The companion of the item a path names (see [`companion`]).
pub(crate) fn companion_path(path: &syn::Path) -> syn::Path {
    let mut p = path.clone();
    if let Some(last) = p.segments.last_mut() {
        last.ident = companion(&last.ident);
    }
    p
}

pub(crate) use flaxum_grammar::INT_TYPES;

/// Whether `name` is a primitive type, whose name a companion type must
/// not take.
pub(crate) fn is_primitive(name: &str) -> bool {
    INT_TYPES.contains(&name) || ["bool", "char", "str", "f32", "f64"].contains(&name)
}

/// The text of the doc comments among `attrs` (`#[doc = "…"]`), a line
/// each, with the space after `///` taken off, as rustdoc reads them.
#[cfg_attr(not(feature = "openapi"), allow(dead_code))]
pub(crate) fn doc_text(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            {
                let line = s.value();
                lines.push(line.strip_prefix(' ').unwrap_or(&line).to_owned());
            }
        }
    }
    lines.join("\n")
}

/// `ref` for `r#ref`.
pub(crate) fn unraw(ident: &syn::Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}

/// The prefix as the route table sees it: static segments only, without
/// a trailing slash (Flask joins `url_prefix` and the rule with one `/`);
/// `not_static` is the message for a prefix with a parameter.
pub(crate) fn url_prefix(
    lit: &LitStr,
    not_static: &str,
) -> Result<(String, Vec<String>), syn::Error> {
    let text = lit.value();
    let trimmed = text.trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok((String::new(), Vec::new()));
    }
    let segs = flaxum_grammar::parse(trimmed).map_err(|all| {
        let mut err: Option<syn::Error> = None;
        for e in all {
            let e = syn::Error::new(lit.span(), e.render(trimmed));
            match &mut err {
                Some(x) => x.combine(e),
                None => err = Some(e),
            }
        }
        err.unwrap_or_else(|| syn::Error::new(Span::call_site(), "bad url_prefix"))
    })?;
    let mut out = Vec::new();
    for s in segs {
        match s {
            flaxum_grammar::Seg::Static { text, .. } => out.push(text),
            _ => return Err(syn::Error::new(lit.span(), not_static)),
        }
    }
    Ok((trimmed.to_string(), out))
}
