//! A list taller than the rows it has: which items show so the highlighted one stays in view,
//! and the `↑ 3 more` / `↓ 7 more` hints that say what is cut off.
//!
//! With three rows or more, a hint takes the first row (items above) or the last (items
//! below), so the list itself says it scrolls. With fewer rows there is no room for that: the
//! items fill them and the caller shows [`Window::summary`] somewhere else.

/// The part of a list shown in `rows` rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Index of the first item shown.
    pub first: usize,
    /// How many items are shown.
    pub shown: usize,
    /// Items cut off above and below.
    pub above: usize,
    pub below: usize,
    /// The hints take the list's first and last rows (else the caller says them elsewhere).
    pub hints_in_list: bool,
}

/// The window of a list of `len` items in `rows` rows that shows item `cursor` (clamped).
/// The cursor sits on the last item row while scrolling down, as in the panels.
pub fn window(len: usize, rows: usize, cursor: usize) -> Window {
    let cursor = cursor.min(len.saturating_sub(1));
    if len <= rows || rows == 0 {
        let shown = len.min(rows);
        return Window {
            first: 0,
            shown,
            above: 0,
            below: len - shown,
            hints_in_list: false,
        };
    }
    if rows < 3 {
        let first = cursor.saturating_sub(rows - 1);
        return Window {
            first,
            shown: rows,
            above: first,
            below: len - first - rows,
            hints_in_list: false,
        };
    }
    // One hint row (below only, or above only) leaves rows - 1 items; both leave rows - 2.
    let (first, shown) = if cursor < rows - 1 {
        (0, rows - 1)
    } else if cursor >= len - (rows - 1) {
        (len - (rows - 1), rows - 1)
    } else {
        (cursor + 3 - rows, rows - 2)
    };
    Window {
        first,
        shown,
        above: first,
        below: len - first - shown,
        hints_in_list: true,
    }
}

impl Window {
    /// The hint for items above (`↑ 3 more`), if any are cut off there.
    pub fn up_hint(&self) -> Option<String> {
        (self.above > 0).then(|| format!("↑ {} more", self.above))
    }

    /// The hint for items below (`↓ 7 more`), if any are cut off there.
    pub fn down_hint(&self) -> Option<String> {
        (self.below > 0).then(|| format!("↓ {} more", self.below))
    }

    /// Both hints on one line (`↑ 3 more · ↓ 7 more`), for a list too short to hold them.
    pub fn summary(&self) -> Option<String> {
        let parts: Vec<String> = [self.up_hint(), self.down_hint()]
            .into_iter()
            .flatten()
            .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_that_fits_has_no_hints() {
        let w = window(4, 6, 3);
        assert_eq!((w.first, w.shown, w.above, w.below), (0, 4, 0, 0));
        assert_eq!(w.summary(), None);
    }

    #[test]
    fn the_cursor_is_always_shown_and_the_hints_count_what_is_cut() {
        for len in 0..30 {
            for rows in 0..12 {
                for cursor in 0..len.max(1) {
                    let w = window(len, rows, cursor);
                    let hint_rows = usize::from(w.hints_in_list && w.above > 0)
                        + usize::from(w.hints_in_list && w.below > 0);
                    assert!(w.shown + hint_rows <= rows, "{len} {rows} {cursor}: {w:?}");
                    assert_eq!(w.above + w.shown + w.below, len, "{w:?}");
                    assert_eq!(w.above, w.first);
                    if len > 0 && rows > 0 {
                        assert!(
                            (w.first..w.first + w.shown).contains(&cursor),
                            "{len} {rows} {cursor}: {w:?}"
                        );
                    }
                    if w.hints_in_list {
                        // Every row is used: no blank row between items and hints.
                        assert_eq!(w.shown + hint_rows, rows, "{w:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn hints_at_the_top_middle_and_bottom() {
        let w = window(10, 5, 0);
        assert_eq!((w.first, w.shown), (0, 4));
        assert_eq!(w.down_hint().as_deref(), Some("↓ 6 more"));
        assert_eq!(w.up_hint(), None);
        let w = window(10, 5, 5);
        assert_eq!((w.first, w.shown), (3, 3));
        assert_eq!(w.summary().as_deref(), Some("↑ 3 more · ↓ 4 more"));
        let w = window(10, 5, 9);
        assert_eq!((w.first, w.shown), (6, 4));
        assert_eq!(w.up_hint().as_deref(), Some("↑ 6 more"));
        assert_eq!(w.down_hint(), None);
        let w = window(10, 2, 9);
        assert!(!w.hints_in_list);
        assert_eq!(w.summary().as_deref(), Some("↑ 8 more"));
    }
}
