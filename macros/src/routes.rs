//! `routes![…]` and `blueprint!(…)`: groups of handlers (and blueprints),
//! with their middleware and hooks, composed into one static table and one
//! dispatch tree while the crate compiles. A blueprint's `ITEM` joins its
//! mount and its items' strings; `routes!` checks the app's routes in a
//! free constant (what `cargo check` evaluates) and keeps the table in
//! `__app_table!`'s generic type (evaluated only to generate code).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, Ident, Lit, LitStr, Path, Token, Visibility};

use crate::diag::Errors;
use crate::statics::StaticDecl;
use crate::syntax::{companion_path, names, path_list, url_prefix, KeyValue};

/// The middleware and hooks of one level (the app or a blueprint).
#[derive(Default)]
struct Layers {
    middleware: Vec<Path>,
    before: Vec<Path>,
    after: Vec<Path>,
    errorhandler: Vec<Path>,
}

impl Layers {
    /// Outermost first: the middleware, then the after_request functions
    /// (so the last one registered sees the response first, as in Flask),
    /// then the before_request functions, then the error handlers (which
    /// so see what the before_request functions put on the request, as
    /// Flask's see `g`). Across levels, the runtime keeps Flask's order:
    /// an early answer goes down the inner levels' hooks, and an
    /// after_request function waits for the error handler of an outer
    /// level that answers a raised error.
    fn chain(&self) -> Vec<Path> {
        let mut all = self.middleware.clone();
        all.extend(self.after.iter().cloned());
        all.extend(self.before.iter().cloned());
        all.extend(self.errorhandler.iter().cloned());
        all
    }

    fn names(&self) -> String {
        names(&self.middleware)
    }

    /// Takes `key = [...]` if `key` is a layer option.
    fn take(&mut self, key: &Ident, value: &Expr, errors: &mut Errors) -> bool {
        let k = key.to_string();
        let list = match k.as_str() {
            "middleware" => &mut self.middleware,
            "before_request" => &mut self.before,
            "after_request" => &mut self.after,
            "errorhandler" => &mut self.errorhandler,
            _ => return false,
        };
        if !list.is_empty() {
            errors.spanned(key.span(), format!("`{k}` is given twice"));
        }
        *list = path_list(value, &k, errors);
        true
    }
}

const LAYER_KEYS: &str = "`middleware`, `before_request`, `after_request` and `errorhandler`";

