fn expansion() {
    {
        use ::flaxum::__private as __fx;
        #[doc = r" What each listed handler and blueprint declares: its routes and"]
        #[doc = r" where its parameters are."]
        const __FLAXUM_ITEMS: __fx::Unchecked<[__fx::ItemDef; 3usize]> =
            __fx::Unchecked::new([index::ITEM, user::ITEM, auth::bp::ITEM]);
        #[doc = r" The number of the app's routes."]
        const __FLAXUM_N: usize = __fx::route_count(__FLAXUM_ITEMS.get());
        #[doc = r" The app's middleware, which every route names."]
        const __FLAXUM_MOUNT: __fx::Mount = __fx::Mount {
            name: "",
            prefix: "",
            segments: &[],
            middleware: "timing",
        };
        #[doc = r" The segments of the routes."]
        static __FLAXUM_SEGS: [__fx::Segment;
            __fx::segment_count(__FLAXUM_ITEMS.get(), &__FLAXUM_MOUNT)] =
            __fx::segments(__FLAXUM_ITEMS.get(), &__FLAXUM_MOUNT);
        #[doc = r" The routes' paths, names and middleware lists, as text."]
        static __FLAXUM_TEXT: [u8; __fx::byte_count(__FLAXUM_ITEMS.get(), &__FLAXUM_MOUNT)] =
            __fx::bytes(__FLAXUM_ITEMS.get(), &__FLAXUM_MOUNT);
        #[doc = r" The routes, each naming the app's middleware."]
        static __FLAXUM_ROUTES: [__fx::RouteDef; __FLAXUM_N] = __fx::defs(
            __FLAXUM_ITEMS.get(),
            &__FLAXUM_MOUNT,
            &__FLAXUM_SEGS,
            &__FLAXUM_TEXT,
        );
        #[doc = r" For each route, the handler that answers it."]
        static __FLAXUM_OWNERS: [__fx::Owner; __FLAXUM_N] =
            __fx::mount_owners(__FLAXUM_ITEMS.get());
        :: flaxum :: table ! (static __FLAXUM_TABLE = & __FLAXUM_ROUTES , :: flaxum :: table :: BuildOptions { strict_slashes : true });
        #[doc = r" Calls the handler a request matched: through its item's"]
        #[doc = r" `Item::call`, found by the handler's number."]
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        struct AppRoutes;
        #[doc = r" For each handler, by number, the item that holds it."]
        #[allow(non_upper_case_globals)]
        static __FLAXUM_WHICH: [__fx::Within; __fx::leaf_count(__FLAXUM_ITEMS.get())] =
            __fx::which(__FLAXUM_ITEMS.get());
        impl<__S> __fx::Item<__S> for AppRoutes
        where
            __S: __fx::State,
            index: __fx::Item<__S>,
            user: __fx::Item<__S>,
            auth::bp: __fx::Item<__S>,
        {
            fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
                let __w = __fx::Within::find(&__FLAXUM_WHICH, __c.handler);
                let __h = usize::from(__w.handler);
                match __w.item {
                    0u16 => <index as __fx::Item<__S>>::call(__c.to(__h)),
                    1u16 => <user as __fx::Item<__S>>::call(__c.to(__h)),
                    2u16 => <auth::bp as __fx::Item<__S>>::call(__c.to(__h)),
                    _ => <__fx::NoHandlers as __fx::Item<__S>>::call(__c),
                }
            }
        }
        __fx::Routes::<__fx::Layer<timing, AppRoutes>, __fx::Layer<timing, __fx::Prepared>>::__new(
            &__FLAXUM_TABLE,
            &__FLAXUM_OWNERS,
        )
    }
}
