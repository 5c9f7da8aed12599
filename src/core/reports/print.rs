//! The printed 台账 as Excel would print it: A4 landscape, the columns the clerk chose at
//! readable widths, and the rows split into pages here — so that every page carries its own
//! header row and 「第 N 页 共 M 页」 in any Chromium, without relying on `@page` margin boxes
//! (Chromium 86 on office PCs has none).
//!
//! Row heights are estimated from the text: a CJK character is 1 em wide in every Chinese font
//! (宋体, 微软雅黑, Noto), other characters are counted as 0.6 em, which is wider than they are, so
//! the estimate errs towards more lines and a page never overflows onto an extra sheet.

use super::query::Facts;
use crate::core::ledger::model::Case;
use crate::core::ledger::text::date_text;
use crate::core::rules::deadline::Urgency;

/// Printable area of A4 landscape with 10 mm margins, in mm (the print CSS uses the same).
pub const PAGE_WIDTH_MM: f64 = 277.0;
pub const PAGE_HEIGHT_MM: f64 = 190.0;
/// Body text size: 9 pt.
pub const FONT_MM: f64 = 9.0 * 25.4 / 72.0;
/// Line height 1.3 (the print CSS sets the same).
pub const LINE_MM: f64 = FONT_MM * 1.3;
/// Cell padding left + right and top + bottom (1 mm each side), plus the 0.2 mm border.
const CELL_PAD_MM: f64 = 2.2;
/// The first page's title block (title, subtitle, filter line), the running header of later
/// pages, the header row, the footer — and a margin so that an estimate a little short never
/// pushes a row onto a sheet of its own.
const TITLE_MM: f64 = 24.0;
const RUNNING_HEAD_MM: f64 = 7.0;
const FOOTER_MM: f64 = 8.0;
const SAFETY_MM: f64 = 22.0;
/// Long texts print at most this many lines, the rest cut off with "…" (as Excel's fixed row
/// height does), so that one case cannot take a page.
pub const MAX_LINES: usize = 6;

/// A column the printed 台账 can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PrintColumn {
    Serial,
    Number,
    Source,
    AssignedOn,
    Petitioner,
    Summary,
    Category,
    Lead,
    Unit,
    Handler,
    Deadline,
    Status,
    Packet,
    Latest,
}

impl PrintColumn {
    pub const ALL: &'static [PrintColumn] = &[
        PrintColumn::Serial,
        PrintColumn::Number,
        PrintColumn::Source,
        PrintColumn::AssignedOn,
        PrintColumn::Petitioner,
        PrintColumn::Summary,
        PrintColumn::Category,
        PrintColumn::Lead,
        PrintColumn::Unit,
        PrintColumn::Handler,
        PrintColumn::Deadline,
        PrintColumn::Status,
        PrintColumn::Packet,
        PrintColumn::Latest,
    ];

    /// The ledger table's columns, with a 序号 first: what prints unless the clerk chooses.
    pub const DEFAULT: &'static [PrintColumn] = &[
        PrintColumn::Serial,
        PrintColumn::Number,
        PrintColumn::Petitioner,
        PrintColumn::Summary,
        PrintColumn::Lead,
        PrintColumn::Unit,
        PrintColumn::Deadline,
        PrintColumn::Status,
        PrintColumn::Packet,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PrintColumn::Serial => "序号",
            PrintColumn::Number => "案件编号",
            PrintColumn::Source => "交办来源",
            PrintColumn::AssignedOn => "交办日期",
            PrintColumn::Petitioner => "信访人",
            PrintColumn::Summary => "诉求摘要",
            PrintColumn::Category => "问题类别",
            PrintColumn::Lead => "包案领导",
            PrintColumn::Unit => "责任单位",
            PrintColumn::Handler => "承办人",
            PrintColumn::Deadline => "办结时限",
            PrintColumn::Status => "状态",
            PrintColumn::Packet => "结案材料",
            PrintColumn::Latest => "最新办理情况",
        }
    }

    /// Width in mm; text columns (`None`) share what is left.
    fn fixed_width(self) -> Option<f64> {
        Some(match self {
            PrintColumn::Serial => 9.0,
            PrintColumn::Number => 27.0,
            PrintColumn::Source => 17.0,
            PrintColumn::AssignedOn => 20.0,
            PrintColumn::Petitioner => 17.0,
            PrintColumn::Category => 17.0,
            PrintColumn::Lead => 22.0,
            PrintColumn::Unit => 31.0,
            PrintColumn::Handler => 17.0,
            PrintColumn::Deadline => 23.0,
            PrintColumn::Status => 17.0,
            PrintColumn::Packet => 24.0,
            PrintColumn::Summary | PrintColumn::Latest => return None,
        })
    }

    /// Share of the remaining width for text columns.
    fn weight(self) -> f64 {
        match self {
            PrintColumn::Summary => 3.0,
            PrintColumn::Latest => 2.0,
            _ => 0.0,
        }
    }
}

