//! Reporting problems: every error of one macro call at once, each at the
//! span to blame.

use proc_macro2::{Span, TokenStream};

/// Collects `syn::Error`s so that every problem is reported at once.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, e: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
    }

    pub fn spanned(&mut self, span: Span, msg: impl std::fmt::Display) {
        self.push(syn::Error::new(span, msg));
    }

    pub fn into_result(self) -> Result<(), syn::Error> {
        match self.0 {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// The expansion `out` of macro `name`, printed on standard error first
/// when `FLAXUM_MACROS_DEBUG` is set to anything but `0` or nothing.
pub(crate) fn debug(name: &str, out: TokenStream) -> TokenStream {
    if std::env::var_os("FLAXUM_MACROS_DEBUG").is_some_and(|v| !v.is_empty() && v != "0") {
        eprintln!("// flaxum: {name} expands to:\n{out}\n");
    }
    out
}