/// `routes![a, b::c, blog::bp; middleware = [log], errorhandler = [e]]`.
///
/// The expansion checks the routes in a free constant, which `cargo check`
/// evaluates (every route mistake is a compile error there), and keeps
/// the table, the decoded routes and the dispatch in associated
/// constants, which the compiler evaluates only to generate code.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let (items, statics, opts) = match parse_input(input) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let mut errors = Errors::default();
    check_twice(&items, "routes!", &mut errors);
    let static_route = crate::statics::route(&statics, &mut errors);
    let (layers, strict) = app_options(&opts, &mut errors);
    if let Err(e) = errors.into_result() {
        return e.to_compile_error();
    }
    let mut items: Vec<Path> = items.iter().map(companion_path).collect();
    let mut item_consts: Vec<TokenStream> = items.iter().map(|p| quote!(#p::ITEM)).collect();
    // The static route, first: the app's handler 0.
    let with_static = static_route.map(|(ty, item)| {
        items.insert(0, ty);
        item_consts.insert(0, item);
        quote!(.__with_static())
    });
    let n_items = items.len();
    let chain = layers.chain();
    let mount = flaxum_grammar::item::mount("", "", &[], &layers.names());
    let ident = Ident::new("AppRoutes", Span::call_site());
    let (dispatch, inner) = dispatch(&ident, &items, &quote!(__FlaxumApp::WHICH));
    let routes_ty = layered(&chain, inner);
    let fallback_ty = layered(&chain, quote!(__fx::Prepared));
    let (describe_fn, described) = described_app(&items, &chain);
    quote! {{
        use ::flaxum::__private as __fx;
        /// What each listed handler and blueprint declares: its routes,
        /// in the item format.
        const __FLAXUM_ITEMS: [&'static str; #n_items] = [#(#item_consts),*];
        /// The app's own mount (its middleware) and options.
        const __FLAXUM_ROOT: __fx::Root = __fx::Root {
            mount: #mount,
            strict_slashes: #strict,
        };
        /// The bounds of the check's work, from the items' headers.
        const __FLAXUM_COUNTS: __fx::Counts = __fx::counts(&__FLAXUM_ITEMS);
        /// The routes checked, in every `cargo check` too: the sizes of
        /// the table, or the first route mistake.
        const __FLAXUM_CHECKED: ::core::result::Result<__fx::Checked, __fx::BuildError> =
            __fx::check::<
                { __FLAXUM_COUNTS.patterns },
                { __FLAXUM_COUNTS.nodes },
                { __FLAXUM_COUNTS.hash },
            >(&__FLAXUM_ITEMS, __FLAXUM_ROOT);
        /// A route mistake stops the build here, with its message.
        #[allow(dead_code)]
        const __FLAXUM_ROUTES_OK: () = if let ::core::result::Result::Err(e) = &__FLAXUM_CHECKED {
            ::core::panic!("{}", e.as_str())
        };
        /// The sizes of the table: none after a route mistake (which
        /// `__FLAXUM_ROUTES_OK` reports), so that nothing else fails.
        const __FLAXUM_CHECK: __fx::Checked = match &__FLAXUM_CHECKED {
            ::core::result::Result::Ok(checked) => *checked,
            ::core::result::Result::Err(_) => __fx::Checked::EMPTY,
        };

        ::flaxum::__app_table!(
            __FlaxumTable,
            __FlaxumApp,
            __FLAXUM_ITEMS,
            __FLAXUM_ROOT,
            __FLAXUM_CHECK,
            __FLAXUM_CHECKED.is_ok()
        );
        #dispatch
        #describe_fn
        __fx::Routes::<#routes_ty, #fallback_ty>::__new(
            &__FlaxumApp::TABLE,
            &__FlaxumApp::OWNERS,
        )#with_static #described
    }}
}

/// What `routes!` lists: its items, its `static` declarations, then its
/// options after `;`.
type Input = (Vec<Path>, Vec<StaticDecl>, Vec<KeyValue>);

/// The items of `routes!`, then its options after `;`; or the error that
/// shows the form.
fn parse_input(input: TokenStream) -> Result<Input, TokenStream> {
    let parser = |input: ParseStream<'_>| -> syn::Result<Input> {
        let mut items = Vec::new();
        let mut statics = Vec::new();
        while !input.is_empty() && !input.peek(Token![;]) {
            if input.peek(Token![static]) {
                statics.push(input.parse::<StaticDecl>()?);
            } else {
                items.push(input.parse::<Path>()?);
            }
            if input.is_empty() || input.peek(Token![;]) {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        let mut opts = Vec::new();
        if input.parse::<Option<Token![;]>>()?.is_some() {
            opts = Punctuated::<KeyValue, Token![,]>::parse_terminated(input)?
                .into_iter()
                .collect();
        }
        Ok((items, statics, opts))
    };
    parser.parse2(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("`routes!` takes the names of route handlers and blueprints (and `static`, Flask's static folder), then, after `;`, the app's {LAYER_KEYS}: `routes![index, users::show, auth::bp; middleware = [log]]`"),
        )
        .to_compile_error()
    })
}

/// The app's layers and its `strict_slashes` (Flask's
/// `app.url_map.strict_slashes`, for every route), from the options.
fn app_options(opts: &[KeyValue], errors: &mut Errors) -> (Layers, bool) {
    let mut layers = Layers::default();
    let mut strict = true;
    for KeyValue { key, value } in opts {
        if key == "strict_slashes" {
            match value {
                Expr::Lit(ExprLit {
                    lit: Lit::Bool(b), ..
                }) => strict = b.value,
                other => errors.spanned(other.span(), "`strict_slashes` takes `true` or `false`"),
            }
        } else if !layers.take(key, value, errors) {
            errors.spanned(
                key.span(),
                format!("unknown `routes!` option `{key}`; the options are `strict_slashes`, {LAYER_KEYS}"),
            );
        }
    }
    (layers, strict)
}

