//! Code generation: the handler as written, plus its companion type with
//! its routes and parameter places in one string of the item format (the
//! constant `ITEM`, written by `flaxum_grammar::item`) and an `Item` impl
//! whose `call` hands the request to the runtime's generic glue (or, for
//! handlers that borrow a parameter, to a generated `__call`). Generated
//! code names runtime items only through `::flaxum::__private`, imported
//! as `__fx` in an unnamed constant around the companion's impls.

use flaxum_grammar::item::{handler_item, ItemConv, Route, RouteSeg};
use flaxum_grammar::{Conv, Seg};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{ItemFn, Type};

use super::handler::Handler;
use crate::syntax::{companion, RouteAttr, INT_TYPES, METHODS};

/// The handler and its companion: its routes and where the parameters
/// are (`ITEM`, one string), and an `Item` impl that takes the arguments
/// and calls the handler behind its middleware.
pub(crate) fn route(item: &ItemFn, h: &Handler, attrs: &[RouteAttr]) -> TokenStream {
    let comp = companion(&h.ident);
    let mws = crate::syntax::middleware_of(attrs);
    let mw_names = crate::syntax::names(&mws);
    let item_const = item_const(h, attrs, &mw_names);
    let params = param_args(h, attrs);
    let kinds = params.iter().enumerate().map(|(k, &i)| {
        let ty = &h.args[i].ty;
        let kind = match custom_of(h, attrs, i) {
            Some(_) => quote!(__fx::Converted<#ty>),
            None => url_kind(ty),
        };
        quote! {
            impl __fx::ParamAt<#k> for #comp {
                type Kind = #kind;
            }
        }
    });
    let (glue_fn, call, bounds) = glue(item, h, attrs, &comp);
    let float_checks = float_checks(h, attrs);
    let name_checks = converter_names(h, attrs);
    let mw_bounds: Vec<TokenStream> = mws
        .iter()
        .map(|p| quote_spanned!(p.span()=> #p: __fx::Middleware<__S>))
        .collect();
    // `impl<__S> #trait_<__S> for #comp where …, #bounds { fn call(__c) { #body } }`
    let impl_call = |trait_: TokenStream, bounds: &[&[TokenStream]], body: TokenStream| {
        let bounds: Vec<&TokenStream> = bounds.iter().flat_map(|b| b.iter()).collect();
        let clause = (!bounds.is_empty()).then(|| quote!(where #(#bounds,)*));
        quote! {
            impl<__S: __fx::State> __fx::#trait_<__S> for #comp #clause {
                fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
                    #body
                }
            }
        }
    };
    let items = if mws.is_empty() {
        impl_call(quote!(Item), &[&bounds], call)
    } else {
        // The chain's type: the first middleware outermost, the glue inside.
        let mut chain = quote!(__fx::Bare<#comp>);
        for p in mws.iter().rev() {
            chain = quote!(__fx::Layer<#p, #chain>);
        }
        let glued = impl_call(quote!(Glued), &[&bounds], call);
        let item = impl_call(
            quote!(Item),
            &[&bounds, &mw_bounds],
            quote!(__fx::chain::<__S, #chain>(__c)),
        );
        quote!(#glued #item)
    };
    let described = super::openapi::described(item, h, attrs, &comp);
    let body = quote! {
        impl #comp {
            #item_const
            #glue_fn
        }

        #(#kinds)*

        #(#float_checks)*

        #(#name_checks)*

        #items

        #described
    };
    companion_items(item, &comp, body)
}

/// `ITEM`: the handler's routes in the item format (`flaxum::item`), a
/// string literal; or, when an `int`'s bounds come from a type only the
/// compiler knows (an alias, `usize`), the literal with those bounds
/// filled in by const evaluation.
fn item_const(h: &Handler, attrs: &[RouteAttr], middleware: &str) -> TokenStream {
    let params = param_args(h, attrs);
    let names: Vec<String> = params
        .iter()
        .map(|&i| h.args[i].name.clone().unwrap_or_default())
        .collect();
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let handler = h.ident.to_string();
    let mut patch_values = Vec::new();
    let mut customs = Vec::new();
    let paths: Vec<String> = attrs.iter().map(|a| a.path.value()).collect();
    let files: Vec<String> = attrs.iter().map(|a| a.span.file()).collect();
    let routes: Vec<Route<'_>> = attrs
        .iter()
        .zip(&paths)
        .zip(&files)
        .map(|((a, path), file)| {
            let segs = a.segs.as_deref().unwrap_or_default();
            let start = a.span.start();
            Route {
                methods: method_bits(a),
                strict_slashes: a.strict_slashes,
                spelled: flaxum_grammar::item::spelled(path, segs),
                segs: segs
                    .iter()
                    .map(|s| route_seg(h, s, &mut patch_values, &mut customs))
                    .collect(),
                path,
                handler: &handler,
                middleware,
                file,
                line: start.line as u32,
                // `column!()` counts from 1.
                column: start.column as u32 + 1,
            }
        })
        .collect();
    let encoded = handler_item(&routes, &name_refs, &places(h, attrs, &params));
    let text = proc_macro2::Literal::string(&encoded.text);
    // The companion is hidden from the docs, and so its constants.
    if encoded.patches.is_empty() && encoded.inserts.is_empty() {
        return quote!(pub const ITEM: &'static str = #text;);
    }
    let len = encoded.text.len();
    let at = &encoded.patches;
    if encoded.inserts.is_empty() {
        return quote! {
            const __ITEM: __fx::Joined<#len> =
                __fx::Joined::patch(#text, &[#(#at),*], &[#(#patch_values),*]);
            pub const ITEM: &'static str = Self::__ITEM.as_str();
        };
    }
    // Custom converters: their texts, and the byte counts that include them.
    let matches: Vec<TokenStream> = customs
        .iter()
        .map(|ty| quote_spanned!(ty.span()=> <#ty as __fx::UrlConverter>::MATCHES))
        .collect();
    let length = |m: &TokenStream| quote!(__fx::matches_len(&#m));
    let lengths = matches.iter().map(length);
    let (count_at, counts): (Vec<usize>, Vec<TokenStream>) = encoded
        .lengths
        .iter()
        .map(|l| {
            let bytes = l.bytes;
            let added = l.inserts.iter().map(|&i| length(&matches[i]));
            (l.at, quote!((#bytes #(+ #added)*) as u128))
        })
        .unzip();
    let insert_at = &encoded.inserts;
    quote! {
        const __ITEM: __fx::Joined<{ #len #(+ #lengths)* }> = __fx::Joined::splice(
            #text,
            &[#(#at,)* #(#count_at),*],
            &[#(#patch_values,)* #(#counts),*],
            &[#(#insert_at),*],
            &[#(#matches),*],
        );
        pub const ITEM: &'static str = Self::__ITEM.as_str();
    }
}

/// The methods of a route attribute as the runtime's bits.
fn method_bits(a: &RouteAttr) -> u16 {
    a.methods
        .iter()
        // A method's index in `METHODS` is its bit in `Methods`.
        .map(|(m, _)| 1u16 << METHODS.iter().position(|x| x == m).unwrap_or(0))
        .fold(0, |x, y| x | y)
}

/// `<T as FloatParam>::OK` for each argument a `float` converter fills:
/// the type's mistake reported at the argument, and nowhere else.
fn float_checks(h: &Handler, attrs: &[RouteAttr]) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for a in attrs {
        for s in a.segs.as_deref().unwrap_or_default() {
            if let Seg::Param {
                name,
                conv: Conv::Float { .. },
                ..
            } = s
            {
                if let Some(i) = h.param_arg(name) {
                    let ty = &h.args[i].ty;
                    let ok = quote_spanned!(ty.span()=> <#ty as __fx::FloatParam>::OK);
                    out.push(quote!(const _: () = #ok;));
                }
            }
        }
    }
    out
}

/// For each custom converter of a route, a check that the argument's type
/// is the converter the route names: `<slug:s>` needs `s: T` where
/// `T::NAME` is `"slug"` (a compile error at the argument otherwise).
fn converter_names(h: &Handler, attrs: &[RouteAttr]) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for a in attrs {
        for s in a.segs.as_deref().unwrap_or_default() {
            if let Seg::Param {
                name,
                conv: Conv::Custom(conv),
                ..
            } = s
            {
                if let Some(i) = h.param_arg(name) {
                    let ty = &h.args[i].ty;
                    let ok = quote_spanned!(ty.span()=> __fx::converter_named::<#ty>(#conv));
                    out.push(quote!(const _: bool = #ok;));
                }
            }
        }
    }
    out
}

/// The custom converter's name of the parameter argument `i`, when the
/// routes name one for it (the route attribute checks that they all name
/// the same).
pub(crate) fn custom_of<'a>(h: &Handler, attrs: &'a [RouteAttr], i: usize) -> Option<&'a str> {
    let name = h.args[i].name.as_deref()?;
    attrs.iter().find_map(|a| {
        a.segs
            .as_deref()
            .unwrap_or_default()
            .iter()
            .find_map(|s| match s {
                Seg::Param {
                    name: n,
                    conv: Conv::Custom(c),
                    ..
                } if n == name => Some(c.as_str()),
                _ => None,
            })
    })
}

/// The handler and its companion type, with the companion's impls in an
/// unnamed constant that imports the runtime's private module as `__fx`,
/// which keeps the expansion short to read and to compile.
fn companion_items(item: &ItemFn, comp: &syn::Ident, impls: TokenStream) -> TokenStream {
    let vis = &item.vis;
    quote! {
        #item

        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #comp {}

        const _: () = {
            use ::flaxum::__private as __fx;
            #impls
        };
    }
}

/// For each route of the handler, then each parameter argument: where
/// the parameter is among the route's parameters, plus 16 for the
/// catch-all.
fn places(h: &Handler, attrs: &[RouteAttr], params: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    for a in attrs {
        let segs = a.segs.as_deref().unwrap_or_default();
        let route_params: Vec<&Seg> = segs.iter().filter(|s| s.param_name().is_some()).collect();
        for &i in params {
            let name = h.args[i].name.as_deref().unwrap_or_default();
            let pos = route_params
                .iter()
                .position(|s| s.param_name() == Some(name))
                .unwrap_or(0);
            let catch_all = matches!(route_params.get(pos), Some(Seg::CatchAll { .. }));
            out.push(pos as u8 | if catch_all { 16 } else { 0 });
        }
    }
    out
}

/// The arguments that receive a path parameter, in order.
fn param_args(h: &Handler, attrs: &[RouteAttr]) -> Vec<usize> {
    (0..h.args.len())
        .filter(|&i| is_param(h, attrs, i))
        .collect()
}

/// The kind `url_for!` checks a value against, from the argument's type.
fn url_kind(ty: &Type) -> TokenStream {
    match param_kind(ty) {
        ParamKind::Str | ParamKind::Cow => quote!(__fx::Text),
        ParamKind::Int => quote!(#ty),
        ParamKind::FromStr => {
            if let Type::Path(p) = ty {
                let last = p.path.segments.last().map(|s| s.ident.to_string());
                match last.as_deref() {
                    Some("String") => return quote!(__fx::Text),
                    Some(f @ ("f32" | "f64")) if p.path.segments.len() == 1 => {
                        let f = format_ident!("{}", f);
                        return quote!(__fx::Float<#f>);
                    }
                    _ => {}
                }
            }
            quote!(#ty)
        }
    }
}

/// The handler and a companion with no routes, for when the attribute
/// reported errors: the user's code keeps compiling around it.
pub(crate) fn stub(item: &ItemFn) -> TokenStream {
    let comp = companion(&item.sig.ident);
    let described = super::openapi::described_stub(&comp);
    let impls = quote! {
        impl #comp {
            #[doc(hidden)]
            pub const ITEM: &'static str = "H@B@@";
        }

        impl<__S: 'static> __fx::Item<__S> for #comp {
            fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
                <__fx::NoHandlers as __fx::Item<__S>>::call(__c)
            }
        }

        #described
    };
    companion_items(item, &comp, impls)
}

/// One segment, with its converter's bounds resolved for the argument's
/// type; the bounds only const evaluation knows go to `patches`.
fn route_seg(
    h: &Handler,
    s: &Seg,
    patches: &mut Vec<TokenStream>,
    customs: &mut Vec<Type>,
) -> RouteSeg {
    match s {
        Seg::Static { text, .. } => RouteSeg::Static(text.clone()),
        Seg::CatchAll { name, .. } => RouteSeg::CatchAll { name: name.clone() },
        Seg::Param { name, conv, .. } => {
            let ty = h.param_arg(name).map(|i| &h.args[i].ty);
            if let (Conv::Custom(_), Some(ty)) = (conv, ty) {
                // The converter's text is its type's, in order.
                customs.push(ty.clone());
                return RouteSeg::Param {
                    name: name.clone(),
                    conv: ItemConv::Custom,
                };
            }
            RouteSeg::Param {
                name: name.clone(),
                conv: item_conv(conv, ty, patches),
            }
        }
    }
}

fn opt<T: ToTokens>(v: Option<T>) -> TokenStream {
    match v {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// The converter, narrowed to (and checked against) the argument's type.
fn item_conv(conv: &Conv, ty: Option<&Type>, patches: &mut Vec<TokenStream>) -> ItemConv {
    match conv {
        Conv::String { min, max } => ItemConv::String {
            min: *min,
            max: *max,
        },
        Conv::Int {
            min,
            max,
            fixed_digits,
            signed,
        } => {
            let default_lo = if *signed { i64::MIN as i128 } else { 0 };
            if let Some((lo, hi)) = ty.map_or(Some((i128::MIN, i128::MAX)), int_range) {
                // A primitive integer (or no argument): the bounds are known
                // here. The same rule as `Converter::int(…).within(lo, hi)`.
                return ItemConv::Int {
                    min: Some(min.unwrap_or(default_lo).max(lo)),
                    max: Some(max.unwrap_or(u64::MAX as i128).min(hi)),
                    fixed_digits: *fixed_digits,
                    signed: *signed,
                };
            }
            // The type's bounds come from `IntParam`, at the argument's span.
            let ty = ty.expect("a type");
            let bound = quote_spanned!(ty.span()=> <#ty as __fx::IntParam>);
            let (min, max) = (
                opt(min.map(proc_macro2::Literal::i128_suffixed)),
                opt(max.map(proc_macro2::Literal::i128_suffixed)),
            );
            let bounds = quote!(__fx::int_bounds(#min, #max, #signed, #bound::MIN, #bound::MAX));
            patches.push(quote!(__fx::zigzag(#bounds.0)));
            patches.push(quote!(__fx::zigzag(#bounds.1)));
            ItemConv::Int {
                min: None,
                max: None,
                fixed_digits: *fixed_digits,
                signed: *signed,
            }
        }
        Conv::Float { min, max, signed } => ItemConv::Float {
            min: min.unwrap_or(f64::NEG_INFINITY),
            max: max.unwrap_or(f64::INFINITY),
            signed: *signed,
        },
        Conv::Uuid => ItemConv::Uuid,
        Conv::Any(words) => ItemConv::Any(words.clone()),
        // Without an argument (reported already): a plain parameter.
        Conv::Custom(_) => ItemConv::String {
            min: 1,
            max: u32::MAX,
        },
    }
}

/// The values of a primitive integer type, as `IntParam` gives them
/// (`u128`'s top clamped to `i128::MAX`); `None` for any other type, and
/// for `usize` and `isize`, whose width is the target's, not the macro's.
fn int_range(ty: &Type) -> Option<(i128, i128)> {
    let Type::Path(p) = ty else { return None };
    if p.qself.is_some() || p.path.segments.len() != 1 {
        return None;
    }
    let range = match p.path.segments[0].ident.to_string().as_str() {
        "u8" => (0, u8::MAX as i128),
        "u16" => (0, u16::MAX as i128),
        "u32" => (0, u32::MAX as i128),
        "u64" => (0, u64::MAX as i128),
        "u128" => (0, i128::MAX),
        "i8" => (i8::MIN as i128, i8::MAX as i128),
        "i16" => (i16::MIN as i128, i16::MAX as i128),
        "i32" => (i32::MIN as i128, i32::MAX as i128),
        "i64" => (i64::MIN as i128, i64::MAX as i128),
        "i128" => (i128::MIN, i128::MAX),
        _ => return None,
    };
    Some(range)
}

/// How a path parameter's decoded value becomes the argument.
enum ParamKind {
    /// `&str`: borrowed from the decoded value.
    Str,
    /// `Cow<str>`: the decoded value itself.
    Cow,
    /// A primitive integer: digits only, no `+`, no overflow.
    Int,
    /// Anything else, through `FromStr`.
    FromStr,
}

fn param_kind(ty: &Type) -> ParamKind {
    match ty {
        Type::Reference(r) if matches!(&*r.elem, Type::Path(p) if p.path.is_ident("str")) => {
            ParamKind::Str
        }
        Type::Path(p) => {
            let last = p.path.segments.last().map(|s| s.ident.to_string());
            match last.as_deref() {
                Some("Cow") => ParamKind::Cow,
                Some(name) if p.path.segments.len() == 1 && INT_TYPES.contains(&name) => {
                    ParamKind::Int
                }
                _ => ParamKind::FromStr,
            }
        }
        _ => ParamKind::FromStr,
    }
}

/// The glue, and the bounds it needs (one per extractor, at that
/// argument's span, so a wrong type is reported there).
///
/// Most handlers call the runtime's generic glue, naming one marker type
/// per argument: nothing is generated for the compiler to check per
/// handler. A handler that borrows a path parameter (`&str`, `Cow<str>`)
/// gets an `async fn __call` of its own, since its future borrows from
/// the request. Returns that function (or nothing), the body of
/// `Item::call`, and the bounds.
fn glue(
    item: &ItemFn,
    h: &Handler,
    attrs: &[RouteAttr],
    comp: &syn::Ident,
) -> (TokenStream, TokenStream, Vec<TokenStream>) {
    let extractors: Vec<usize> = (0..h.args.len())
        .filter(|&i| !is_param(h, attrs, i))
        .collect();
    let last = extractors.last().copied();
    let mut bounds = Vec::new();
    for &i in &extractors {
        let arg = &h.args[i];
        let ty = &arg.ty;
        if Some(i) == last && super::handler::reads_body(arg) {
            bounds.push(quote_spanned!(ty.span()=> #ty: __fx::BodyArg<__S>));
        } else {
            bounds.push(quote_spanned!(ty.span()=> #ty: __fx::PartsArg<__S>));
        }
    }
    let borrows = h.args.iter().enumerate().any(|(i, a)| {
        is_param(h, attrs, i) && matches!(param_kind(&a.ty), ParamKind::Str | ParamKind::Cow)
    });
    if borrows {
        let glue_fn = borrowing_glue(item, h, attrs, &extractors, &bounds);
        let call = quote!(__fx::call_borrowing(__c, #comp::__call::<__S>));
        return (glue_fn, call, bounds);
    }
    let mut k = 0usize;
    let mut checks = Vec::new();
    let markers: Vec<TokenStream> = h
        .args
        .iter()
        .enumerate()
        .map(|(i, arg)| {
            let ty = &arg.ty;
            if is_param(h, attrs, i) {
                let m = match param_kind(ty) {
                    _ if custom_of(h, attrs, i).is_some() => {
                        checks.push(quote_spanned!(ty.span()=> #ty: __fx::UrlConverter));
                        quote!(__fx::Convert<#ty, #k>)
                    }
                    ParamKind::Int => quote!(__fx::Int<#ty, #k>),
                    _ => {
                        // A bound without `__S`: reported where the impl
                        // is, at the argument, and nowhere else.
                        checks.push(quote_spanned!(ty.span()=> #ty: __fx::PathParam));
                        quote!(__fx::Parse<#ty, #k>)
                    }
                };
                k += 1;
                m
            } else if Some(i) == last && super::handler::reads_body(arg) {
                quote!(__fx::Last<#ty>)
            } else {
                quote!(__fx::Head<#ty>)
            }
        })
        .collect();
    let ident = &h.ident;
    let ret_span = match &item.sig.output {
        syn::ReturnType::Type(_, ty) => ty.span(),
        syn::ReturnType::Default => item.sig.ident.span(),
    };
    let finish = quote_spanned!(ret_span=> __fx::finish);
    let call = quote!(__fx::call::<__S, (#(#markers,)*), _>(#ident, Self::ITEM, __c, #finish));
    bounds.extend(checks);
    (TokenStream::new(), call, bounds)
}

/// The glue of a handler that borrows a path parameter: `__call`, generic
/// over the app's state `__S`.
fn borrowing_glue(
    item: &ItemFn,
    h: &Handler,
    attrs: &[RouteAttr],
    extractors: &[usize],
    bounds: &[TokenStream],
) -> TokenStream {
    let ident = &h.ident;
    let mut lets = Vec::new();
    let has_params = extractors.len() < h.args.len();
    if has_params && extractors.is_empty() {
        // Nothing else takes the request: borrow the path from it.
        lets.push(quote!(let __path: &str = __fx::routed_path(&__req);));
    } else if has_params {
        // Extractors take the request apart; the values borrow a clone of
        // the URI (a reference count: hyper's URIs share its read buffer).
        lets.push(quote! {
            let __uri = __fx::routed_uri(&__req);
            let __path: &str = __uri.path();
        });
    }
    for (i, arg) in h.args.iter().enumerate() {
        if extractors.contains(&i) {
            continue;
        }
        let custom = custom_of(h, attrs, i).is_some();
        lets.push(param_let(i, arg, attrs, custom));
    }
    let last = extractors.last().copied();
    if !extractors.is_empty() {
        lets.push(quote!(let (mut __parts, __body) = __req.into_parts();));
    }
    for &i in extractors {
        let arg = &h.args[i];
        let ty = &arg.ty;
        let var = format_ident!("__arg{}", i);
        if Some(i) == last && super::handler::reads_body(arg) {
            lets.push(quote! {
                let __req = __fx::Request::from_parts(__parts, __body);
                let #var = match <#ty as __fx::BodyArg<__S>>::extract(__req, &__state).await {
                    ::core::result::Result::Ok(v) => v,
                    ::core::result::Result::Err(r) => return r,
                };
            });
        } else {
            lets.push(quote! {
                let #var = match <#ty as __fx::PartsArg<__S>>::extract(&mut __parts, &__state).await {
                    ::core::result::Result::Ok(v) => v,
                    ::core::result::Result::Err(r) => return r,
                };
            });
        }
    }
    let args = (0..h.args.len()).map(|i| format_ident!("__arg{}", i));
    let ret_span = match &item.sig.output {
        syn::ReturnType::Type(_, ty) => ty.span(),
        syn::ReturnType::Default => item.sig.ident.span(),
    };
    let call = quote!(#ident(#(#args),*).await);
    let ret = quote_spanned!(ret_span=> __fx::HandlerReturn::into_response(#call));
    quote! {
        #[doc(hidden)]
        #[allow(non_snake_case, unused_mut, unused_variables, clippy::all)]
        pub fn __call<__S>(
            __c: __fx::Call<__S>,
        ) -> impl ::core::future::Future<Output = __fx::Response>
        where
            __S: __fx::State,
            #(#bounds,)*
        {
            // Opened before the future is made, which so holds the
            // request, the match and the state, not the whole call.
            let (__def, __req, __m, __state) = __c.open();
            async move {
                #(#lets)*
                #ret
            }
        }
    }
}

fn is_param(h: &Handler, attrs: &[RouteAttr], i: usize) -> bool {
    let Some(name) = &h.args[i].name else {
        return false;
    };
    attrs.iter().any(|a| {
        a.segs
            .as_deref()
            .unwrap_or_default()
            .iter()
            .any(|s| s.param_name() == Some(name.as_str()))
    })
}

/// The statements that turn path parameter `name` into argument `i`.
fn param_let(
    i: usize,
    arg: &super::handler::Arg,
    attrs: &[RouteAttr],
    custom: bool,
) -> TokenStream {
    let name = arg.name.as_deref().unwrap_or_default();
    // Per route of the handler: the parameter's position, and whether it
    // is a catch-all (whose value must hold no dot segment).
    let mut positions = Vec::new();
    let mut catch_all = Vec::new();
    for a in attrs {
        let segs = a.segs.as_deref().unwrap_or_default();
        let params: Vec<&Seg> = segs.iter().filter(|s| s.param_name().is_some()).collect();
        let pos = params
            .iter()
            .position(|s| s.param_name() == Some(name))
            .unwrap_or(0);
        positions.push(pos);
        catch_all.push(matches!(params.get(pos), Some(Seg::CatchAll { .. })));
    }
    let var = format_ident!("__arg{}", i);
    let val = format_ident!("__val{}", i);
    let ty = &arg.ty;
    let fail = quote! {
        ::core::result::Result::Err(e) => return __fx::IntoResponse::into_response(e),
    };
    let convert = match param_kind(ty) {
        _ if custom => {
            let convert = quote_spanned!(ty.span()=> __fx::convert::<#ty>);
            quote! {
                let #var: #ty = match #convert(&#val, #name) {
                    ::core::result::Result::Ok(v) => v,
                    #fail
                };
            }
        }
        ParamKind::Str => quote!(let #var = &*#val;),
        ParamKind::Cow => quote!(let #var = #val;),
        ParamKind::Int => quote! {
            let #var: #ty = match __fx::int::<#ty>(&#val, #name) {
                ::core::result::Result::Ok(v) => v,
                #fail
            };
        },
        ParamKind::FromStr => {
            let parse = quote_spanned!(ty.span()=> <#ty as __fx::PathParam>::parse_param);
            quote! {
                let #var: #ty = match #parse(&#val, #name) {
                    ::core::result::Result::Ok(v) => v,
                    #fail
                };
            }
        }
    };
    // One route: its position and kind, as they are; several: the one of
    // the route matched (`__def`).
    let (position, decoded) = match (positions.as_slice(), catch_all.as_slice()) {
        ([pos], [true]) => (quote!(#pos), quote!(__fx::decode_catch_all(raw, #name))),
        ([pos], _) => (quote!(#pos), quote!(__fx::decode(raw, #name))),
        _ => (
            quote!([#(#positions),*][__def]),
            quote! {
                if [#(#catch_all),*][__def] {
                    __fx::decode_catch_all(raw, #name)
                } else {
                    __fx::decode(raw, #name)
                }
            },
        ),
    };
    quote! {
        let #val = {
            let raw = __fx::raw(__path, &__m, #position);
            let decoded = #decoded;
            match decoded {
                ::core::result::Result::Ok(v) => v,
                #fail
            }
        };
        #convert
    }
}
