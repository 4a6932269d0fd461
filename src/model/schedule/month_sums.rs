//! Sums by month of a table's rows while it is built, kept as differences
//! so that adding a stretch of equal cells costs two steps.

/// Sums by month kept as differences: a stretch is added at its two ends,
/// and the sums are made once, by a running total, when the table is done.
pub(super) struct MonthSums {
    steps: Vec<i128>,
}

impl MonthSums {
    pub(super) fn new(len: usize) -> Self {
        Self {
            steps: vec![0; len + 1],
        }
    }

    pub(super) fn add(&mut self, stretches: &[(usize, usize, i128)]) {
        for &(start, end, cents) in stretches {
            self.steps[start] += cents;
            self.steps[end] -= cents;
        }
    }

    /// The sum of each month.
    pub(super) fn sums(&self) -> impl Iterator<Item = i128> + '_ {
        let months = self.steps.len() - 1;
        self.steps[..months].iter().scan(0i128, |running, step| {
            *running += step;
            Some(*running)
        })
    }
}
