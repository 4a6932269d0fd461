//! What-if analysis: sensitivity, break-even and Monte Carlo (being written).
