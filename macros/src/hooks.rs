//! `#[middleware]` and Flask's hooks (`#[before_request]`,
//! `#[after_request]`, `#[errorhandler]`): each keeps the function as
//! written (a middleware's `Next` gets its chain type) and adds a companion
//! type of the same name implementing `Middleware`, so blueprints, routes
//! and `routes!` can put it in a route's chain.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FnArg, ItemFn, Lit, Type};

use crate::diag::Errors;

/// Which attribute.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Middleware,
    Before,
    After,
    Error,
}

impl Kind {
    fn attr(self) -> &'static str {
        match self {
            Kind::Middleware => "#[middleware]",
            Kind::Before => "#[before_request]",
            Kind::After => "#[after_request]",
            Kind::Error => "#[errorhandler]",
        }
    }

    fn shape(self) -> &'static str {
        match self {
            Kind::Middleware => {
                "`async fn(…extractors, req: Request, next: Next) -> impl IntoResponse`"
            }
            Kind::Before => {
                "`async fn(…extractors, [req: &mut Request]) -> ()`, `Option<impl IntoResponse>` or `Result<(), impl IntoResponse>`"
            }
            Kind::After => "`async fn(…extractors, res: Response) -> impl IntoResponse`",
            Kind::Error => "`async fn(…extractors, error) -> impl IntoResponse` (for a status code, the error is optional: `e: HttpError` or `code: StatusCode`)",
        }
    }
}

/// What an `#[errorhandler(…)]` answers.
enum Catch {
    Status(u16),
    Type(Box<Type>),
}

