//! Embedding the compressed wasm in the page at ~1.02 bytes per byte instead of base64's 1.33.
//!
//! The page is declared `windows-1252`, where every byte is one character. The gzip bytes go raw
//! into a non-executed `<script type="application/octet-stream">` data block, and the boot script
//! reads them back with `charCodeAt`. Only four byte values need care, and are written as the
//! escape byte 0x7F followed by a digit: NUL (the parser replaces it), CR (the parser turns CR
//! and CR LF into LF), `<` (could close the block) and 0x7F itself. Bytes 0x80–0x9F decode to the
//! windows-1252 characters listed in [`WINDOWS_1252_HIGH`], which the boot script maps back.
//!
//! Everything else in the page must then be ASCII: the template's text becomes HTML character
//! references, the CSS uses CSS escapes and the script `\u` escapes.

/// The escape byte and the bytes it stands for, in the order of the digit after it.
pub const ESCAPE: u8 = 0x7F;
pub const ESCAPED: [u8; 4] = [0x00, 0x0D, b'<', ESCAPE];

/// What windows-1252 makes of bytes 0x80–0x9F (WHATWG Encoding Standard index).
pub const WINDOWS_1252_HIGH: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// The bytes as the content of the data block.
pub fn data_block(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 50);
    for &b in bytes {
        match ESCAPED.iter().position(|&e| e == b) {
            Some(digit) => out.extend([ESCAPE, b'0' + digit as u8]),
            None => out.push(b),
        }
    }
    out
}

/// The table for the boot script: `[0x20ac,0x81,…]`.
pub fn high_table_js() -> String {
    let items: Vec<String> = WINDOWS_1252_HIGH.iter().map(|c| format!("0x{c:x}")).collect();
    format!("[{}]", items.join(","))
}

/// Replaces every non-ASCII character by what `escape` makes of it.
fn ascii(text: &str, escape: impl Fn(char) -> String) -> String {
    text.chars().map(|c| if c.is_ascii() { c.to_string() } else { escape(c) }).collect()
}

/// HTML text and attribute values: `&#x4FE1;`.
pub fn html_ascii(text: &str) -> String {
    ascii(text, |c| format!("&#x{:X};", c as u32))
}

/// CSS: `\002713` (six digits, so that no following character is taken as part of it).
pub fn css_ascii(text: &str) -> String {
    ascii(text, |c| format!("\\{:06X}", c as u32))
}

/// JavaScript source: `\u4FE1`, or `\u{1F512}` beyond the Basic Multilingual Plane.
pub fn js_ascii(text: &str) -> String {
    ascii(text, |c| {
        if (c as u32) < 0x10000 {
            format!("\\u{:04X}", c as u32)
        } else {
            format!("\\u{{{:X}}}", c as u32)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the boot script does, in Rust: windows-1252 characters back to bytes, escapes undone.
    fn decode(block: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut bytes = block.iter();
        while let Some(&b) = bytes.next() {
            out.push(if b == ESCAPE {
                ESCAPED[(bytes.next().unwrap() - b'0') as usize]
            } else {
                b
            });
        }
        out
    }

    #[test]
    fn every_byte_value_survives_and_nothing_the_parser_touches_is_left() {
        let all: Vec<u8> = (0..=255u8).chain([0, 13, 10, 13, b'<', b'/', 0x7F]).collect();
        let block = data_block(&all);
        assert!(!block.contains(&0) && !block.contains(&0x0D) && !block.contains(&b'<'));
        assert_eq!(decode(&block), all);
        let escaped = all.iter().filter(|b| ESCAPED.contains(b)).count();
        assert_eq!(block.len(), all.len() + escaped, "one extra byte per escaped byte");
    }

    #[test]
    fn text_becomes_ascii_in_each_language() {
        assert_eq!(html_ascii("信访 a"), "&#x4FE1;&#x8BBF; a");
        assert_eq!(css_ascii("content: \"✓ \""), "content: \"\\002713 \"");
        assert_eq!(js_ascii("\"启动：\" + e"), "\"\\u542F\\u52A8\\uFF1A\" + e");
        assert_eq!(js_ascii("🔒"), "\\u{1F512}");
    }

    #[test]
    fn the_table_is_the_standard_one() {
        assert_eq!(WINDOWS_1252_HIGH[0], 0x20AC);
        assert_eq!(WINDOWS_1252_HIGH[0x1F], 0x0178);
        assert!(high_table_js().starts_with("[0x20ac,0x81,0x201a,"));
    }
}