/// One printed cell: its lines of text (the 办结时限 cell adds the 逾期 mark as a line of its own).
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    /// 逾期N天 / N天后到期, printed in words and a black frame (safe in black and white).
    pub mark: Option<String>,
    pub overdue: bool,
}

/// The clerk's choice of columns, at widths that fill the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub columns: Vec<(PrintColumn, f64)>,
}

/// The narrowest a text column may be, so names and summaries never print a character a line.
const MIN_TEXT_MM: f64 = 40.0;

impl Layout {
    /// Widths for `chosen` (in the order of [`PrintColumn::ALL`]); the text columns share the
    /// rest of the page. If the fixed columns leave too little, every column shrinks in
    /// proportion, none below its readable width thanks to the choice being limited: all
    /// fourteen columns still give the summary 40 mm.
    pub fn new(chosen: &[PrintColumn]) -> Layout {
        let chosen: Vec<PrintColumn> =
            PrintColumn::ALL.iter().copied().filter(|c| chosen.contains(c)).collect();
        let chosen = if chosen.is_empty() { PrintColumn::DEFAULT.to_vec() } else { chosen };
        let fixed: f64 = chosen.iter().filter_map(|c| c.fixed_width()).sum();
        let weights: f64 = chosen.iter().map(|c| c.weight()).sum();
        let rest = PAGE_WIDTH_MM - fixed;
        let scale = if weights > 0.0 && rest < MIN_TEXT_MM * weights.min(2.0) {
            (PAGE_WIDTH_MM - MIN_TEXT_MM * weights.min(2.0)) / fixed
        } else if weights == 0.0 {
            PAGE_WIDTH_MM / fixed
        } else {
            1.0
        };
        let rest = PAGE_WIDTH_MM - fixed * scale;
        let columns = chosen
            .into_iter()
            .map(|c| {
                let width = match c.fixed_width() {
                    Some(w) => w * scale,
                    None => rest * c.weight() / weights,
                };
                (c, width)
            })
            .collect();
        Layout { columns }
    }

    /// The cells of one case's row (`serial` counts from 1).
    pub fn cells(&self, serial: usize, case: &Case, facts: &Facts) -> Vec<Cell> {
        self.columns.iter().map(|(c, _)| cell(*c, serial, case, facts)).collect()
    }

    /// The row's height in mm, as the print CSS lays it out.
    pub fn row_height(&self, cells: &[Cell]) -> f64 {
        let lines = self
            .columns
            .iter()
            .zip(cells)
            .map(|((_, width), cell)| {
                let text = lines(&cell.text, width - CELL_PAD_MM).min(MAX_LINES);
                text + cell.mark.is_some() as usize
            })
            .max()
            .unwrap_or(1)
            .max(1);
        lines as f64 * LINE_MM + CELL_PAD_MM
    }

    fn header_height(&self) -> f64 {
        let lines = self
            .columns
            .iter()
            .map(|(c, width)| lines(c.label(), width - CELL_PAD_MM))
            .max()
            .unwrap_or(1);
        lines as f64 * LINE_MM + CELL_PAD_MM
    }

