fn expansion() {
    {
        use ::flaxum::__private as __fx;
        const __FLAXUM_ITEMS: &[__fx::ItemDef] = &[index::ITEM, user::ITEM, auth::bp::ITEM];
        const __FLAXUM_N: usize = __fx::route_count(__FLAXUM_ITEMS);
        const __FLAXUM_MOUNT: __fx::Mount = __fx::Mount {
            name: "",
            prefix: "",
            segments: &[],
            middleware: "timing",
        };
        static __FLAXUM_SEGS: [__fx::Segment;
            __fx::segment_count(__FLAXUM_ITEMS, &__FLAXUM_MOUNT)] =
            __fx::segments(__FLAXUM_ITEMS, &__FLAXUM_MOUNT);
        static __FLAXUM_TEXT: [u8; __fx::byte_count(__FLAXUM_ITEMS, &__FLAXUM_MOUNT)] =
            __fx::bytes(__FLAXUM_ITEMS, &__FLAXUM_MOUNT);
        static __FLAXUM_ROUTES: [__fx::RouteDef; __FLAXUM_N] = __fx::defs(
            __FLAXUM_ITEMS,
            &__FLAXUM_MOUNT,
            &__FLAXUM_SEGS,
            &__FLAXUM_TEXT,
        );
        static __FLAXUM_OWNERS: [__fx::Owner; __FLAXUM_N] = __fx::mount_owners(__FLAXUM_ITEMS);
        :: flaxum :: table ! (static __FLAXUM_TABLE = & __FLAXUM_ROUTES , :: flaxum :: table :: BuildOptions { strict_slashes : true });
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        struct AppRoutes;
        #[allow(non_upper_case_globals)]
        static __FLAXUM_WHICH: [__fx::Within; __fx::leaf_count(__FLAXUM_ITEMS)] =
            __fx::which(__FLAXUM_ITEMS);
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