pub(crate) fn expand(kind: Kind, args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let mut func: ItemFn = match crate::lite::parse_fn(item.clone()) {
        Ok(f) => f,
        Err(_) => {
            let e = syn::Error::new(
                Span::call_site(),
                format!("{} goes on an `async fn`: {}", kind.attr(), kind.shape()),
            );
            let mut out = e.to_compile_error();
            out.extend(item);
            return out;
        }
    };
    let catch = if kind == Kind::Error {
        parse_catch(args, &mut errors)
    } else {
        if !args.is_empty() {
            errors.spanned(args.span(), format!("{} takes no arguments", kind.attr()));
        }
        None
    };
    check_signature(kind, &func, &mut errors);
    if kind == Kind::Middleware {
        give_next_its_type(&mut func);
    }
    let shape = split_arguments(kind, catch.as_ref(), &func, &mut errors);
    check_head_only(kind, &shape.extractors, &mut errors);
    if let Err(e) = errors.into_result() {
        let mut out = e.to_compile_error();
        out.extend(stub(kind, &func));
        return out;
    }
    let ident = &func.sig.ident;
    let (extract, bounds, vars) = extraction(&shape.extractors);
    let ret_span = match &func.sig.output {
        syn::ReturnType::Type(_, ty) => ty.span(),
        syn::ReturnType::Default => ident.span(),
    };
    let direct = kind == Kind::Middleware && shape.extractors.is_empty();
    let call = Call {
        ident,
        vars: &vars,
        extract: &extract,
        ret_span,
    };
    let body = call_body(kind, catch, &shape, &call, direct);
    let wrapped = if direct {
        body
    } else {
        quote!(async move { #body })
    };
    companion(kind, &func, &bounds, wrapped)
}

/// An async, non-generic function.
fn check_signature(kind: Kind, func: &ItemFn, errors: &mut Errors) {
    let sig = &func.sig;
    if sig.asyncness.is_none() {
        errors.spanned(
            sig.fn_token.span,
            format!(
                "a function with {} must be an `async fn`: write `async fn {}`",
                kind.attr(),
                sig.ident
            ),
        );
    }
    if !sig.generics.params.is_empty() {
        errors.spanned(
            sig.generics.span(),
            format!("a function with {} cannot be generic", kind.attr()),
        );
    }
}

/// A middleware's `next: Next` stands for `Next<impl Run>`: the chain's
/// type. The user's own path to `Next` is kept, so their import stays used.
fn give_next_its_type(func: &mut ItemFn) {
    for input in func.sig.inputs.iter_mut() {
        if let FnArg::Typed(t) = input {
            if let Type::Path(p) = &mut *t.ty {
                if let Some(last) = p.path.segments.last_mut() {
                    if last.ident == "Next" && last.arguments.is_empty() {
                        last.arguments = syn::PathArguments::AngleBracketed(
                            syn::parse_quote_spanned!(last.ident.span()=> <impl ::flaxum::middleware::Run>),
                        );
                    }
                }
            }
        }
    }
}

/// How a hook's arguments divide: the extractors first, then what the
/// hook itself takes (the request, `next`, the response or the error).
struct Shape {
    /// All the arguments' types.
    types: Vec<Type>,
    /// The extractors among them.
    extractors: Vec<Type>,
    /// A `before_request` function takes the request as `&mut Request`.
    by_ref: bool,
    /// An error handler takes the error.
    error_arg: bool,
}

/// The arguments of the hook, checked against its kind's shape.
fn split_arguments(kind: Kind, catch: Option<&Catch>, func: &ItemFn, errors: &mut Errors) -> Shape {
    let types = argument_types(kind, func, errors);
    // The extractors, and how the function is called after them.
    let mut shape = Shape {
        extractors: types.clone(),
        types,
        by_ref: false,
        error_arg: false,
    };
    let parens = func.sig.paren_token.span.join();
    match kind {
        Kind::Middleware => middleware_arguments(&mut shape, parens, errors),
        Kind::Before => before_arguments(&mut shape, errors),
        Kind::After => after_arguments(&mut shape, parens, errors),
        Kind::Error => error_arguments(&mut shape, catch, parens, errors),
    }
    shape
}

/// The types of the hook's arguments; `self` is refused.
fn argument_types(kind: Kind, func: &ItemFn, errors: &mut Errors) -> Vec<Type> {
    let mut types = Vec::new();
    for input in &func.sig.inputs {
        match input {
            FnArg::Receiver(r) => errors.spanned(
                r.span(),
                format!("a function with {} cannot take `self`", kind.attr()),
            ),
            FnArg::Typed(t) => types.push((*t.ty).clone()),
        }
    }
    types
}

/// An argument list that does not fit the kind's shape: `what` is wrong,
/// and the message shows the shape.
fn shape_error(kind: Kind, errors: &mut Errors, span: Span, what: &str) {
    errors.spanned(
        span,
        format!(
            "{what}: a function with {} is {}",
            kind.attr(),
            kind.shape()
        ),
    )
}

/// A middleware takes its extractors, then the request by value, then
/// `next: Next`.
fn middleware_arguments(shape: &mut Shape, parens: Span, errors: &mut Errors) {
    let types = &shape.types;
    if types.len() < 2 {
        shape_error(
            Kind::Middleware,
            errors,
            parens,
            "a middleware takes the request and `next: Next`, after any extractors",
        );
        shape.extractors.clear();
        return;
    }
    let last = types.len() - 1;
    if !is_next(&types[last]) {
        shape_error(
            Kind::Middleware,
            errors,
            types[last].span(),
            "the last argument of a middleware must be `next: Next`",
        );
    }
    if is_next(&types[last - 1]) || is_ref(&types[last - 1]) {
        shape_error(
            Kind::Middleware,
            errors,
            types[last - 1].span(),
            "the argument before `next` must take the request by value, `req: Request`",
        );
    }
    shape.extractors.truncate(last - 1);
}

/// A before_request function may take the request last, as
/// `&mut Request`; the arguments before it are extractors.
fn before_arguments(shape: &mut Shape, errors: &mut Errors) {
    if let Some(last) = shape.types.last() {
        if let Type::Reference(r) = last {
            if r.mutability.is_none() {
                shape_error(
                    Kind::Before,
                    errors,
                    last.span(),
                    "the request is taken as `req: &mut Request`",
                );
            }
            shape.by_ref = true;
            shape.extractors.pop();
        }
    }
}

/// An after_request function takes the response last, after its
/// extractors.
fn after_arguments(shape: &mut Shape, parens: Span, errors: &mut Errors) {
    if shape.types.is_empty() {
        shape_error(
            Kind::After,
            errors,
            parens,
            "an after_request function takes the response, `res: Response`",
        );
    } else {
        shape.extractors.pop();
    }
}

/// An error handler takes the error last: required for a type, optional
/// (an `HttpError` or `StatusCode`) for a status. Arguments before it are
/// extractors, taken when the request comes in.
fn error_arguments(shape: &mut Shape, catch: Option<&Catch>, parens: Span, errors: &mut Errors) {
    let takes_error = match catch {
        Some(Catch::Type(_)) => true,
        _ => shape.types.last().is_some_and(is_status_error),
    };
    if takes_error {
        shape.extractors.pop();
    }
    if matches!(catch, Some(Catch::Type(_))) && shape.types.is_empty() {
        shape_error(
            Kind::Error,
            errors,
            parens,
            "an error handler for a type takes the error value last, `e: ErrorType`",
        );
    }
    shape.error_arg = takes_error;
}

/// Extractors run before the rest of the chain, which still needs the
/// body: one that reads it is refused here, where the mistake is.
fn check_head_only(kind: Kind, extractors: &[Type], errors: &mut Errors) {
    for ty in extractors {
        let name = crate::route_attr::handler::last_ident(ty);
        if name
            .as_deref()
            .is_some_and(|n| crate::route_attr::handler::BODY_TYPES.contains(&n))
        {
            errors.spanned(
                ty.span(),
                format!(
                    "`{}` reads the request body, which the handler still needs: the extractors of a function with {} read the request head only (`FromRequestParts`: `HeaderMap`, `State`, `Query`, `Extension`, …)",
                    name.unwrap_or_default(),
                    kind.attr()
                ),
            );
        }
    }
}

/// How the hook function is called: its name, the variables of its
/// extractors and the statements that fill them, and the span of its
/// return type (where a wrong one is reported).
struct Call<'a> {
    ident: &'a syn::Ident,
    vars: &'a [syn::Ident],
    extract: &'a TokenStream,
    ret_span: Span,
}

/// The body of the companion's `call`: the extractors, the hook function,
/// and the rest of the chain (`__next`), in the order of the hook's kind.
fn call_body(
    kind: Kind,
    catch: Option<Catch>,
    shape: &Shape,
    call: &Call<'_>,
    direct: bool,
) -> TokenStream {
    let Call {
        ident,
        vars,
        extract,
        ret_span,
    } = *call;
    let by_ref = shape.by_ref;
    let respond = |call: TokenStream| respond(ret_span, call);
    match kind {
        Kind::Middleware if direct => {
            quote_spanned!(ret_span=> ::flaxum::__private::respond(#ident(__req, __next)))
        }
        Kind::Middleware => {
            let call = respond(quote!(#ident(#(#vars,)* __req, __next).await));
            quote! { #extract #call }
        }
        Kind::Before => {
            let req_arg = by_ref.then(|| quote!(&mut __req));
            let stop = quote_spanned!(ret_span=> ::flaxum::__private::BeforeReturn::into_stop(#ident(#(#vars,)* #req_arg).await));
            quote! {
                #extract
                let mut __req = __req;
                match #stop {
                    // The answer goes through the error handlers and
                    // after_request functions inside this one.
                    ::core::option::Option::Some(__res) => __next.__answer(__req, __res).await,
                    ::core::option::Option::None => __next.run(__req).await,
                }
            }
        }
        Kind::After => {
            let call = respond(quote!(#ident(#(#vars,)* __res).await));
            // A raised error that an error handler around may still answer:
            // the function waits for that answer, which it sees (Flask).
            quote! {
                #extract
                let __catching = __next.__catching();
                let __res = __next.run(__req).await;
                let __after = move |__res: ::flaxum::__private::Response| async move { #call };
                if __catching && ::flaxum::__private::is_raised(&__res) {
                    ::flaxum::__private::defer(__res, __after)
                } else {
                    __after(__res).await
                }
            }
        }
        Kind::Error => error_body(catch, shape, call),
    }
}

/// `call`'s value as the response, the conversion spanned at the hook's
/// return type (where a wrong one is reported).
fn respond(ret_span: Span, call: TokenStream) -> TokenStream {
    quote_spanned!(ret_span=> ::flaxum::__private::HandlerReturn::into_response(#call))
}

/// The body of an `#[errorhandler]`'s `call`: the rest of the chain, then
/// the handler for the raised error it catches (a status or a type).
fn error_body(catch: Option<Catch>, shape: &Shape, call: &Call<'_>) -> TokenStream {
    let Call {
        ident,
        vars,
        extract,
        ret_span,
    } = *call;
    let Shape {
        types, error_arg, ..
    } = shape;
    let respond = |call: TokenStream| respond(ret_span, call);
    match catch {
        Some(Catch::Status(code)) => {
            let arg = error_arg.then(|| {
                let ty = types.last().map_or_else(|| ident.span(), |t| t.span());
                quote_spanned!(ty=> ::flaxum::__private::error_arg(::flaxum::abort(#code)))
            });
            let call = respond(quote!(#ident(#(#vars,)* #arg).await));
            quote! {
                #extract
                let mut __next = __next;
                let __around = __next.__catch();
                let mut __res = __next.run(__req).await;
                if __res.status().as_u16() == #code
                    && ::flaxum::__private::raised_status(&__res).is_some()
                {
                    let __waiting = ::flaxum::__private::take_waiting(&mut __res);
                    ::flaxum::__private::run_waiting(#call, __waiting).await
                } else if __around {
                    __res
                } else {
                    ::flaxum::__private::settle(__res).await
                }
            }
        }
        Some(Catch::Type(ty)) => {
            let call = respond(quote!(#ident(#(#vars,)* __err).await));
            let take = quote_spanned!(ty.span()=> ::flaxum::__private::take_raised::<#ty>);
            quote! {
                #extract
                let mut __next = __next;
                let __around = __next.__catch();
                let mut __res = __next.run(__req).await;
                match #take(&mut __res) {
                    ::core::option::Option::Some(__err) => {
                        let __waiting = ::flaxum::__private::take_waiting(&mut __res);
                        ::flaxum::__private::run_waiting(#call, __waiting).await
                    }
                    ::core::option::Option::None if __around => __res,
                    ::core::option::Option::None => ::flaxum::__private::settle(__res).await,
                }
            }
        }
        None => quote!(__next.run(__req).await),
    }
}

/// The function, and its companion type: a `Middleware` whose `call` is
/// `body` (over `__req` and `__next`), for every state meeting `bounds`.
fn companion(kind: Kind, func: &ItemFn, bounds: &[TokenStream], body: TokenStream) -> TokenStream {
    let vis = &func.vis;
    let ident = &func.sig.ident;
    // Which passes of a route's chain it runs in (`Hook`); a middleware
    // keeps the default.
    let hook = match kind {
        Kind::Middleware => None,
        Kind::Before => Some(quote!(Before)),
        Kind::After => Some(quote!(After)),
        Kind::Error => Some(quote!(Error)),
    }
    .map(|h| quote!(const HOOK: ::flaxum::__private::Hook = ::flaxum::__private::Hook::#h;));
    quote! {
        #func

        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #ident {}

        #[allow(non_snake_case, unused_mut, clippy::all)]
        impl<__S> ::flaxum::__private::Middleware<__S> for #ident
        where
            __S: ::core::clone::Clone + ::core::marker::Send + ::core::marker::Sync + 'static,
            #(#bounds,)*
        {
            #hook

            fn call<__N: ::flaxum::__private::Run<State = __S>>(
                __req: ::flaxum::__private::Request<::flaxum::__private::Body>,
                __next: ::flaxum::__private::Next<__N>,
            ) -> impl ::flaxum::__private::Future<Output = ::flaxum::__private::Response>
                   + ::core::marker::Send
                   + 'static {
                #body
            }
        }
    }
}

/// The function and, after errors, a companion that lets requests through,
/// so that the errors reported are the function's, not its users'.
fn stub(kind: Kind, func: &ItemFn) -> TokenStream {
    companion(kind, func, &[], quote!(__next.run(__req)))
}

/// `404`, `500` … or an error type.
fn parse_catch(args: TokenStream, errors: &mut Errors) -> Option<Catch> {
    if args.is_empty() {
        errors.spanned(
            Span::call_site(),
            "`#[errorhandler]` needs what it handles: a status code (`#[errorhandler(404)]`) or an error type (`#[errorhandler(MyError)]`)",
        );
        return None;
    }
    if let Ok(Lit::Int(n)) = syn::parse2::<Lit>(args.clone()) {
        return match n.base10_parse::<u16>() {
            Ok(code @ 400..=599) => Some(Catch::Status(code)),
            _ => {
                errors.spanned(
                    n.span(),
                    "an error handler takes an error status code, 400 to 599",
                );
                None
            }
        };
    }
    match syn::parse2::<Type>(args) {
        Ok(ty) => Some(Catch::Type(Box::new(ty))),
        Err(e) => {
            errors.spanned(
                e.span(),
                "`#[errorhandler]` takes a status code (`404`) or an error type (`MyError`)",
            );
            None
        }
    }
}

fn is_next(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Next"))
}

/// `HttpError` or `StatusCode`: the error argument of a status handler.
fn is_status_error(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "HttpError" || s.ident == "StatusCode"))
}

fn is_ref(ty: &Type) -> bool {
    matches!(ty, Type::Reference(_))
}

/// Statements that take the extractors from `__req` (using the state in
/// `__next`) and put the request back together; their bounds; the values.
fn extraction(extractors: &[Type]) -> (TokenStream, Vec<TokenStream>, Vec<syn::Ident>) {
    if extractors.is_empty() {
        return (TokenStream::new(), Vec::new(), Vec::new());
    }
    let mut lets = Vec::new();
    let mut bounds = Vec::new();
    let mut vars = Vec::new();
    for (i, ty) in extractors.iter().enumerate() {
        let var = format_ident!("__arg{}", i);
        bounds.push(quote_spanned!(ty.span()=> #ty: ::flaxum::__private::PartsArg<__S>));
        lets.push(quote! {
            let #var = match <#ty as ::flaxum::__private::PartsArg<__S>>::extract(&mut __parts, __next.__state()).await {
                ::core::result::Result::Ok(v) => v,
                ::core::result::Result::Err(r) => return r,
            };
        });
        vars.push(var);
    }
    let extract = quote! {
        let (mut __parts, __body) = __req.into_parts();
        #(#lets)*
        let __req = ::flaxum::__private::Request::from_parts(__parts, __body);
    };
    (extract, bounds, vars)
}
