async fn hello(name: &str, body: String) -> String {
    format!("{name}: {body}")
}
#[doc(hidden)]
#[allow(non_camel_case_types)]
struct hello {}
const _: () = {
    use ::flaxum::__private as __fx;
    impl hello {
        pub const ITEM: &'static str =
            "HAHAB@Dnamea[EABNSEhelloPpDnameM/hello/<name>EhelloDauthM<unspecified>AA";
        #[doc(hidden)]
        #[allow(non_snake_case, unused_mut, unused_variables, clippy::all)]
        pub fn __call<__S>(
            __c: __fx::Call<__S>,
        ) -> impl ::core::future::Future<Output = __fx::Response>
        where
            __S: __fx::State,
            String: __fx::BodyArg<__S>,
        {
            let (__def, __req, __m, __state) = __c.open();
            async move {
                let __uri = __fx::routed_uri(&__req);
                let __path: &str = __uri.path();
                let __val0 = {
                    let raw = __fx::raw(__path, &__m, 0usize);
                    let decoded = __fx::decode(raw, "name");
                    match decoded {
                        ::core::result::Result::Ok(v) => v,
                        ::core::result::Result::Err(e) => {
                            return __fx::IntoResponse::into_response(e)
                        }
                    }
                };
                let __arg0 = &*__val0;
                let (mut __parts, __body) = __req.into_parts();
                let __req = __fx::Request::from_parts(__parts, __body);
                let __arg1 = match <String as __fx::BodyArg<__S>>::extract(__req, &__state).await {
                    ::core::result::Result::Ok(v) => v,
                    ::core::result::Result::Err(r) => return r,
                };
                __fx::HandlerReturn::into_response(hello(__arg0, __arg1).await)
            }
        }
    }
    impl __fx::ParamAt<0usize> for hello {
        type Kind = __fx::Text;
    }
    impl<__S: __fx::State> __fx::Glued<__S> for hello
    where
        String: __fx::BodyArg<__S>,
    {
        fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
            __fx::call_borrowing(__c, hello::__call::<__S>)
        }
    }
    impl<__S: __fx::State> __fx::Item<__S> for hello
    where
        String: __fx::BodyArg<__S>,
        auth: __fx::Middleware<__S>,
    {
        fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
            __fx::chain::<__S, __fx::Layer<auth, __fx::Bare<hello>>>(__c)
        }
    }
};
