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
};
