fn expansion() {
    {
        use ::flaxum::__private as __fx;
        #[doc = r" What each listed handler and blueprint declares: its routes,"]
        #[doc = r" in the item format."]
        const __FLAXUM_ITEMS: [&'static str; 3usize] = [index::ITEM, user::ITEM, auth::bp::ITEM];
        #[doc = r" The app's own mount (its middleware) and options."]
        const __FLAXUM_ROOT: __fx::Root = __fx::Root {
            mount: "@@A@Ftiming",
            strict_slashes: true,
        };
        #[doc = r" The bounds of the check's work, from the items' headers."]
        const __FLAXUM_COUNTS: __fx::Counts = __fx::counts(&__FLAXUM_ITEMS);
        #[doc = r" The routes checked, in every `cargo check` too: the sizes of"]
        #[doc = r" the table, or the first route mistake."]
        const __FLAXUM_CHECKED: ::core::result::Result<__fx::Checked, __fx::BuildError> =
            __fx::check::<
                { __FLAXUM_COUNTS.patterns },
                { __FLAXUM_COUNTS.nodes },
                { __FLAXUM_COUNTS.hash },
            >(&__FLAXUM_ITEMS, __FLAXUM_ROOT);
        #[doc = r" A route mistake stops the build here, with its message."]
        #[allow(dead_code)]
        const __FLAXUM_ROUTES_OK: () = if let ::core::result::Result::Err(e) = &__FLAXUM_CHECKED {
            ::core::panic!("{}", e.as_str())
        };
        #[doc = r" The sizes of the table: none after a route mistake (which"]
        #[doc = r" `__FLAXUM_ROUTES_OK` reports), so that nothing else fails."]
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
        #[doc = r" Calls the handler a request matched: through its item's"]
        #[doc = r" `Item::call`, found by the handler's number."]
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        struct AppRoutes;
        impl<__S> __fx::Item<__S> for AppRoutes
        where
            __S: __fx::State,
            index: __fx::Item<__S>,
            user: __fx::Item<__S>,
            auth::bp: __fx::Item<__S>,
        {
            fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
                let __w = __fx::Within::find(&__FlaxumApp::WHICH, __c.handler);
                let __h = usize::from(__w.handler);
                match __w.item {
                    0u16 => <index as __fx::Item<__S>>::call(__c.to(__h)),
                    1u16 => <user as __fx::Item<__S>>::call(__c.to(__h)),
                    2u16 => <auth::bp as __fx::Item<__S>>::call(__c.to(__h)),
                    _ => <__fx::NoHandlers as __fx::Item<__S>>::call(__c),
                }
            }
        }
        #[allow(unused_variables)]
        fn __flaxum_describe(__h: usize, __op: &mut __fx::Operation<'_>) {
            #[allow(unused_imports)]
            use __fx::{NoInput as _, ViaInput as _};
            let __w = __fx::Within::find(&__FlaxumApp::WHICH, __h);
            let __i = usize::from(__w.handler);
            match __w.item {
                0u16 => <index as __fx::Described>::describe(__i, __op),
                1u16 => <user as __fx::Described>::describe(__i, __op),
                2u16 => <auth::bp as __fx::Described>::describe(__i, __op),
                _ => {}
            }
            (&__fx::Look::<timing>::new()).input(__op);
        }
        __fx::Routes::<__fx::Layer<timing, AppRoutes>, __fx::Layer<timing, __fx::Prepared>>::__new(
            &__FlaxumApp::TABLE,
            &__FlaxumApp::OWNERS,
        )
        .__described(
            __flaxum_describe,
            ::core::env!("CARGO_PKG_NAME"),
            ::core::env!("CARGO_PKG_VERSION"),
        )
    }
}
