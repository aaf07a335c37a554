//! Flask's static folder in the macros: `static` (or `static = "/assets"`)
//! in `routes!`, the route it declares (`static` at
//! `/static/<path:filename>`), and `url_for!(static, filename = …)`.
//!
//! The route is an item of the app like a handler's: its `ITEM` is
//! written here, and the runtime's `StaticRoute` answers it. `routes!`
//! lists it first, so that it is the app's handler 0, to which the app
//! hands its folder. Nothing here runs for an app without `static`.

use flaxum_grammar::item::{handler_item, Route, RouteSeg};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, Lit, LitStr, Path, Token};

use crate::diag::Errors;
use crate::syntax::{unraw, KeyValue};

/// The static route's parameter, and `url_for!(static, …)`'s one value
/// that is required.
const FILENAME: &str = "filename";

/// What turns the static folder on, for the messages.
const FEATURE: &str = "turn on flaxum's `static-files` feature: `flaxum = { version = \"0.1\", features = [\"static-files\"] }`";

/// The message for `static = "…"` with a parameter.
const NOT_STATIC_TEXT: &str = "the static files' URL path is static text, as Flask's `static_url_path`: the file's name is the route's one parameter (`static = \"/assets\"` serves `/assets/<path:filename>`)";

/// `static` or `static = "/assets"` in `routes!`.
pub(crate) struct StaticDecl {
    /// The `static` keyword.
    span: Span,
    /// The URL path given, if any.
    path: Option<Expr>,
}

impl Parse for StaticDecl {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let kw = input.parse::<Token![static]>()?;
        let path = match input.parse::<Option<Token![=]>>()? {
            Some(_) => Some(input.parse()?),
            None => None,
        };
        Ok(StaticDecl {
            span: kw.span,
            path,
        })
    }
}

/// The static route of `routes!`'s declarations: the type that answers it
/// and its item (a string literal), or `None` when there is none or a
/// declaration is wrong (each mistake reported in `errors`).
pub(crate) fn route(decls: &[StaticDecl], errors: &mut Errors) -> Option<(Path, TokenStream)> {
    let decl = decls.first()?;
    for again in &decls[1..] {
        errors.spanned(
            again.span,
            "`static` is declared twice in `routes!`: an app has one static folder",
        );
    }
    if !cfg!(feature = "static-files") {
        errors.spanned(
            decl.span,
            format!("`static` serves Flask's static folder: {FEATURE}"),
        );
        return None;
    }
    let prefix = match &decl.path {
        None => "/static".to_owned(),
        Some(Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        })) => url_path(s, errors)?,
        Some(other) => {
            errors.spanned(
                other.span(),
                "`static` takes the URL path of the static files as a string literal, as Flask's `static_url_path`: `static = \"/assets\"`",
            );
            return None;
        }
    };
    let item = item(&prefix, decl.span);
    let ty: Path = syn::parse_quote_spanned!(decl.span=> __fx::StaticRoute);
    Some((ty, quote!(#item)))
}

/// The URL path of `static = "…"`, checked: static text starting with
/// `/`, without its trailing slash (`"/"` is the root).
fn url_path(lit: &LitStr, errors: &mut Errors) -> Option<String> {
    match crate::syntax::url_prefix(lit, NOT_STATIC_TEXT) {
        Ok((prefix, _)) => Some(prefix),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// The static route's item: `GET {prefix}/<path:filename>`, handler
/// `static`, placed at the `static` keyword.
fn item(prefix: &str, span: Span) -> proc_macro2::Literal {
    let path = format!("{prefix}/<path:{FILENAME}>");
    let segs = flaxum_grammar::parse(&path).unwrap_or_default();
    let route_segs = segs
        .iter()
        .map(|s| match s {
            flaxum_grammar::Seg::Static { text, .. } => RouteSeg::Static(text.clone()),
            _ => RouteSeg::CatchAll {
                name: FILENAME.to_owned(),
            },
        })
        .collect();
    let file = span.file();
    let start = span.start();
    let get = 1u16
        << crate::syntax::METHODS
            .iter()
            .position(|m| *m == "GET")
            .unwrap_or(0);
    let route = Route {
        methods: get,
        strict_slashes: true,
        spelled: false,
        segs: route_segs,
        path: &path,
        handler: "static",
        middleware: "",
        file: &file,
        line: start.line as u32,
        // `column!()` counts from 1.
        column: start.column as u32 + 1,
    };
    // One parameter argument, the catch-all: place 0, plus 16.
    let encoded = handler_item(&[route], &[FILENAME], &[16]);
    proc_macro2::Literal::string(&encoded.text)
}

/// `url_for!(static, filename = "style.css", v = 3)`: the URL of a file
/// of the static folder, `filename` filling the route's catch-all (any
/// `AsRef<str>`), the other values the query string.
pub(crate) fn url_for(span: Span, values: &[KeyValue]) -> TokenStream {
    if !cfg!(feature = "static-files") {
        let msg = format!("`url_for!(static, …)` links to Flask's static folder: {FEATURE}");
        return syn::Error::new(span, msg).to_compile_error();
    }
    if !values.iter().any(|v| unraw(&v.key) == FILENAME) {
        return syn::Error::new(
            span,
            "`url_for!(static, …)` needs `filename`, the file's path in the static folder: `url_for!(static, filename = \"style.css\")`",
        )
        .to_compile_error();
    }
    let args = values.iter().map(|v| {
        let name = unraw(&v.key);
        let kind = if name == FILENAME {
            quote!(Text)
        } else {
            quote!(Query)
        };
        let value = &v.value;
        let arg = quote_spanned!(value.span()=>
            __u.arg(#name, ::flaxum::__private::PhantomData::<::flaxum::__private::#kind>, &(#value)));
        quote!(#arg;)
    });
    quote! {{
        let mut __u = ::flaxum::__private::UrlFor::static_file();
        #(#args)*
        __u.finish()
    }}
}