/// The type of `inner` behind the middleware of `chain`, the first one
/// outermost.
fn layered(chain: &[Path], inner: TokenStream) -> TokenStream {
    let mut ty = inner;
    for p in chain.iter().rev() {
        ty = quote_spanned!(p.span()=> __fx::Layer<#p, #ty>);
    }
    ty
}

/// The type that calls the handlers of `items` (their companion types,
/// whose `ITEM`s the constant `__FLAXUM_ITEMS` lists): a struct named
/// `ident`, whose `call` finds the item of a handler number in `which`
/// and calls it; with one item, or none, the group's calls go to that
/// item, or to `NoHandlers`, directly. Returns the struct with its impl,
/// and the type to call.
fn dispatch(ident: &Ident, items: &[Path], which: &TokenStream) -> (TokenStream, TokenStream) {
    match items {
        [] => (TokenStream::new(), quote!(__fx::NoHandlers)),
        [one] => (TokenStream::new(), quote!(#one)),
        _ => {
            let bounds = items
                .iter()
                .map(|p| quote_spanned!(p.span()=> #p: __fx::Item<__S>));
            let arms = items.iter().enumerate().map(|(i, p)| {
                let i = i as u16;
                quote!(#i => <#p as __fx::Item<__S>>::call(__c.to(__h)),)
            });
            let code = quote! {
                /// Calls the handler a request matched: through its item's
                /// `Item::call`, found by the handler's number.
                #[doc(hidden)]
                #[allow(non_camel_case_types)]
                struct #ident;

                impl<__S> __fx::Item<__S> for #ident
                where
                    __S: __fx::State,
                    #(#bounds,)*
                {
                    fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
                        let __w = __fx::Within::find(&#which, __c.handler);
                        let __h = usize::from(__w.handler);
                        match __w.item {
                            #(#arms)*
                            _ => <__fx::NoHandlers as __fx::Item<__S>>::call(__c),
                        }
                    }
                }
            };
            (code, quote!(#ident))
        }
    }
}

/// With the `openapi` feature: the body of a group's `describe`, which
/// finds the item of a handler in `which` and has it describe the
/// handler, then adds what the group's middleware and hooks (`chain`)
/// say. Nothing without the feature.
#[cfg(feature = "openapi")]
fn describe_group(items: &[Path], which: &TokenStream, chain: &[Path]) -> TokenStream {
    let arms = items.iter().enumerate().map(|(i, p)| {
        let i = i as u16;
        quote!(#i => <#p as __fx::Described>::describe(__i, __op),)
    });
    quote! {
        #[allow(unused_imports)]
        use __fx::{NoInput as _, ViaInput as _};
        let __w = __fx::Within::find(&#which, __h);
        let __i = usize::from(__w.handler);
        match __w.item {
            #(#arms)*
            _ => {}
        }
        #((&__fx::Look::<#chain>::new()).input(__op);)*
    }
}

/// With the `openapi` feature: the app's `describe` function, and the call
/// that gives it (and the crate's name and version) to the routes.
#[cfg(feature = "openapi")]
fn described_app(items: &[Path], chain: &[Path]) -> (TokenStream, TokenStream) {
    let body = describe_group(items, &quote!(__FlaxumApp::WHICH), chain);
    let describe_fn = quote! {
        #[allow(unused_variables)]
        fn __flaxum_describe(__h: usize, __op: &mut __fx::Operation<'_>) {
            #body
        }
    };
    let call = quote! {
        .__described(
            __flaxum_describe,
            ::core::env!("CARGO_PKG_NAME"),
            ::core::env!("CARGO_PKG_VERSION"),
        )
    };
    (describe_fn, call)
}

#[cfg(not(feature = "openapi"))]
fn described_app(_: &[Path], _: &[Path]) -> (TokenStream, TokenStream) {
    (TokenStream::new(), TokenStream::new())
}

/// With the `openapi` feature: `Described` for a blueprint, which names
/// its doc comment as its tag's description.
#[cfg(feature = "openapi")]
fn described_blueprint(bp: &Blueprint, checked: &Checked, items: &[Path]) -> TokenStream {
    let ident = &bp.ident;
    let name = &checked.name;
    let doc = crate::syntax::doc_text(&bp.attrs);
    let body = describe_group(
        items,
        &quote!(__FlaxumWhich::WHICH),
        &checked.layers.chain(),
    );
    quote! {
        impl __fx::Described for #ident {
            #[allow(unused_variables)]
            fn describe(__h: usize, __op: &mut __fx::Operation<'_>) {
                __op.__tag(#name, #doc);
                #body
            }
        }
    }
}

#[cfg(not(feature = "openapi"))]
fn described_blueprint(_: &Blueprint, _: &Checked, _: &[Path]) -> TokenStream {
    TokenStream::new()
}

fn check_twice(items: &[Path], what: &str, errors: &mut Errors) {
    let mut seen: Vec<String> = Vec::new();
    for p in items {
        let key = quote!(#p).to_string();
        if seen.contains(&key) {
            errors.spanned(
                p.span(),
                format!("`{}` is listed twice in `{what}`", key.replace(' ', "")),
            );
        }
        seen.push(key);
    }
}

/// `blueprint!(pub bp = "auth", url_prefix = "/auth", routes = [...], …)`.
struct Blueprint {
    attrs: Vec<Attribute>,
    vis: Visibility,
    ident: Ident,
    name: LitStr,
    opts: Vec<KeyValue>,
}

impl Parse for Blueprint {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        let ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let name = input.parse()?;
        let mut opts = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            opts.push(input.parse()?);
        }
        Ok(Blueprint {
            attrs,
            vis,
            ident,
            name,
            opts,
        })
    }
}

/// `blueprint!(…)`: the blueprint's struct and, in one unnamed constant, its
/// routes (`ITEM`), the dispatch to its handlers and their prefix.
pub(crate) fn blueprint(input: TokenStream) -> TokenStream {
    let bp: Blueprint = match syn::parse2(input) {
        Ok(b) => b,
        Err(e) => {
            return syn::Error::new(
                e.span(),
                format!("a blueprint reads `blueprint!(pub bp = \"auth\", url_prefix = \"/auth\", routes = [login, logout])`, with any of {LAYER_KEYS} after `routes`"),
            )
            .to_compile_error()
        }
    };
    let checked = match check(&bp) {
        Ok(c) => c,
        Err(e) => return e.to_compile_error(),
    };
    let items: Vec<Path> = checked.items.iter().map(companion_path).collect();
    let declaration = blueprint_struct(&bp, &checked.name);
    let item = blueprint_item(&bp.ident, &checked, &items);
    let call = blueprint_call(&bp.ident, &items, &checked.layers);
    let mounted = blueprint_mounted(&bp.ident, &items, &checked.prefix);
    let described = described_blueprint(&bp, &checked, &items);
    quote! {
        #declaration

        const _: () = {
            use ::flaxum::__private as __fx;
            #item
            #call
            #mounted
            #described
        };
    }
}

/// The blueprint's struct, with the user's attributes, and a doc comment
/// naming the blueprint when they give none.
fn blueprint_struct(bp: &Blueprint, name: &str) -> TokenStream {
    let Blueprint {
        attrs, vis, ident, ..
    } = bp;
    let default_doc = (!attrs.iter().any(|a| a.path().is_ident("doc"))).then(|| {
        let doc = format!(" The `{name}` blueprint.");
        quote!(#[doc = #doc])
    });
    quote! {
        #default_doc
        #(#attrs)*
        #[allow(non_camel_case_types)]
        #vis struct #ident {}
    }
}

/// `ITEM`, the blueprint's routes as the group above it sees them: its
/// mount (name, URL prefix, middleware), then its items' `ITEM`s, joined
/// by const evaluation into one string of the item format.
fn blueprint_item(ident: &Ident, checked: &Checked, items: &[Path]) -> TokenStream {
    let Checked {
        name,
        prefix,
        prefix_segs,
        layers,
        ..
    } = checked;
    let mount = flaxum_grammar::item::mount(name, prefix, prefix_segs, &layers.names());
    let n_items = items.len();
    // The names are local to the blueprint's unnamed constant.
    quote! {
        /// What each listed handler and nested blueprint declares.
        #[allow(non_upper_case_globals)]
        const __FLAXUM_ITEMS: [&'static str; #n_items] = [#(#items::ITEM),*];
        /// The blueprint's name, URL prefix and middleware.
        #[allow(non_upper_case_globals)]
        const __FLAXUM_MOUNT: &'static str = #mount;
        /// Which item holds each handler, in a generic type: the compiler
        /// evaluates it only to generate code.
        #[allow(non_camel_case_types)]
        struct __FlaxumWhichOf<const L: usize>;
        impl<const L: usize> __FlaxumWhichOf<L> {
            const WHICH: [__fx::Within; L] = __fx::which(&__FLAXUM_ITEMS);
        }
        #[allow(non_camel_case_types, dead_code)]
        type __FlaxumWhich = __FlaxumWhichOf<{ __fx::leaf_count(&__FLAXUM_ITEMS) }>;
        impl #ident {
            #[doc(hidden)]
            const __ITEM: __fx::Joined<{ __fx::blueprint_len(__FLAXUM_MOUNT, &__FLAXUM_ITEMS) }> =
                __fx::Joined::blueprint(__FLAXUM_MOUNT, &__FLAXUM_ITEMS);
            /// The blueprint's routes, in the item format.
            #[doc(hidden)]
            pub const ITEM: &'static str = Self::__ITEM.as_str();
        }
    }
}

/// The blueprint's `Item` impl: the dispatch to its handlers, behind the
/// middleware and hooks of its level.
fn blueprint_call(ident: &Ident, items: &[Path], layers: &Layers) -> TokenStream {
    let chain = layers.chain();
    let inner_ident = format_ident!("__FlaxumItemsOf_{}", ident);
    let (dispatch, inner) = dispatch(&inner_ident, items, &quote!(__FlaxumWhich::WHICH));
    let chain_ty = layered(&chain, inner);
    let item_bounds = items
        .iter()
        .map(|p| quote_spanned!(p.span()=> #p: __fx::Item<__S>));
    let layer_bounds = chain
        .iter()
        .map(|p| quote_spanned!(p.span()=> #p: __fx::Middleware<__S>));
    quote! {
        #dispatch

        impl<__S> __fx::Item<__S> for #ident
        where
            __S: __fx::State,
            #(#item_bounds,)*
            #(#layer_bounds,)*
        {
            fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
                <#chain_ty as __fx::Item<__S>>::call(__c.nested())
            }
        }
    }
}

/// `Mounted` for each item the blueprint lists, for `url_for!`: an item's
/// prefix is the one the blueprint itself is mounted at (none at the
/// root), then the blueprint's `url_prefix`.
fn blueprint_mounted(ident: &Ident, items: &[Path], prefix: &str) -> TokenStream {
    quote! {
        #(
            impl __fx::Mounted for #items {
                fn prefix(out: &mut ::std::string::String) {
                    {
                        #[allow(unused_imports)]
                        use __fx::{ViaMounted as _, ViaRoot as _};
                        (&__fx::Probe::<#ident>::new()).write_prefix(out);
                    }
                    out.push_str(#prefix);
                }
            }
        )*
    }
}

/// A blueprint's options, checked.
struct Checked {
    name: String,
    /// The URL prefix, without a trailing slash, and its segments.
    prefix: String,
    prefix_segs: Vec<String>,
    /// The handlers and nested blueprints.
    items: Vec<Path>,
    layers: Layers,
}

/// The blueprint's name and options, with every problem reported at once.
fn check(bp: &Blueprint) -> Result<Checked, syn::Error> {
    let mut errors = Errors::default();
    let name = bp.name.value();
    if name.is_empty() || name.contains('.') || name.contains(char::is_whitespace) {
        errors.spanned(
            bp.name.span(),
            "a blueprint's name is a non-empty word without dots (Flask joins nested names with `.`)",
        );
    }
    let mut prefix = String::new();
    let mut prefix_segs = Vec::new();
    let mut items: Option<Vec<Path>> = None;
    let mut layers = Layers::default();
    for KeyValue { key, value } in &bp.opts {
        match key.to_string().as_str() {
            "url_prefix" => match value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }) => match url_prefix(s, PREFIX_NOT_STATIC) {
                    Ok((p, segs)) => {
                        prefix = p;
                        prefix_segs = segs;
                    }
                    Err(e) => errors.push(e),
                },
                other => errors.spanned(
                    other.span(),
                    "`url_prefix` takes a string literal, e.g. `url_prefix = \"/auth\"`",
                ),
            },
            "routes" => items = Some(path_list(value, "routes", &mut errors)),
            _ if layers.take(key, value, &mut errors) => {}
            other => errors.spanned(
                key.span(),
                format!("unknown blueprint option `{other}`; the options are `url_prefix`, `routes`, {LAYER_KEYS}"),
            ),
        }
    }
    let items = items.unwrap_or_else(|| {
        errors.spanned(
            bp.ident.span(),
            "a blueprint lists its handlers (and nested blueprints): `routes = [login, logout]`",
        );
        Vec::new()
    });
    check_twice(&items, "routes", &mut errors);
    errors.into_result()?;
    Ok(Checked {
        name,
        prefix,
        prefix_segs,
        items,
        layers,
    })
}

const PREFIX_NOT_STATIC: &str =
    "a blueprint's `url_prefix` is static text: parameters go in the routes";
