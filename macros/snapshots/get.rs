async fn user(id: u64) -> String {
    format!("user {id}")
}
#[doc(hidden)]
#[allow(non_camel_case_types)]
struct user {}
const _: () = {
    use ::flaxum::__private as __fx;
    impl user {
        #[doc(hidden)]
        pub const ITEM: __fx::ItemDef = __fx::ItemDef {
            defs: &[__fx::RouteDef {
                methods: __fx::Methods::from_bits(1u16),
                path: "/users/<int:id>",
                segments: &[
                    __fx::Segment::Static("users"),
                    __fx::Segment::Param {
                        name: "id",
                        conv: __fx::Converter::INT,
                    },
                ],
                handler: "user",
                file: ::core::file!(),
                line: ::core::line!(),
                column: ::core::column!(),
                ..__fx::ROUTE
            }],
            spec: __fx::Spec {
                names: &["id"],
                places: &[__fx::Place {
                    index: 0u8,
                    catch_all: false,
                }],
            },
            ..__fx::ItemDef::HANDLER
        };
    }
    impl __fx::ParamAt<0usize> for user {
        type Kind = u64;
    }
    impl<__S> __fx::Item<__S> for user
    where
        __S: __fx::State,
    {
        fn call(__c: __fx::Call<__S>) -> __fx::HandlerFuture {
            let mut __c = __c;
            if let ::core::option::Option::Some(__res) = __c.answered() {
                return __res;
            }
            __fx::call::<__S, (__fx::Int<u64, 0usize>,), _>(
                user,
                &user::ITEM.spec,
                __c,
                __fx::finish,
            )
        }
    }
};
