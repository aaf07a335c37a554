#[doc = " The `auth` blueprint."]
#[allow(non_camel_case_types)]
pub struct bp {}
const _: () = {
    use ::flaxum::__private as __fx;
    #[doc = r" What each listed handler and nested blueprint declares."]
    #[allow(non_upper_case_globals)]
    const __FLAXUM_ITEMS: __fx::Unchecked<[__fx::ItemDef; 2usize]> =
        __fx::Unchecked::new([login::ITEM, logout::ITEM]);
    #[doc = r" The blueprint's name, URL prefix and middleware, which its"]
    #[doc = r" routes take on."]
    #[allow(non_upper_case_globals)]
    const __FLAXUM_MOUNT: __fx::Mount = __fx::Mount {
        name: "auth",
        prefix: "/auth",
        segments: &[__fx::Segment::Static("auth")],
        middleware: "",
    };
    #[doc = r" The segments of the routes, the prefix's first."]
    #[allow(non_upper_case_globals)]
    static __FLAXUM_SEGS: [__fx::Segment;
        __fx::segment_count(__FLAXUM_ITEMS.get(), &__FLAXUM_MOUNT)] =
        __fx::segments(__FLAXUM_ITEMS.get(), &__FLAXUM_MOUNT);
    #[doc = r" The routes' prefixed paths, names and middleware lists, as text"]
    #[doc = r" the routes slice."]
    #[allow(non_upper_case_globals)]
    static __FLAXUM_TEXT: [u8; __fx::byte_count(__FLAXUM_ITEMS.get(), &__FLAXUM_MOUNT)] =
        __fx::bytes(__FLAXUM_ITEMS.get(), &__FLAXUM_MOUNT);
    #[doc = r" For each route, the handler of the blueprint that answers it."]
    #[allow(non_upper_case_globals)]
    static __FLAXUM_OWNERS: [__fx::Owner; __fx::route_count(__FLAXUM_ITEMS.get())] =
        __fx::mount_owners(__FLAXUM_ITEMS.get());
    impl bp {
        #[doc = r" The blueprint's routes, prefixed, and which handler owns each."]
        #[doc(hidden)]
        pub const ITEM: __fx::ItemDef = __fx::ItemDef {
            defs: &__fx::defs::<{ __fx::route_count(__FLAXUM_ITEMS.get()) }>(
                __FLAXUM_ITEMS.get(),
                &__FLAXUM_MOUNT,
                &__FLAXUM_SEGS,
                &__FLAXUM_TEXT,
            ),
            leaves: __fx::leaf_count(__FLAXUM_ITEMS.get()),
            owners: &__FLAXUM_OWNERS,
            spec: __fx::Spec::NONE,
        };
    }
    #[doc = r" Calls the handler a request matched: through its item's"]
    #[doc = r" `Item::call`, found by the handler's number."]
    #[doc(hidden)]
    #[allow(non_camel_case_types)]
    struct __FlaxumItemsOf_bp;
    #[doc = r" For each handler, by number, the item that holds it."]
    #[allow(non_upper_case_globals)]
    static __FLAXUM_WHICH: [__fx::Within; __fx::leaf_count(__FLAXUM_ITEMS.get())] =
        __fx::which(__FLAXUM_ITEMS.get());
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
