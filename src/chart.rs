//! A renderer-neutral chart description (being written).
