fn expansion() {
    {
        const __FLAXUM_ROUTE: usize = ::flaxum::__private::url_route(<user>::ITEM, &["id"], "user");
        let mut __u = ::flaxum::__private::UrlFor::of(::flaxum::__private::ItemRoute::new(
            <user>::ITEM,
            __FLAXUM_ROUTE,
        ));
        {
            #[allow(unused_imports)]
            use ::flaxum::__private::{ViaMounted as _, ViaRoot as _};
            (&::flaxum::__private::Probe::<user>::new()).write_prefix(__u.prefix_mut());
        }
        __u.arg(
            "id",
            ::flaxum::__private::kind::<user, { ::flaxum::__private::url_arg(<user>::ITEM, "id") }>(
            ),
            &(7),
        );
        __u.finish()
    }
}
