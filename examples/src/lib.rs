//! Runnable flaxum apps; see the `[[example]]`s.
