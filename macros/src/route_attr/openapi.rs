//! What a route attribute adds for the OpenAPI document: the
//! `responses(201 = Article, 204)` option, parsed and checked whatever the
//! features, and, with the `openapi` feature only, an impl of
//! `Described` that tells the document what the routing table does not
//! hold (the doc comment, the arguments' and return type's types, the
//! statuses of `responses(…)`, the route's middleware). Without the
//! feature nothing is emitted, so an app's `cargo check` costs what it
//! did.

use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};
use syn::{Lit, Token};

use crate::diag::Errors;
use crate::syntax::ResponseSpec;

/// The statuses of `responses(…)`, each with the type of its JSON body
/// (`201 = Article`) or none (`204`); every problem reported at its
/// token.
pub(crate) fn parse_responses(tokens: TokenStream, errors: &mut Errors) -> Vec<ResponseSpec> {
    let shape = "`responses` lists statuses, each with the type of its JSON body or alone: `responses(201 = Article, 204)`";
    let span = syn::spanned::Spanned::span(&tokens);
    let parser = |input: ParseStream<'_>| -> syn::Result<Vec<(Lit, Option<syn::Type>)>> {
        let mut out = Vec::new();
        while !input.is_empty() {
            let lit: Lit = input
                .parse()
                .map_err(|e| syn::Error::new(e.span(), shape))?;
            let ty = if input.parse::<Option<Token![=]>>()?.is_some() {
                let ty = input.parse::<syn::Type>().map_err(|e| {
                    syn::Error::new(
                        e.span(),
                        "after `=` comes the type of the response's JSON body, e.g. `201 = Article`",
                    )
                })?;
                Some(ty)
            } else {
                None
            };
            out.push((lit, ty));
            if input.is_empty() {
                break;
            }
            input
                .parse::<Token![,]>()
                .map_err(|e| syn::Error::new(e.span(), shape))?;
        }
        Ok(out)
    };
    let listed = match parser.parse2(tokens) {
        Ok(listed) => listed,
        Err(e) => {
            errors.push(e);
            return Vec::new();
        }
    };
    if listed.is_empty() {
        errors.spanned(
            span,
            "`responses()` is empty: name at least one status, e.g. `responses(204)`",
        );
    }
    let mut out: Vec<ResponseSpec> = Vec::new();
    for (lit, ty) in listed {
        let status = match &lit {
            Lit::Int(i) => i
                .base10_parse::<u16>()
                .ok()
                .filter(|s| (100..=599).contains(s)),
            _ => None,
        };
        let Some(status) = status else {
            errors.spanned(
                lit.span(),
                "an HTTP status is a number from 100 to 599, e.g. `201`",
            );
            continue;
        };
        if out.iter().any(|r| r.status == status) {
            errors.spanned(
                lit.span(),
                format!("status {status} is listed twice in `responses`"),
            );
            continue;
        }
        out.push(ResponseSpec { status, ty });
    }
    out
}

#[cfg(feature = "openapi")]
pub(crate) use emit::{described, described_stub};

#[cfg(not(feature = "openapi"))]
pub(crate) fn described(
    _: &syn::ItemFn,
    _: &super::handler::Handler,
    _: &[crate::syntax::RouteAttr],
    _: &syn::Ident,
) -> TokenStream {
    TokenStream::new()
}

#[cfg(not(feature = "openapi"))]
pub(crate) fn described_stub(_: &syn::Ident) -> TokenStream {
    TokenStream::new()
}

#[cfg(feature = "openapi")]
mod emit {
    use proc_macro2::TokenStream;
    use quote::{quote, quote_spanned};
    use syn::spanned::Spanned;
    use syn::{GenericArgument, ItemFn, PathArguments, ReturnType, Type};

    use crate::route_attr::handler::Handler;
    use crate::syntax::{doc_text, middleware_of, RouteAttr};

