//! Which rows of a long list to draw: the rows in view and a margin around them. The browser's
//! style and layout work grows with every row in the page (`bash scripts/bench.sh`), so a ledger
//! of thousands of cases puts only a few dozen rows in the page, whatever its size.

use std::ops::Range;

/// Rows drawn beyond each edge of the view, and the step the window moves by: scrolling less
/// than a step redraws nothing, and an even step keeps alternate-row shading on the same rows.
pub const STEP: usize = 8;

/// A row's height before one is measured, in CSS pixels (two lines of summary and padding).
pub const ROW_HEIGHT: f64 = 56.0;

/// The rows to draw out of `total` when the view is `view` pixels high and starts `offset`
/// pixels below the top of the first row, each row being about `row_height` pixels high.
/// Any nonsensical measure (negative, not a number) counts as the top of the list.
pub fn rows_in_view(total: usize, offset: f64, view: f64, row_height: f64) -> Range<usize> {
    let height = if row_height.is_finite() && row_height >= 1.0 { row_height } else { ROW_HEIGHT };
    let rows = |px: f64| if px.is_finite() && px > 0.0 { (px / height) as usize } else { 0 };
    // `as usize` saturates, and every sum below saturates too.
    let seen = rows(view).saturating_add(1);
    let top = rows(offset).min(total.saturating_sub(seen));
    let first = top.saturating_sub(STEP) / STEP * STEP;
    let end = top.saturating_add(seen).saturating_add(STEP).div_ceil(STEP).saturating_mul(STEP);
    first..end.min(total)
}

/// The heights of the space that stands for the rows above and below `drawn`, so the list
/// scrolls as if every row were there.
pub fn spacers(total: usize, drawn: &Range<usize>, row_height: f64) -> (f64, f64) {
    let height = if row_height.is_finite() && row_height >= 1.0 { row_height } else { ROW_HEIGHT };
    let below = total.saturating_sub(drawn.end);
    (drawn.start as f64 * height, below as f64 * height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_of_a_long_list_draws_the_rows_in_view_and_a_step_more() {
        // 860 px at 56 px a row: 15 rows in view, 16 with the partly shown one.
        assert_eq!(rows_in_view(5000, 0.0, 860.0, 56.0), 0..24);
    }

    #[test]
    fn scrolled_down_the_window_starts_a_step_above_and_moves_by_whole_steps() {
        let at = |offset| rows_in_view(5000, offset, 860.0, 56.0);
        assert_eq!(at(56.0 * 100.0), 88..128);
        // A few rows further redraws nothing.
        assert_eq!(at(56.0 * 103.0), 88..128);
        assert_eq!(at(56.0 * 104.0), 96..128);
        assert_eq!(at(56.0 * 104.0).start % 2, 0, "even start keeps the shading");
        for offset in [0.0, 5000.0, 56.0 * 2000.0, 56.0 * 4990.0] {
            let drawn = at(offset);
            let top = (offset / 56.0) as usize;
            assert!(drawn.start <= top.min(5000 - 16) && drawn.end >= (top + 16).min(5000));
            assert!(drawn.len() <= 16 + 3 * STEP);
        }
    }

    #[test]
    fn the_end_of_the_list_and_a_list_that_shrank_under_the_view_draw_the_last_rows() {
        assert_eq!(rows_in_view(5000, 56.0 * 5000.0, 860.0, 56.0), 4976..5000);
        // A filter left 30 rows while the view was far down: the last rows, not none.
        assert_eq!(rows_in_view(30, 56.0 * 3000.0, 860.0, 56.0), 0..30);
        assert_eq!(rows_in_view(100, 56.0 * 3000.0, 860.0, 56.0), 72..100);
        assert_eq!(rows_in_view(10, 1e9, 860.0, 56.0), 0..10);
        assert_eq!(rows_in_view(0, 500.0, 860.0, 56.0), 0..0);
    }

    #[test]
    fn nonsensical_measures_count_as_the_top_of_the_list() {
        for (offset, view, height) in [
            (f64::NAN, 860.0, 56.0),
            (-300.0, 860.0, 56.0),
            (0.0, f64::NAN, 56.0),
            (0.0, 860.0, 0.0),
            (f64::INFINITY, f64::INFINITY, f64::NAN),
        ] {
            let drawn = rows_in_view(5000, offset, view, height);
            assert_eq!(drawn.start, 0);
            assert!(drawn.end > 0 && drawn.end <= 5000);
        }
        // Huge counts and offsets do not overflow (the call returning is the check).
        let huge = rows_in_view(usize::MAX, 1e300, 1e300, 1.0);
        assert!(huge.start <= huge.end);
    }

    #[test]
    fn spacers_stand_for_the_rows_not_drawn() {
        assert_eq!(spacers(5000, &(88..128), 50.0), (4400.0, 4872.0 * 50.0));
        assert_eq!(spacers(10, &(0..10), 50.0), (0.0, 0.0));
        assert_eq!(spacers(10, &(0..20), f64::NAN), (0.0, 0.0));
    }
}