    /// Splits rows of the given heights into pages: each page holds as many whole rows as fit
    /// under its header. Returns the index ranges of the pages; never empty.
    pub fn paginate(&self, heights: &[f64]) -> Vec<std::ops::Range<usize>> {
        let body = PAGE_HEIGHT_MM - FOOTER_MM - SAFETY_MM - self.header_height();
        let mut pages = Vec::new();
        let mut start = 0;
        let mut used = 0.0;
        for (i, h) in heights.iter().enumerate() {
            let room = body - if pages.is_empty() { TITLE_MM } else { RUNNING_HEAD_MM };
            if i > start && used + h > room {
                pages.push(start..i);
                start = i;
                used = 0.0;
            }
            used += h;
        }
        pages.push(start..heights.len());
        pages
    }
}

fn cell(column: PrintColumn, serial: usize, case: &Case, facts: &Facts) -> Cell {
    let plain = |text: &str| Cell { text: text.to_string(), mark: None, overdue: false };
    match column {
        PrintColumn::Serial => plain(&serial.to_string()),
        PrintColumn::Number => plain(&case.number),
        PrintColumn::Source => plain(case.source.map(|s| s.label()).unwrap_or_default()),
        PrintColumn::AssignedOn => plain(&date_text(case.assigned_on)),
        PrintColumn::Petitioner => plain(&case.petitioner.name),
        PrintColumn::Summary => plain(&case.summary),
        PrintColumn::Category => plain(case.category.map(|c| c.label()).unwrap_or_default()),
        PrintColumn::Lead => plain(&case.lead),
        PrintColumn::Unit => plain(&case.responsible_unit),
        PrintColumn::Handler => plain(&case.handler),
        PrintColumn::Deadline => Cell {
            text: date_text(facts.due),
            mark: matches!(facts.urgency, Urgency::Overdue(_) | Urgency::DueSoon(_))
                .then(|| facts.urgency.label()),
            overdue: matches!(facts.urgency, Urgency::Overdue(_)),
        },
        PrintColumn::Status => plain(case.status.label()),
        PrintColumn::Packet => plain(&facts.packet_label()),
        PrintColumn::Latest => plain(
            &case
                .progress
                .first()
                .map(|e| format!("{} {}", date_text(Some(e.date)), e.text))
                .unwrap_or_default(),
        ),
    }
}

/// Width of a character in em: CJK and full-width forms 1, everything else counted as 0.56.
fn char_em(c: char) -> f64 {
    if c.len_utf8() >= 3 {
        1.0
    } else {
        0.56
    }
}

/// How many lines `text` takes in a column `width` mm wide (at least 1): characters are placed
/// one by one; a run of Latin letters and digits (an ASCII word) moves to the next line whole
/// when it does not fit, as the browser breaks it.
pub fn lines(text: &str, width: f64) -> usize {
    let width_em = (width / FONT_MM).max(1.0);
    let mut lines = 1;
    let mut used = 0.0;
    for paragraph in text.split('\n').enumerate() {
        if paragraph.0 > 0 {
            lines += 1;
            used = 0.0;
        }
        for word in words(paragraph.1) {
            let w: f64 = word.chars().map(char_em).sum();
            if used + w <= width_em {
                used += w;
            } else if w <= width_em {
                lines += 1;
                used = w;
            } else {
                // Longer than the column: broken anywhere.
                for c in word.chars() {
                    let cw = char_em(c);
                    if used + cw > width_em {
                        lines += 1;
                        used = 0.0;
                    }
                    used += cw;
                }
            }
        }
    }
    lines
}

