//! The route path grammar of flaxum (being written).
