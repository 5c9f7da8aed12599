//! The check that a message shown to a clerk is plain Chinese (test only), at the bottom layer so
//! that the tests of every layer use it: the ledger reader's broken files (`exchange::json`) and
//! every other error of the core (`reports::plain_errors`) go through [`assert_plain`].

/// Latin words clerks use themselves: the programs and file kinds of their office.
pub const CLERK_WORDS: &[&str] = &["Excel", "WPS", "CSV", "UTF-8", "Unicode", "MB", "KB"];

/// File extensions, shown where a file is named.
const EXTENSIONS: &[&str] = &[".json", ".html", ".xlsx", ".xls", ".csv"];

/// The Latin words of `message` that a clerk would not read as Chinese: everything except user
/// data (quoted “…” or 《…》, a case's number in （…） after 件案件, and the strings given in
/// `user_data`), file names and extensions, and [`CLERK_WORDS`].
pub fn latin_words(message: &str, user_data: &[&str]) -> Vec<String> {
    let mut text = message.to_string();
    for data in user_data.iter().filter(|d| !d.is_empty()) {
        text = text.replace(data, " ");
    }
    for (open, close) in [("“", "”"), ("《", "》"), ("件案件（", "）")] {
        text = strip_between(&text, open, close);
    }
    let mut words = Vec::new();
    for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c))) {
        let token = token.trim_end_matches('.');
        let is_file = EXTENSIONS.iter().any(|e| token.to_ascii_lowercase().ends_with(e));
        if token.chars().any(|c| c.is_ascii_alphabetic())
            && !is_file
            && !CLERK_WORDS.contains(&token)
        {
            words.push(token.to_string());
        }
    }
    words
}

fn strip_between(text: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        out.push(' ');
        let after = &rest[at + open.len()..];
        match after.find(close) {
            Some(end) => rest = &after[end + close.len()..],
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Fails when `message` is not plain Chinese for a clerk (see [`latin_words`]).
#[track_caller]
pub fn assert_plain(message: &str, user_data: &[&str]) {
    let words = latin_words(message, user_data);
    assert!(words.is_empty(), "Latin words {words:?} in a message for clerks: {message}");
    assert!(!message.trim().is_empty(), "an empty message");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_data_file_names_and_clerk_words_may_be_latin() {
        assert!(latin_words(
            "第 3 件案件（XF-2023-001）的「交办日期」不是日期：“2023-13-01x”",
            &[]
        )
        .is_empty());
        assert!(
            latin_words("无法导入《ledger.json》：请用 Excel 另存为 CSV 或 .xlsx", &[]).is_empty()
        );
        assert!(latin_words("请使用更新的 jiean.html 打开", &[]).is_empty());
        assert!(latin_words("编号为 JA-1 的案件", &["JA-1"]).is_empty());
    }

    #[test]
    fn keys_and_english_are_found() {
        assert_eq!(latin_words("「交办日期」（assigned_on）有误", &[]), ["assigned_on"]);
        assert_eq!(latin_words("progress[0].date", &[]), ["progress", ".date"]);
        assert_eq!(
            latin_words("有误（unexpected end of hex escape）", &[]),
            ["unexpected", "end", "of", "hex", "escape"]
        );
        assert_eq!(latin_words("使用 AES-256-GCM 加密，20 万字符", &[]), ["AES-256-GCM"]);
    }

    /// One term per concept: the field list's labels (`core::fields`) everywhere — labels,
    /// messages, docs and doc comments. The variants may appear only where the import
    /// recognises an office's own header, and 台帐 only in the standard's 交办案件台帐.
    #[test]
    fn one_term_per_concept_in_every_string_and_doc() {
        const BANNED: &[(&str, &str)] = &[
            ("具体承办人", "承办人"),
            ("化解措施/方案", "化解措施"),
            ("措施/方案", "化解措施"),
            ("信访人姓名", "信访人"),
            ("台帐", "台账"),
        ];
        // Headers of office sheets the import recognises, and the tests of those sheets.
        let recognised =
            ["src/core/ledger/fields.rs", "src/core/exchange/table_import", "docs/table-import.md"];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("README.md"), root.join("index.html")];
        let mut dirs = vec![root.join("src"), root.join("docs"), root.join("web")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                match path.is_dir() {
                    true => dirs.push(path),
                    false => files.push(path),
                }
            }
        }
        let mut found = Vec::new();
        for path in files {
            let name =
                path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if recognised.iter().any(|r| name.starts_with(r)) || name == file!() {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            for (line_no, line) in text.lines().enumerate() {
                let line = line.replace("交办案件台帐", "");
                for (variant, term) in BANNED {
                    if line.contains(variant) {
                        found.push(format!("{name}:{}: {variant} (say {term})", line_no + 1));
                    }
                }
            }
        }
        assert!(found.is_empty(), "variants of the field list's terms:\n{}", found.join("\n"));
    }
}
