//! A virtual window over a long table: only the rows in view (`core::reports::window`) are in the page,
//! with a gap above and below that stands for the others, so the page scrolls as if every row
//! were drawn. The window follows the page's scrolling and size.
//!
//! The gaps are elements of their own beside the table, not its padding: when a gap or the rows
//! above the view change, the browser's scroll anchoring keeps the rows in view where they are
//! (a change of an ancestor's padding would turn that off).

use std::ops::Range;

use leptos::html::{Div, Tbody};
use leptos::prelude::*;

use crate::core::reports::window::{rows_in_view, spacers, ROW_HEIGHT, STEP};

#[derive(Clone, Copy)]
pub struct RowWindow {
    /// Put on the gap above the table (`gaps`), where the list of rows starts.
    pub start: NodeRef<Div>,
    /// Put on the table body, to measure the drawn rows.
    pub body: NodeRef<Tbody>,
    /// Which of the rows to draw.
    pub drawn: Memo<Range<usize>>,
    total: Signal<usize>,
    row_height: RwSignal<f64>,
}

impl RowWindow {
    /// A window over `total` rows, following the page's scroll and resize events.
    pub fn new(total: Signal<usize>) -> RowWindow {
        let offset = RwSignal::new(0.0);
        let view = RwSignal::new(view_height());
        let row_height = RwSignal::new(ROW_HEIGHT);
        // Printing uses the print view (ledger_print), not the table: only the rows in view.
        let drawn = Memo::new(move |_| {
            rows_in_view(total.get(), offset.get(), view.get(), row_height.get())
        });
        let window =
            RowWindow { start: NodeRef::new(), body: NodeRef::new(), drawn, total, row_height };
        let measure = move || {
            let set = |signal: RwSignal<f64>, value: f64| {
                if signal.get_untracked() != value {
                    signal.set(value);
                }
            };
            if let Some(start) = window.start.get_untracked() {
                set(offset, -start.get_bounding_client_rect().top());
            }
            set(view, view_height());
            // The drawn rows' mean height (it changes with the width, the fonts, the rows'
            // texts); small changes are let be, so that the window does not swing between two.
            if let Some(body) = window.body.get_untracked() {
                let rows = body.child_element_count();
                if rows >= STEP as u32 {
                    let height = f64::from(body.offset_height()) / f64::from(rows);
                    if (height - row_height.get_untracked()).abs() > 0.05 * height {
                        row_height.set(height);
                    }
                }
            }
        };
        let scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
        let resize = window_event_listener(leptos::ev::resize, move |_| measure());
        on_cleanup(move || {
            scroll.remove();
            resize.remove();
        });
        // After each redraw (a search, a filter, the first rows): where the view now is.
        Effect::new(move |_| {
            drawn.track();
            measure();
        });
        window
    }

    /// The heights of the gaps above and below the table, in CSS pixels.
    pub fn gaps(self) -> (String, String) {
        let (above, below) = spacers(self.total.get(), &self.drawn.get(), self.row_height.get());
        (format!("{above:.0}px"), format!("{below:.0}px"))
    }
}

fn view_height() -> f64 {
    web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(0.0)
}