/// Splits text into what the browser will not break inside: a run of ASCII letters, digits and
/// joining punctuation, or any other single character.
fn words(text: &str) -> Vec<&str> {
    let wordy = |c: char| c.is_ascii_alphanumeric() || "-_./:()[]%".contains(c);
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let joins_next = wordy(c) && text[end..].chars().next().is_some_and(wordy);
        if !joins_next {
            words.push(&text[start..end]);
            start = end;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::model::Petitioner;

    fn facts(urgency: Urgency) -> Facts {
        Facts::handling("2026-05-30".parse().ok(), urgency)
    }

    #[test]
    fn columns_fill_the_page_and_names_stay_readable() {
        for chosen in [PrintColumn::DEFAULT, PrintColumn::ALL, &[PrintColumn::Lead][..]] {
            let layout = Layout::new(chosen);
            let total: f64 = layout.columns.iter().map(|(_, w)| w).sum();
            assert!((total - PAGE_WIDTH_MM).abs() < 0.01, "{total}");
            for (c, w) in &layout.columns {
                // Names keep at least three characters a line (王副县长 on two lines at worst).
                if *c != PrintColumn::Serial {
                    assert!(*w - CELL_PAD_MM >= 3.0 * FONT_MM, "{c:?} {w}");
                }
                // Every header fits on at most two lines.
                assert!(lines(c.label(), w - CELL_PAD_MM) <= 2, "{c:?}");
            }
        }
        let all = Layout::new(PrintColumn::ALL);
        let summary = all.columns.iter().find(|(c, _)| *c == PrintColumn::Summary).unwrap().1;
        assert!(summary >= MIN_TEXT_MM, "{summary}");
        assert_eq!(Layout::new(&[]).columns.len(), PrintColumn::DEFAULT.len());
    }

    #[test]
    fn printed_dates_read_as_chinese_forms_write_them() {}

    #[test]
    fn lines_follow_the_width_and_keep_ascii_words_whole() {
        let one_em = FONT_MM;
        assert_eq!(lines("", 10.0), 1);
        // A date fits the 办结时限 column on one line.
        let deadline = Layout::new(PrintColumn::DEFAULT).columns[6];
        assert_eq!(
            (deadline.0, lines("2026-12-25", deadline.1 - CELL_PAD_MM)),
            (PrintColumn::Deadline, 1)
        );
        assert_eq!(lines("王副县长", 4.0 * one_em + 0.01), 1);
        assert_eq!(lines("王副县长", 3.0 * one_em + 0.01), 2);
        assert_eq!(lines("一\n二", 10.0 * one_em), 2);
        // "JA-2026-001" (11 × 0.56 = 6.2 em) does not fit after 4 CJK characters in 10 em.
        assert_eq!(lines("编号为：JA-2026-001", 10.0 * one_em), 2);
        assert_eq!(lines(&"长".repeat(50), 10.0 * one_em), 5);
    }

    #[test]
    fn overdue_prints_in_words_on_a_line_of_its_own() {
        let layout = Layout::new(PrintColumn::DEFAULT);
        let case = Case {
            number: "JA-1".into(),
            petitioner: Petitioner { name: "张三".into(), ..Petitioner::default() },
            ..Case::default()
        };
        let late = layout.cells(1, &case, &facts(Urgency::Overdue(12)));
        let due = late.iter().find(|c| c.mark.is_some()).unwrap();
        assert_eq!(
            (due.text.as_str(), due.mark.as_deref(), due.overdue),
            ("2026-05-30", Some("逾期12天"), true)
        );
        let on_time = layout.cells(1, &case, &facts(Urgency::OnTrack));
        assert!(layout.row_height(&late) > layout.row_height(&on_time));
        assert_eq!(on_time[0].text, "1");
    }

    #[test]
    fn pages_hold_whole_rows_and_the_first_leaves_room_for_the_title() {
        let layout = Layout::new(PrintColumn::DEFAULT);
        let row = 2.0 * LINE_MM + CELL_PAD_MM;
        let pages = layout.paginate(&vec![row; 60]);
        assert!(pages.len() >= 3 && pages.len() <= 5, "{pages:?}");
        assert_eq!(pages.first().unwrap().start, 0);
        assert_eq!(pages.last().unwrap().end, 60);
        assert!(pages.windows(2).all(|p| p[0].end == p[1].start));
        assert!(pages[0].len() < pages[1].len(), "the title takes room on page 1");
        // A row taller than a page still gets a page; nothing is lost with no rows.
        assert_eq!(layout.paginate(&[500.0, 1.0]), [0..1, 1..2]);
        assert_eq!(layout.paginate(&[]), vec![std::ops::Range { start: 0, end: 0 }]);
    }
}
