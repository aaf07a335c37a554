#[doc = " The `auth` blueprint."]
#[allow(non_camel_case_types)]
pub struct bp {}
const _: () = {
    use ::flaxum::__private as __fx;
    #[doc = r" What each listed handler and nested blueprint declares."]
    #[allow(non_upper_case_globals)]
    const __FLAXUM_ITEMS: [&'static str; 2usize] = [login::ITEM, logout::ITEM];
    #[doc = r" The blueprint's name, URL prefix and middleware."]
    #[allow(non_upper_case_globals)]
    const __FLAXUM_MOUNT: &'static str = "DauthE/authAADauth@";
    #[doc = r" Which item holds each handler, in a generic type: the compiler"]
    #[doc = r" evaluates it only to generate code."]
    #[allow(non_camel_case_types)]
    struct __FlaxumWhichOf<const L: usize>;
    impl<const L: usize> __FlaxumWhichOf<L> {
        const WHICH: [__fx::Within; L] = __fx::which(&__FLAXUM_ITEMS);
    }
    #[allow(non_camel_case_types, dead_code)]
    type __FlaxumWhich = __FlaxumWhichOf<{ __fx::leaf_count(&__FLAXUM_ITEMS) }>;
    impl bp {
        #[doc(hidden)]
        const __ITEM: __fx::Joined<{ __fx::blueprint_len(__FLAXUM_MOUNT, &__FLAXUM_ITEMS) }> =
            __fx::Joined::blueprint(__FLAXUM_MOUNT, &__FLAXUM_ITEMS);
        #[doc = r" The blueprint's routes, in the item format."]
        #[doc(hidden)]
        pub const ITEM: &'static str = Self::__ITEM.as_str();
    }
    #[doc = r" Calls the handler a request matched: through its item's"]
    #[doc = r" `Item::call`, found by the handler's number."]
    #[doc(hidden)]
    #[allow(non_camel_case_types)]
    struct __FlaxumItemsOf_bp;
    impl<__S> __fx::Item<__S> for __FlaxumItemsOf_bp
    where
        __S: __fx::State,
        login: __fx::Item<__S>,
        logout: __fx::Item<__S>,
    {
        fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
            let __w = __fx::Within::find(&__FlaxumWhich::WHICH, __c.handler);
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
    impl __fx::Described for bp {
        #[allow(unused_variables)]
        fn describe(__h: usize, __op: &mut __fx::Operation<'_>) {
            __op.__tag("auth", "");
            #[allow(unused_imports)]
            use __fx::{NoInput as _, ViaInput as _};
            let __w = __fx::Within::find(&__FlaxumWhich::WHICH, __h);
            let __i = usize::from(__w.handler);
            match __w.item {
                0u16 => <login as __fx::Described>::describe(__i, __op),
                1u16 => <logout as __fx::Described>::describe(__i, __op),
                _ => {}
            }
            (&__fx::Look::<load_user>::new()).input(__op);
        }
    }
};
