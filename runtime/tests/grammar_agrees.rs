//! The facts the macros (through `flaxum-grammar`) and the runtime both
//! rely on are the same on both sides: the methods and their bits, the
//! limits of a route, and the integer types.

use flaxum::table::{MAX_PARAMS, MAX_SEGMENTS};
use flaxum::Methods;

#[test]
fn a_method_s_index_in_the_grammar_is_its_bit_in_methods() {
    let mut all = Methods::NONE;
    for (i, name) in flaxum_grammar::METHODS.iter().enumerate() {
        let one = Methods::from_name(name.as_bytes());
        assert_eq!(one, Methods::from_bits(1 << i), "{name}");
        all = all.union(one);
    }
    assert_eq!(all.len() as usize, flaxum_grammar::METHODS.len());
}

#[test]
fn the_limits_of_a_route_are_the_same() {
    assert_eq!(flaxum_grammar::MAX_PARAMS, MAX_PARAMS);
    assert_eq!(flaxum_grammar::MAX_SEGMENTS, MAX_SEGMENTS);
}

#[test]
fn the_integer_types_are_the_same() {
    assert_eq!(flaxum::__private::INT_TYPES, flaxum_grammar::INT_TYPES);
}
