//! Headless PNG rendering of charts (being written).
