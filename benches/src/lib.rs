//! Benchmarks of flaxum against other routers.
