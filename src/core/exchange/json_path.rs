//! Where in a JSON text a reading error is: the path of the value there (`progress[1].date`),
//! found from the error's line and column after the fact. Valid texts are read by plain serde_json
//! (one deserialiser per type, no bookkeeping per value); only a failed read pays for this scan.

/// The byte offset of serde_json's error position: `line` counts from 1, `column` is the number
/// of bytes between the line's start and the position. `None` when the error has no position.
pub fn error_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = match line {
        0 => return None,
        1 => 0,
        n => text.bytes().enumerate().filter(|&(_, b)| b == b'\n').nth(n - 2)?.0 + 1,
    };
    Some((line_start + column).min(text.len()))
}

/// One level of nesting as the scan meets it.
enum Level {
    /// An object and the key of the value being read (none before the first key).
    Object { key: Option<String>, expect_key: bool },
    /// An array and the index of the element being read.
    Array { index: usize },
}

/// The path of the value that a read stopped in or just after at byte `at` of a valid JSON text:
/// keys joined by `.`, array indices as `[i]` (`campaign.targets[0].percent`), `.` for the
/// whole text. serde_json reports a wrong value at its end (or, for an array or object, at its
/// start) and a missing field at the end of its object, so the path is that of the container
/// slot open at `at`.
pub fn path_at(text: &str, at: usize) -> String {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let mut levels: Vec<Level> = Vec::new();
    let mut i = 0;
    while i < at {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i);
                if let Some(Level::Object { key, expect_key: expect @ true }) = levels.last_mut() {
                    *key = Some(serde_json::from_str(&text[i..end]).unwrap_or_default());
                    *expect = false;
                }
                i = end;
                continue;
            }
            b'{' => levels.push(Level::Object { key: None, expect_key: true }),
            b'[' => levels.push(Level::Array { index: 0 }),
            b'}' | b']' => {
                levels.pop();
            }
            b',' => match levels.last_mut() {
                Some(Level::Object { expect_key, .. }) => *expect_key = true,
                Some(Level::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for level in &levels {
        match level {
            Level::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Level::Object { key: None, .. } => {}
            Level::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// The byte after the string that starts with the quote at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path serde_json's own error position leads to, for a text that `T` cannot read.
    fn path_of_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let e = serde_json::from_str::<T>(text).unwrap_err();
        path_at(text, error_offset(text, e.line(), e.column()).unwrap())
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Entry {
        date: chrono::NaiveDate,
        text: String,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        #[serde(default)]
        count: u32,
        #[serde(default)]
        progress: Vec<Entry>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        nested: Option<Box<Doc>>,
    }

    #[test]
    fn paths_name_the_value_that_serde_json_refused() {
        for (text, path) in [
            (r#"{"count": -3}"#, "count"),
            (r#"{"tags": "a", "count": 1}"#, "tags"),
            (r#"{"tags": ["a", 2]}"#, "tags[1]"),
            (r#"{"count": [1]}"#, "count"),
            (r#"{"count": {"a": 1}}"#, "count"),
            (r#"{"progress": [{"date": "2026-01-01", "text": "a"}, {"date": "昨天", "text": "b"}]}"#, "progress[1].date"),
            (r#"{"progress": [{"date": "2026-01-01", "text": "a"}, {"text": "b"}]}"#, "progress[1]"),
            (r#"{"nested": {"tags": [], "nested": {"count": "x"}}}"#, "nested.nested.count"),
            ("{\n  \"tags\": [],\n  \"progress\": [\n    {\"date\": \"2026-02-30\", \"text\": \"}{,[\\\"\"}\n  ]\n}", "progress[0].date"),
            (r#"{"count": null}"#, "count"),
            (r#""a text""#, "."),
        ] {
            assert_eq!(path_of_error::<Doc>(text), path, "{text}");
        }
    }

    #[test]
    fn offsets_count_lines_and_bytes() {
        let text = "ab\ncd\n\nef";
        assert_eq!(error_offset(text, 1, 2), Some(2));
        assert_eq!(error_offset(text, 2, 1), Some(4));
        assert_eq!(error_offset(text, 4, 0), Some(7));
        assert_eq!(error_offset(text, 9, 0), None);
        assert_eq!(error_offset(text, 0, 0), None);
        assert_eq!(path_at("{\"a\":", 99), "a");
    }
}
