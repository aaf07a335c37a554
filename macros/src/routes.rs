//! `routes![a, b, module::c]`: the static table of the handlers' routes,
//! built by `const fn`, and the dispatch tree of their glue functions.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Path, Token};

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let paths = match Punctuated::<Path, Token![,]>::parse_terminated.parse2(input) {
        Ok(p) => p.into_iter().collect::<Vec<_>>(),
        Err(e) => {
            return syn::Error::new(
                e.span(),
                "`routes!` takes the names of route handlers: `routes![index, users::show]`",
            )
            .to_compile_error()
        }
    };
    let mut seen: Vec<String> = Vec::new();
    for p in &paths {
        let key = quote!(#p).to_string();
        if seen.contains(&key) {
            return syn::Error::new_spanned(
                p,
                format!("`{}` is listed twice in `routes!`", key.replace(' ', "")),
            )
            .to_compile_error();
        }
        seen.push(key);
    }
    let tree = if paths.is_empty() {
        quote!(::flaxum::__private::NoHandlers)
    } else {
        tree(&paths)
    };
    quote! {{
        const __FLAXUM_DEFS: &[&[::flaxum::__private::RouteDef]] = &[#(#paths::DEFS),*];
        const __FLAXUM_N: usize = ::flaxum::__private::count(__FLAXUM_DEFS);
        static __FLAXUM_ROUTES: [::flaxum::__private::RouteDef; __FLAXUM_N] =
            ::flaxum::__private::concat(__FLAXUM_DEFS);
        static __FLAXUM_OWNERS: [(u16, u16); __FLAXUM_N] =
            ::flaxum::__private::owners(__FLAXUM_DEFS);
        ::flaxum::table!(static __FLAXUM_TABLE = &__FLAXUM_ROUTES);
        ::flaxum::__private::Routes::__new(&__FLAXUM_TABLE, &__FLAXUM_OWNERS, #tree)
    }}
}

/// A balanced tree of `Pair`s over the handlers, so dispatch takes
/// log2(n) comparisons.
fn tree(paths: &[Path]) -> TokenStream {
    if let [one] = paths {
        return quote!(::flaxum::__private::Leaf::new(#one::__call));
    }
    let (l, r) = paths.split_at(paths.len() / 2);
    let (l, r) = (tree(l), tree(r));
    quote!(::flaxum::__private::Pair(#l, #r))
}
