//! The route attributes: parsing their arguments, gathering the route
//! attributes stacked on one handler, and reporting every problem at once.

pub(crate) mod emit;
pub(crate) mod handler;
pub(crate) mod openapi;

use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Expr, ExprArray, ExprLit, ItemFn, Lit, LitBool, LitStr, Meta, Token};

use crate::diag::Errors;
use crate::syntax::{path_list, span_of_expr, KeyValue, RouteAttr, METHODS};
use handler::Handler;

/// Attribute names that declare routes.
const ROUTE_ATTRS: [&str; 8] = [
    "get", "post", "put", "patch", "delete", "head", "options", "route",
];

/// Expands one route attribute (`method` is `None` for `#[route]`), with
/// the route attributes stacked below it on the same handler.
pub(crate) fn expand(
    method: Option<&'static str>,
    args: TokenStream,
    item: TokenStream,
) -> TokenStream {
    let mut item: ItemFn = match crate::lite::parse_fn(item.clone()) {
        Ok(f) => f,
        Err(_) => {
            let e = syn::Error::new(
                Span::call_site(),
                "a route attribute goes on an `async fn` handler",
            );
            return with_item(e.to_compile_error(), item);
        }
    };
    let mut errors = Errors::default();
    let mut attrs = Vec::new();
    if let Some(a) = parse_args(method, args, Span::call_site(), &mut errors) {
        attrs.push(a);
    }
    // Stacked route attributes, like several `@app.route` lines: they are
    // handled here, once, and removed from the handler.
    let mut kept = Vec::new();
    let mut stacked = Vec::new();
    for attr in std::mem::take(&mut item.attrs) {
        match route_attr_method(&attr) {
            Some(m) => {
                stacked.push(attr.meta.path().clone());
                let args = match &attr.meta {
                    Meta::List(list) => list.tokens.clone(),
                    _ => TokenStream::new(),
                };
                if let Some(a) = parse_args(m, args, span_of(&attr), &mut errors) {
                    attrs.push(a);
                }
            }
            None => kept.push(attr),
        }
    }
    item.attrs = kept;
    let (handler, valid) = Handler::analyze(&item, &mut errors);
    handler::strip_marks(&mut item);
    for a in &mut attrs {
        parse_path(a, &mut errors);
    }
    check_repeats(&handler, &attrs, &mut errors);
    check_middleware(&attrs, &mut errors);
    handler.check_params(&attrs, &mut errors);
    handler.check_extractors(&attrs, &mut errors);
    let mut out = match errors.into_result() {
        Ok(()) if valid => emit::route(&item, &handler, &attrs),
        // On error the handler is still emitted, with a companion that
        // declares no route, so IDEs keep working and `routes![…]` does not
        // add errors of its own.
        Ok(()) => emit::stub(&item),
        Err(e) => with_item(e.to_compile_error(), emit::stub(&item)),
    };
    // The stacked attributes were handled here; keep their imports used.
    if !stacked.is_empty() {
        out.extend(quote::quote! {
            const _: () = {
                #(#[allow(unused_imports)] use #stacked as _;)*
            };
        });
    }
    out
}

/// Two route attributes of one handler that declare the same method and
/// path.
fn check_repeats(h: &Handler, attrs: &[RouteAttr], errors: &mut Errors) {
    for (j, b) in attrs.iter().enumerate() {
        for a in &attrs[..j] {
            if a.path.value() != b.path.value() {
                continue;
            }
            if let Some((m, _)) = b
                .methods
                .iter()
                .find(|(m, _)| a.methods.iter().any(|(x, _)| x == m))
            {
                errors.spanned(
                    b.span,
                    format!(
                        "`{m} {}` is declared twice on `{}`: remove one of the two route attributes",
                        b.path.value(),
                        h.ident
                    ),
                );
            }
        }
    }
}

/// The routes of one handler share its middleware chain: a stacked
/// attribute that lists middleware must list the same as the others.
fn check_middleware(attrs: &[RouteAttr], errors: &mut Errors) {
    let key = |a: &RouteAttr| {
        a.middleware
            .iter()
            .flatten()
            .map(|p| quote::quote!(#p).to_string())
            .collect::<Vec<_>>()
    };
    let Some(first) = attrs.first() else { return };
    for b in &attrs[1..] {
        if key(b) != key(first) {
            errors.spanned(
                b.span,
                "the route attributes of one handler must list the same `middleware`: the handler has one chain; write the list on each attribute, or split the handler",
            );
        }
    }
}

fn with_item(error: TokenStream, item: TokenStream) -> TokenStream {
    let mut out = error;
    out.extend(item);
    out
}

fn span_of(attr: &Attribute) -> Span {
    attr.meta
        .path()
        .segments
        .last()
        .map_or_else(Span::call_site, |s| s.ident.span())
}

/// The method of a route attribute (`Some(None)` for `#[route]`), if
/// `attr` is one: `#[get(…)]` or `#[flaxum::get(…)]`.
fn route_attr_method(attr: &Attribute) -> Option<Option<&'static str>> {
    let path = attr.meta.path();
    let last = path.segments.last()?.ident.to_string();
    let n = path.segments.len();
    if n > 2 || (n == 2 && path.segments[0].ident != "flaxum") {
        return None;
    }
    let i = ROUTE_ATTRS.iter().position(|a| *a == last)?;
    Some(if last == "route" {
        None
    } else {
        Some(METHODS_OF_ATTRS[i])
    })
}

const METHODS_OF_ATTRS: [&str; 8] = [
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "",
];

/// A route attribute's tokens: the path, the `key = value` options, and
/// the `key(…)` lists (`responses(…)`).
type Parsed = (LitStr, Vec<KeyValue>, Vec<(syn::Ident, TokenStream)>);

/// Splits a route attribute's tokens into its path and options.
fn parse_tokens(input: ParseStream<'_>) -> syn::Result<Parsed> {
    if input.is_empty() {
        return Err(input.error("a route needs its path, e.g. `#[get(\"/users/<int:id>\")]`"));
    }
    let path: LitStr = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "the first argument must be the path, a string literal",
        )
    })?;
    let mut rest = Vec::new();
    let mut lists = Vec::new();
    while !input.is_empty() {
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        if input.peek(syn::Ident) && input.peek2(syn::token::Paren) {
            let key: syn::Ident = input.parse()?;
            let content;
            syn::parenthesized!(content in input);
            lists.push((key, content.parse::<TokenStream>()?));
        } else {
            rest.push(input.parse::<KeyValue>()?);
        }
    }
    Ok((path, rest, lists))
}

