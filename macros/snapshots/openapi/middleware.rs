async fn timing(
    headers: HeaderMap,
    req: Request,
    next: Next<impl ::flaxum::middleware::Run>,
) -> Response {
    next.run(req).await
}
#[doc(hidden)]
#[allow(non_camel_case_types)]
struct timing {}
#[allow(non_snake_case, unused_mut, clippy::all)]
impl<__S> ::flaxum::__private::Middleware<__S> for timing
where
    __S: ::core::clone::Clone + ::core::marker::Send + ::core::marker::Sync + 'static,
    HeaderMap: ::flaxum::__private::PartsArg<__S>,
{
    fn call<__N: ::flaxum::__private::Run<State = __S>>(
        __req: ::flaxum::__private::Request<::flaxum::__private::Body>,
        __next: ::flaxum::__private::Next<__N>,
    ) -> impl ::flaxum::__private::Future<Output = ::flaxum::__private::Response>
           + ::core::marker::Send
           + 'static {
        async move {
            let (mut __parts, __body) = __req.into_parts();
            let __arg0 = match <HeaderMap as ::flaxum::__private::PartsArg<__S>>::extract(
                &mut __parts,
                __next.__state(),
            )
            .await
            {
                ::core::result::Result::Ok(v) => v,
                ::core::result::Result::Err(r) => return r,
            };
            let __req = ::flaxum::__private::Request::from_parts(__parts, __body);
            ::flaxum::__private::HandlerReturn::into_response(timing(__arg0, __req, __next).await)
        }
    }
}
