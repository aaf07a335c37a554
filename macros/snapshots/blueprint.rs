#[doc = " The `auth` blueprint."]
#[allow(non_camel_case_types)]
pub struct bp {}
const _: () = {
    use ::flaxum::__private as __fx;
    #[allow(non_upper_case_globals)]
    const __FLAXUM_ITEMS: &[__fx::ItemDef] = &[login::ITEM, logout::ITEM];
    #[allow(non_upper_case_globals)]
    const __FLAXUM_MOUNT: __fx::Mount = __fx::Mount {
        name: "auth",
        prefix: "/auth",
        segments: &[__fx::Segment::Static("auth")],
        middleware: "",
    };
    #[allow(non_upper_case_globals)]
    static __FLAXUM_SEGS: [__fx::Segment; __fx::segment_count(__FLAXUM_ITEMS, &__FLAXUM_MOUNT)] =
        __fx::segments(__FLAXUM_ITEMS, &__FLAXUM_MOUNT);
    #[allow(non_upper_case_globals)]
    static __FLAXUM_TEXT: [u8; __fx::byte_count(__FLAXUM_ITEMS, &__FLAXUM_MOUNT)] =
        __fx::bytes(__FLAXUM_ITEMS, &__FLAXUM_MOUNT);
    #[allow(non_upper_case_globals)]
    static __FLAXUM_OWNERS: [__fx::Owner; __fx::route_count(__FLAXUM_ITEMS)] =
        __fx::mount_owners(__FLAXUM_ITEMS);
    impl bp {
        #[doc = r" The blueprint's routes, prefixed, and which handler owns each."]
        #[doc(hidden)]
        pub const ITEM: __fx::ItemDef = __fx::ItemDef {
            defs: &__fx::defs::<{ __fx::route_count(__FLAXUM_ITEMS) }>(
                __FLAXUM_ITEMS,
                &__FLAXUM_MOUNT,
                &__FLAXUM_SEGS,
                &__FLAXUM_TEXT,
            ),
            leaves: __fx::leaf_count(__FLAXUM_ITEMS),
            owners: &__FLAXUM_OWNERS,
            spec: __fx::Spec::NONE,
        };
    }
    #[doc(hidden)]
    #[allow(non_camel_case_types)]
    struct __FlaxumItemsOf_bp;
    #[allow(non_upper_case_globals)]
    static __FLAXUM_WHICH: [__fx::Within; __fx::leaf_count(__FLAXUM_ITEMS)] =
        __fx::which(__FLAXUM_ITEMS);
    impl<__S> __fx::Item<__S> for __FlaxumItemsOf_bp
    where
        __S: __fx::State,
        login: __fx::Item<__S>,
        logout: __fx::Item<__S>,
    {
        fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
            let __w = __fx::Within::find(&__FLAXUM_WHICH, __c.handler);
            let __h = usize::from(__w.handler);
            match __w.item {
                0u16 => <login as __fx::Item<__S>>::call(__c.to(__h)),
                1u16 => <logout as __fx::Item<__S>>::call(__c.to(__h)),
                _ => <__fx::NoHandlers as __fx::Item<__S>>::call(__c),
            }
        }
    }
    impl<__S> __fx::Item<__S> for bp
    where
        __S: __fx::State,
        login: __fx::Item<__S>,
        logout: __fx::Item<__S>,
        load_user: __fx::Middleware<__S>,
    {
        fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
            <__fx::Layer<load_user, __FlaxumItemsOf_bp> as __fx::Item<__S>>::call(__c.nested())
        }
    }
    impl __fx::Mounted for login {
        fn prefix(out: &mut ::std::string::String) {
            {
                #[allow(unused_imports)]
                use __fx::{ViaMounted as _, ViaRoot as _};
                (&__fx::Probe::<bp>::new()).write_prefix(out);
            }
            out.push_str("/auth");
        }
    }
    impl __fx::Mounted for logout {
        fn prefix(out: &mut ::std::string::String) {
            {
                #[allow(unused_imports)]
                use __fx::{ViaMounted as _, ViaRoot as _};
                (&__fx::Probe::<bp>::new()).write_prefix(out);
            }
            out.push_str("/auth");
        }
    }
};