/// The arguments of one route attribute: `"/path"` then `key = value`s.
fn parse_args(
    method: Option<&'static str>,
    args: TokenStream,
    span: Span,
    errors: &mut Errors,
) -> Option<RouteAttr> {
    let (path, rest, lists) = match parse_tokens.parse2(args) {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    let mut attr = RouteAttr {
        methods: method
            .map(|m| vec![(m.to_owned(), span)])
            .unwrap_or_default(),
        path,
        segs: None,
        strict_slashes: true,
        middleware: None,
        responses: Vec::new(),
        span,
    };
    let options = if method.is_none() {
        "`methods`, `strict_slashes`, `middleware` and `responses`"
    } else {
        "`strict_slashes`, `middleware` and `responses`"
    };
    for (key, tokens) in lists {
        if key == "responses" {
            attr.responses = openapi::parse_responses(tokens, errors);
        } else {
            errors.spanned(
                key.span(),
                format!("unknown route option `{key}`; the options are {options}"),
            );
        }
    }
    let mut saw_methods = false;
    for KeyValue { key, value } in rest {
        match key.to_string().as_str() {
            "methods" if method.is_none() => {
                saw_methods = true;
                attr.methods = parse_methods(&value, errors);
            }
            "methods" => errors.spanned(
                key.span(),
                format!(
                    "`methods` belongs to `#[route(…)]`; `#[{}]` already says the method",
                    method.unwrap_or_default().to_lowercase()
                ),
            ),
            "strict_slashes" => match &value {
                Expr::Lit(ExprLit {
                    lit: Lit::Bool(LitBool { value, .. }),
                    ..
                }) => attr.strict_slashes = *value,
                other => errors.spanned(
                    span_of_expr(other),
                    "`strict_slashes` takes `true` or `false`",
                ),
            },
            "middleware" => attr.middleware = Some(path_list(&value, "middleware", errors)),
            "responses" => errors.spanned(
                key.span(),
                "`responses` lists its statuses in parentheses: `responses(201 = Article, 204)`",
            ),
            other => errors.spanned(
                key.span(),
                format!("unknown route option `{other}`; the options are {options}"),
            ),
        }
    }
    if method.is_none() && !saw_methods {
        // Flask's default: `@app.route` answers GET (and HEAD).
        attr.methods = vec![("GET".to_owned(), attr.path.span())];
    }
    Some(attr)
}

/// `["GET", "POST"]` (any case, as Flask), each checked.
fn parse_methods(value: &Expr, errors: &mut Errors) -> Vec<(String, Span)> {
    let Expr::Array(ExprArray { elems, .. }) = value else {
        errors.spanned(
            span_of_expr(value),
            "`methods` takes a list of method names, e.g. `methods = [\"GET\", \"POST\"]`",
        );
        return Vec::new();
    };
    if elems.is_empty() {
        errors.spanned(
            span_of_expr(value),
            "`methods` is empty: name at least one method",
        );
    }
    let mut out: Vec<(String, Span)> = Vec::new();
    for e in elems {
        let Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) = e
        else {
            errors.spanned(
                span_of_expr(e),
                "a method is a string literal, e.g. \"POST\"",
            );
            continue;
        };
        let name = s.value().to_ascii_uppercase();
        if !METHODS.contains(&name.as_str()) {
            errors.spanned(
                s.span(),
                format!(
                    "unknown HTTP method `{}`; the methods are {}",
                    s.value(),
                    METHODS.join(", ")
                ),
            );
        } else if out.iter().any(|(m, _)| *m == name) {
            errors.spanned(s.span(), format!("method `{name}` is listed twice"));
        } else {
            out.push((name, s.span()));
        }
    }
    out
}

/// Parses the path with the shared grammar; every problem becomes an error
/// on the literal whose message shows the segment.
fn parse_path(attr: &mut RouteAttr, errors: &mut Errors) {
    let text = attr.path.value();
    match flaxum_grammar::parse(&text) {
        Ok(segs) => {
            use flaxum_grammar::{MAX_PARAMS, MAX_SEGMENTS};
            if segs.iter().filter(|s| s.param_name().is_some()).count() > MAX_PARAMS {
                errors.spanned(
                    attr.path.span(),
                    format!("a route has at most {MAX_PARAMS} parameters"),
                );
            } else if segs.len() > MAX_SEGMENTS {
                errors.spanned(
                    attr.path.span(),
                    format!("a route has at most {MAX_SEGMENTS} segments"),
                );
            } else {
                attr.segs = Some(segs);
            }
        }
        Err(all) => {
            for e in all {
                errors.spanned(attr.path.span(), e.render(&text));
            }
        }
    }
}
