//! `url_for!(handler, name = value, …)`: the URL of a route, with the
//! route chosen and every value's type checked while the crate compiles.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Path, Token};

use crate::syntax::{unraw, KeyValue};

struct Input {
    handler: Target,
    values: Vec<KeyValue>,
}

/// A route handler, or `static`: a file of the static folder.
enum Target {
    Handler(Path),
    Static(Span),
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let handler = match input.parse::<Option<Token![static]>>()? {
            Some(kw) => Target::Static(kw.span),
            None => Target::Handler(input.parse()?),
        };
        let mut values = Vec::new();
        if input.parse::<Option<Token![,]>>()?.is_some() {
            values = Punctuated::<KeyValue, Token![,]>::parse_terminated(input)?
                .into_iter()
                .collect();
        }
        Ok(Input { handler, values })
    }
}

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let Input { handler, values } = match syn::parse2(input) {
        Ok(i) => i,
        Err(e) => return syn::Error::new(
            e.span(),
            "`url_for!` takes a route handler, then its values by name: `url_for!(user, id = 7)`",
        )
        .to_compile_error(),
    };
    let mut seen: Vec<String> = Vec::new();
    for v in &values {
        let n = unraw(&v.key);
        if seen.contains(&n) {
            return syn::Error::new(v.key.span(), format!("`{n}` is given twice"))
                .to_compile_error();
        }
        seen.push(n);
    }
    let handler = match handler {
        Target::Handler(path) => path,
        Target::Static(span) => return crate::statics::url_for(span, &values),
    };
    let hname = handler
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default();
    let names: Vec<String> = values.iter().map(|v| unraw(&v.key)).collect();
    let companion = crate::syntax::companion_path(&handler);
    let h = &companion;
    let args = values.iter().zip(&names).map(|(v, n)| {
        let value = &v.value;
        let kind = quote_spanned!(v.key.span()=>
            ::flaxum::__private::kind::<#h, { ::flaxum::__private::url_arg(<#h>::ITEM, #n) }>());
        let arg = quote_spanned!(value.span()=> __u.arg(#n, #kind, &(#value)));
        quote!(#arg;)
    });
    let check = quote_spanned!(handler.span()=>
        const __FLAXUM_ROUTE: usize =
            ::flaxum::__private::url_route(<#h>::ITEM, &[#(#names),*], #hname);
    );
    quote! {{
        #check
        let mut __u = ::flaxum::__private::UrlFor::of(
            ::flaxum::__private::ItemRoute::new(<#h>::ITEM, __FLAXUM_ROUTE),
        );
        {
            #[allow(unused_imports)]
            use ::flaxum::__private::{ViaMounted as _, ViaRoot as _};
            (&::flaxum::__private::Probe::<#h>::new()).write_prefix(__u.prefix_mut());
        }
        #(#args)*
        __u.finish()
    }}
}