    /// `impl Described for` the companion: the doc comment, the statuses
    /// of `responses(…)`, the return type's responses, the path
    /// parameters' types, what the extractors read, the route's
    /// middleware. A status described twice keeps the first description,
    /// so the order is the precedence.
    pub(crate) fn described(
        item: &ItemFn,
        h: &Handler,
        attrs: &[RouteAttr],
        comp: &syn::Ident,
    ) -> TokenStream {
        let doc = doc_text(&item.attrs);
        let mut lines = vec![quote!(__op.__doc(#doc);)];
        let mut seen = Vec::new();
        for r in attrs.iter().flat_map(|a| &a.responses) {
            if seen.contains(&r.status) {
                continue;
            }
            seen.push(r.status);
            let status = r.status;
            lines.push(match &r.ty {
                Some(ty) => quote_spanned!(ty.span()=> __op.__response::<#ty>(#status);),
                None => quote!(__op.response_empty(#status, "");),
            });
        }
        for ty in returned(&item.sig.output) {
            lines.push(quote!((&__fx::Look::<#ty>::new()).output(__op);));
        }
        for arg in &h.args {
            let Some(ty) = probed(&arg.ty) else { continue };
            let param = arg.name.as_deref().filter(|n| {
                attrs
                    .iter()
                    .any(|a| a.segs.iter().flatten().any(|s| s.param_name() == Some(*n)))
            });
            lines.push(match param {
                Some(name) => quote!((&__fx::Look::<#ty>::new()).path_param(__op, #name);),
                None => quote!((&__fx::Look::<#ty>::new()).input(__op);),
            });
        }
        for p in middleware_of(attrs) {
            lines.push(quote!((&__fx::Look::<#p>::new()).input(__op);));
        }
        quote! {
            impl __fx::Described for #comp {
                #[allow(unused_imports)]
                fn describe(_: usize, __op: &mut __fx::Operation<'_>) {
                    use __fx::{NoInput as _, NoOutput as _, NoSchema as _};
                    use __fx::{ViaInput as _, ViaOutput as _, ViaSchema as _};
                    #(#lines)*
                }
            }
        }
    }

    /// A companion whose attribute reported errors: nothing to describe.
    pub(crate) fn described_stub(comp: &syn::Ident) -> TokenStream {
        quote! {
            impl __fx::Described for #comp {
                fn describe(_: usize, _: &mut __fx::Operation<'_>) {}
            }
        }
    }

    /// The types whose responses the return type gives: both sides of a
    /// `Result`, or the type itself; `()` without one.
    fn returned(output: &ReturnType) -> Vec<Type> {
        let ty = match output {
            ReturnType::Default => return vec![syn::parse_quote!(())],
            ReturnType::Type(_, ty) => &**ty,
        };
        let mut out = Vec::new();
        if let Type::Path(p) = ty {
            if let Some(last) = p.path.segments.last() {
                if let (true, PathArguments::AngleBracketed(args)) =
                    (last.ident == "Result", &last.arguments)
                {
                    for a in &args.args {
                        if let GenericArgument::Type(t) = a {
                            out.extend(probed(t));
                        }
                    }
                    return out;
                }
            }
        }
        out.extend(probed(ty));
        out
    }

    /// `ty` as a function body can name it: its lifetimes `'static`
    /// (a handler may name lifetimes of its own); `None` for a type that
    /// cannot be named there (`impl Trait`).
    fn probed(ty: &Type) -> Option<Type> {
        let mut ty = ty.clone();
        statics(&mut ty).then_some(ty)
    }

    /// Makes every lifetime in `ty` `'static`; `false` when `ty` holds an
    /// `impl Trait` or a type this does not look into.
    fn statics(ty: &mut Type) -> bool {
        let stat = || syn::Lifetime::new("'static", proc_macro2::Span::call_site());
        match ty {
            Type::Reference(r) => {
                if r.lifetime.is_some() {
                    r.lifetime = Some(stat());
                }
                statics(&mut r.elem)
            }
            Type::Path(p) => {
                if let Some(q) = &mut p.qself {
                    if !statics(&mut q.ty) {
                        return false;
                    }
                }
                p.path
                    .segments
                    .iter_mut()
                    .all(|seg| match &mut seg.arguments {
                        PathArguments::None => true,
                        PathArguments::AngleBracketed(args) => {
                            args.args.iter_mut().all(|a| match a {
                                GenericArgument::Lifetime(l) => {
                                    *l = stat();
                                    true
                                }
                                GenericArgument::Type(t) => statics(t),
                                _ => true,
                            })
                        }
                        PathArguments::Parenthesized(_) => false,
                    })
            }
            Type::Tuple(t) => t.elems.iter_mut().all(statics),
            Type::Slice(s) => statics(&mut s.elem),
            Type::Array(a) => statics(&mut a.elem),
            Type::Paren(p) => statics(&mut p.elem),
            Type::Group(g) => statics(&mut g.elem),
            _ => false,
        }
    }
}
