//! The mappings clerks corrected, remembered for the next file with the same headers: an office
//! sends the same 台账 every month, and the clerk should not correct it every month. Kept by the
//! shell in browser storage as lines of tab-separated text (`storage.rs`; plain text rather than
//! JSON keeps the page small); anything unreadable is skipped, so losing or spoiling it never
//! stops an import.

use super::headers::{normalise_header, Mapping};
use crate::core::ledger::fields::Field;

/// At most this many sheets' mappings are kept, the last used first.
const MAX_REMEMBERED: usize = 20;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Memory {
    sheets: Vec<Remembered>,
}

/// One sheet's mapping, by field label (stable when fields are added or reordered).
#[derive(Clone, Debug, Default, PartialEq)]
struct Remembered {
    /// The sheet's headers, normalised (spaces and notes in brackets dropped).
    headers: Vec<String>,
    /// (field label, column).
    columns: Vec<(String, usize)>,
    /// (field label, written value, chosen value label).
    values: Vec<(String, String, String)>,
}

fn key(headers: &[String]) -> Vec<String> {
    headers.iter().map(|h| normalise_header(h)).collect()
}

/// A text that fits a tab-separated line.
fn plain(text: &str) -> bool {
    !text.contains(['\t', '\n', '\r'])
}

impl Memory {
    /// Reads the stored text: a line `表头` and the headers starts a sheet, `列` lines give a
    /// field's column, `值` lines a value choice. Anything else is skipped.
    pub fn read(text: Option<&str>) -> Memory {
        let mut memory = Memory::default();
        for line in text.unwrap_or_default().lines() {
            let mut parts = line.split('\t');
            let sheet = memory.sheets.last_mut();
            match (parts.next(), sheet) {
                (Some("表头"), _) => memory.sheets.push(Remembered {
                    headers: parts.map(String::from).collect(),
                    ..Default::default()
                }),
                (Some("列"), Some(sheet)) => {
                    if let (Some(field), Some(Ok(column))) =
                        (parts.next(), parts.next().map(str::parse))
                    {
                        sheet.columns.push((field.to_string(), column));
                    }
                }
                (Some("值"), Some(sheet)) => {
                    if let (Some(field), Some(written), Some(label)) =
                        (parts.next(), parts.next(), parts.next())
                    {
                        sheet.values.push((field.into(), written.into(), label.into()));
                    }
                }
                _ => {}
            }
        }
        memory
    }

    pub fn to_text(&self) -> String {
        let mut text = String::new();
        for sheet in &self.sheets {
            text += &format!("表头\t{}\n", sheet.headers.join("\t"));
            for (field, column) in &sheet.columns {
                text += &format!("列\t{field}\t{column}\n");
            }
            for (field, written, label) in &sheet.values {
                text += &format!("值\t{field}\t{written}\t{label}\n");
            }
        }
        text
    }

    /// The mapping last confirmed for a sheet with these headers, when it still fits them.
    pub fn recall(&self, headers: &[String]) -> Option<Mapping> {
        let key = key(headers);
        let sheet = self.sheets.iter().find(|s| s.headers == key)?;
        let mut mapping = Mapping::default();
        for (label, column) in sheet.columns.iter().filter(|(_, c)| *c < headers.len()) {
            if let Some(field) = Field::from_label(label) {
                mapping.set(field, Some(*column));
            }
        }
        for (label, written, value) in &sheet.values {
            if let Some(field) = Field::from_label(label) {
                mapping.set_value(field, written, Some(value));
            }
        }
        Some(mapping)
    }

    /// Remembers the mapping confirmed for these headers when the clerk corrected the guess
    /// (`guessed`); a confirmed guess forgets an older correction.
    pub fn remember(&mut self, headers: &[String], mapping: &Mapping, guessed: &Mapping) {
        let key = key(headers);
        self.sheets.retain(|s| s.headers != key);
        if mapping == guessed || !key.iter().all(|h| plain(h)) {
            return;
        }
        let columns = Field::ALL
            .iter()
            .filter_map(|f| mapping.get(*f).map(|c| (f.label().to_string(), c)))
            .collect();
        let values = mapping
            .values()
            .iter()
            .filter(|v| plain(&v.written))
            .map(|v| (v.field.label().to_string(), v.written.clone(), v.label.to_string()))
            .collect();
        self.sheets.insert(0, Remembered { headers: key, columns, values });
        self.sheets.truncate(MAX_REMEMBERED);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_corrected_mapping_comes_back_for_the_same_headers() {
        let headers = strings(&["编号", "内容", "类型", "其它"]);
        let guessed = super::super::guess_mapping(&headers);
        let mut corrected = guessed.clone();
        corrected.set(Field::Summary, Some(3));
        corrected.set_value(Field::Category, "城建", Some("物业管理"));
        let mut memory = Memory::default();
        memory.remember(&headers, &corrected, &guessed);
        let text = memory.to_text();
        let back = Memory::read(Some(&text));
        // Spaces and notes in brackets do not make other headers.
        let same = strings(&["编号", "内容 ", "类型（必填）", "其它"]);
        assert_eq!(back.recall(&same), Some(corrected.clone()));
        assert_eq!(back.recall(&strings(&["编号", "内容"])), None);
        // Confirming the guess forgets the correction.
        let mut memory = back;
        memory.remember(&headers, &guessed, &guessed);
        assert_eq!(memory.recall(&headers), None);
    }

    #[test]
    fn a_spoilt_memory_is_no_memory() {
        for text in [None, Some(""), Some("{"), Some("列\t案件编号\t0"), Some("值\tx")] {
            assert_eq!(Memory::read(text), Memory::default());
        }
        // A remembered column beyond the sheet, an unknown field or value is dropped.
        let memory = Memory::read(Some(
            "表头\t编号\n列\t案件编号\t0\n列\t诉求摘要\t9\n列\t不存在\t0\n列\t备注\tx\n值\t问题类别\tx\t不存在\n",
        ));
        let mapping = memory.recall(&strings(&["编号"])).unwrap();
        assert_eq!(mapping.get(Field::Number), Some(0));
        assert_eq!(mapping.get(Field::Summary), None);
        assert!(mapping.values().is_empty());
    }
}
