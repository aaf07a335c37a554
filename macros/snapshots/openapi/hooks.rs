async fn load_user(req: &mut Request) -> Option<Response> {
    None
}
#[doc(hidden)]
#[allow(non_camel_case_types)]
struct load_user {}
#[allow(non_snake_case, unused_mut, clippy::all)]
impl<__S> ::flaxum::__private::Middleware<__S> for load_user
where
    __S: ::core::clone::Clone + ::core::marker::Send + ::core::marker::Sync + 'static,
{
    const HOOK: ::flaxum::__private::Hook = ::flaxum::__private::Hook::Before;
    fn call<__N: ::flaxum::__private::Run<State = __S>>(
        __req: ::flaxum::__private::Request<::flaxum::__private::Body>,
        __next: ::flaxum::__private::Next<__N>,
    ) -> impl ::flaxum::__private::Future<Output = ::flaxum::__private::Response>
           + ::core::marker::Send
           + 'static {
        async move {
            let mut __req = __req;
            match ::flaxum::__private::BeforeReturn::into_stop(load_user(&mut __req).await) {
                ::core::option::Option::Some(__res) => __next.__answer(__req, __res).await,
                ::core::option::Option::None => __next.run(__req).await,
            }
        }
    }
}
async fn stamp(res: Response) -> Response {
    res
}
#[doc(hidden)]
#[allow(non_camel_case_types)]
struct stamp {}
#[allow(non_snake_case, unused_mut, clippy::all)]
impl<__S> ::flaxum::__private::Middleware<__S> for stamp
where
    __S: ::core::clone::Clone + ::core::marker::Send + ::core::marker::Sync + 'static,
{
    const HOOK: ::flaxum::__private::Hook = ::flaxum::__private::Hook::After;
    fn call<__N: ::flaxum::__private::Run<State = __S>>(
        __req: ::flaxum::__private::Request<::flaxum::__private::Body>,
        __next: ::flaxum::__private::Next<__N>,
    ) -> impl ::flaxum::__private::Future<Output = ::flaxum::__private::Response>
           + ::core::marker::Send
           + 'static {
        async move {
            let __catching = __next.__catching();
            let __res = __next.run(__req).await;
            let __after = move |__res: ::flaxum::__private::Response| async move {
                ::flaxum::__private::HandlerReturn::into_response(stamp(__res).await)
            };
            if __catching && ::flaxum::__private::is_raised(&__res) {
                ::flaxum::__private::defer(__res, __after)
            } else {
                __after(__res).await
            }
        }
    }
}
async fn not_found() -> &'static str {
    "not here"
}
#[doc(hidden)]
#[allow(non_camel_case_types)]
struct not_found {}
#[allow(non_snake_case, unused_mut, clippy::all)]
impl<__S> ::flaxum::__private::Middleware<__S> for not_found
where
    __S: ::core::clone::Clone + ::core::marker::Send + ::core::marker::Sync + 'static,
{
    const HOOK: ::flaxum::__private::Hook = ::flaxum::__private::Hook::Error;
    fn call<__N: ::flaxum::__private::Run<State = __S>>(
        __req: ::flaxum::__private::Request<::flaxum::__private::Body>,
        __next: ::flaxum::__private::Next<__N>,
    ) -> impl ::flaxum::__private::Future<Output = ::flaxum::__private::Response>
           + ::core::marker::Send
           + 'static {
        async move {
            let mut __next = __next;
            let __around = __next.__catch();
            let mut __res = __next.run(__req).await;
            if __res.status().as_u16() == 404u16
                && ::flaxum::__private::raised_status(&__res).is_some()
            {
                let __waiting = ::flaxum::__private::take_waiting(&mut __res);
                ::flaxum::__private::run_waiting(
                    ::flaxum::__private::HandlerReturn::into_response(not_found().await),
                    __waiting,
                )
                .await
            } else if __around {
                __res
            } else {
                ::flaxum::__private::settle(__res).await
            }
        }
    }
}
