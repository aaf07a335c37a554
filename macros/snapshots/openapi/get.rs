async fn user(id: u64) -> String {
    format!("user {id}")
}
#[doc(hidden)]
#[allow(non_camel_case_types)]
struct user {}
const _: () = {
    use ::flaxum::__private as __fx;
    impl user {
        pub const ITEM: &'static str =
            "HAFAB@BidaVAABLSEusersPIBidO/users/<int:id>Duser@M<unspecified>AA";
    }
    impl __fx::ParamAt<0usize> for user {
        type Kind = u64;
    }
    impl<__S: __fx::State> __fx::Item<__S> for user {
        fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
            __fx::call::<__S, (__fx::Int<u64, 0usize>,), _>(user, Self::ITEM, __c, __fx::finish)
        }
    }
    impl __fx::Described for user {
        #[allow(unused_imports)]
        fn describe(_: usize, __op: &mut __fx::Operation<'_>) {
            use __fx::{NoInput as _, NoOutput as _, NoSchema as _};
            use __fx::{ViaInput as _, ViaOutput as _, ViaSchema as _};
            __op.__doc("");
            (&__fx::Look::<String>::new()).output(__op);
            (&__fx::Look::<u64>::new()).path_param(__op, "id");
        }
    }
};
