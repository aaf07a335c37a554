//! A function item read without its body: the attributes only look at the
//! signature, and the body goes back out as the tokens that came in
//! (parsing it would only cost time, once per handler).

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Block, Item, ItemFn, Signature, Stmt, Visibility};

/// An `ItemFn` whose block holds the body as one verbatim statement.
struct LiteFn(ItemFn);

impl Parse for LiteFn {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let sig: Signature = input.parse()?;
        let body = match input.parse::<TokenTree>()? {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => g,
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "expected the function's body",
                ))
            }
        };
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the function"));
        }
        let block = Block {
            brace_token: syn::token::Brace {
                span: body.delim_span(),
            },
            stmts: vec![Stmt::Item(Item::Verbatim(body.stream()))],
        };
        Ok(LiteFn(ItemFn {
            attrs,
            vis,
            sig,
            block: Box::new(block),
        }))
    }
}

/// Parses a function item, its body left as tokens.
pub(crate) fn parse_fn(tokens: TokenStream) -> syn::Result<ItemFn> {
    syn::parse2::<LiteFn>(tokens).map(|f| f.0)
}

#[cfg(test)]
mod tests {
    use quote::{quote, ToTokens};

    #[test]
    fn the_body_comes_back_as_it_was() {
        let f = super::parse_fn(quote! {
            #[doc = "x"]
            pub async fn f(a: u8) -> u8 { let b = a; b + 1 }
        })
        .unwrap();
        assert_eq!(f.sig.ident, "f");
        assert_eq!(
            f.to_token_stream().to_string(),
            quote!(
                #[doc = "x"]
                pub async fn f(a: u8) -> u8 {
                    let b = a;
                    b + 1
                }
            )
            .to_string()
        );
        assert!(super::parse_fn(quote!(fn f())).is_err());
        assert!(super::parse_fn(quote!(
            struct S;
        ))
        .is_err());
    }
}
