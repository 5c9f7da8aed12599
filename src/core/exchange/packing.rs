//! Dense storage text: compress a text and carry the bytes in a string that local storage keeps
//! safely, so that a large ledger fits the browser's quota.
//!
//! Local storage counts UTF-16 code units (Chromium: 10 MiB per origin = 5,242,880 units once a
//! value holds any non-Latin-1 character, which every ledger does). A ledger's JSON spends one
//! unit per character; compressed with deflate (zlib framing, whose Adler-32 checksum catches
//! corruption) and carried 15 bits per unit it takes a fraction of that.
//!
//! The steps are separate pure functions so that they can be recombined, e.g. compress → encrypt
//! → [`bytes_to_text`]:
//! - [`compress`] / [`decompress`]: bytes ↔ zlib bytes;
//! - [`bytes_to_text`] / [`text_to_bytes`]: bytes ↔ a string of code units U+0800–U+87FF (15 bits
//!   each: no surrogates, no control characters, every unit a valid scalar value), preceded by one
//!   unit giving the padding;
//! - [`pack`] / [`unpack`]: a text ↔ [`PACKED_MARK`] followed by the two steps above.

use std::borrow::Cow;
use std::fmt;

/// Starts every packed text. Never the start of JSON (which is `{`, a BOM or whitespace).
pub const PACKED_MARK: &str = "jiean-z1:";

/// Stored texts up to this size stay plain JSON: readable in the browser's developer tools and
/// nothing to inflate. A county ledger of a few dozen cases stays under it.
pub const PACK_ABOVE_BYTES: usize = 128 * 1024;

/// The first code unit used for 15-bit groups: 0x0800 + 0x7FFF stays below the surrogates.
const BASE: u32 = 0x0800;
const BITS: u32 = 15;

/// Level 2 of 10: on 2,000 realistic cases about half the time of level 6 for a quarter more
/// size (`cargo xtask bench-core` prints the trade-off); the ledger is packed on every save.
const LEVEL: u8 = 2;

/// Refuse to inflate beyond this: a corrupt or hostile text must not exhaust memory.
pub const MAX_UNPACKED_BYTES: usize = 128 * 1024 * 1024;

/// Why a packed text cannot be read. `Display` is the Chinese message for the user.
#[derive(Clone, Debug, PartialEq)]
pub enum PackError {
    /// A code unit outside the packing alphabet, or a bad padding unit: the text was altered.
    BadCharacter {
        at: usize,
    },
    /// The padding does not fit the length: the text was cut or altered.
    BadLength,
    /// The compressed data is damaged (checksum or structure).
    Corrupt,
    TooLarge,
    /// The unpacked bytes are not UTF-8 text.
    NotText,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackError::BadCharacter { at } => {
                write!(f, "压缩保存的数据已损坏（第 {} 个字符不属于压缩编码）。", at + 1)
            }
            PackError::BadLength => write!(f, "压缩保存的数据已损坏（长度不符，可能被截断）。"),
            PackError::Corrupt => write!(f, "压缩保存的数据已损坏（校验失败）。"),
            PackError::TooLarge => write!(
                f,
                "压缩保存的数据解压后超过 {} MB 的上限，可能已损坏。",
                MAX_UNPACKED_BYTES / 1048576
            ),
            PackError::NotText => write!(f, "压缩保存的数据解压后不是文本，可能已损坏。"),
        }
    }
}

/// Deflate with zlib framing (Adler-32 checksum).
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, LEVEL)
}

pub fn decompress(bytes: &[u8]) -> Result<Vec<u8>, PackError> {
    decompress_at_most(bytes, MAX_UNPACKED_BYTES)
}

fn decompress_at_most(bytes: &[u8], limit: usize) -> Result<Vec<u8>, PackError> {
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(bytes, limit).map_err(|e| {
        match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => PackError::TooLarge,
            _ => PackError::Corrupt,
        }
    })
}

/// Bytes as a string of 15-bit code units, after one unit that says how many padding bits the
/// last unit carries (0–14).
pub fn bytes_to_text(bytes: &[u8]) -> String {
    let units = (bytes.len() * 8).div_ceil(BITS as usize);
    let padding = units * BITS as usize - bytes.len() * 8;
    let mut out = String::with_capacity((units + 1) * 3);
    out.push(unit(padding as u32));
    let (mut acc, mut have) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | b as u32;
        have += 8;
        if have >= BITS {
            have -= BITS;
            out.push(unit((acc >> have) & 0x7FFF));
            acc &= (1 << have) - 1;
        }
    }
    if have > 0 {
        out.push(unit((acc << (BITS - have)) & 0x7FFF));
    }
    out
}

pub fn text_to_bytes(text: &str) -> Result<Vec<u8>, PackError> {
    let mut chars =
        text.chars().enumerate().map(|(at, c)| value(c).ok_or(PackError::BadCharacter { at }));
    let padding = chars.next().ok_or(PackError::BadLength)??;
    if padding >= BITS {
        return Err(PackError::BadCharacter { at: 0 });
    }
    let units = text.chars().count() - 1;
    let bits = (units * BITS as usize).checked_sub(padding as usize).ok_or(PackError::BadLength)?;
    // The padding leaves whole bytes.
    if bits % 8 != 0 {
        return Err(PackError::BadLength);
    }
    let mut out = Vec::with_capacity(bits / 8);
    let (mut acc, mut have) = (0u32, 0u32);
    for v in chars {
        acc = (acc << BITS) | v?;
        have += BITS;
        while have >= 8 && out.len() < bits / 8 {
            have -= 8;
            out.push((acc >> have) as u8);
            acc &= (1 << have) - 1;
        }
    }
    // The padding bits must be zero, as `bytes_to_text` writes them.
    if acc != 0 {
        return Err(PackError::BadLength);
    }
    Ok(out)
}

fn unit(v: u32) -> char {
    char::from_u32(BASE + v).expect("U+0800..U+87FF are scalar values")
}

fn value(c: char) -> Option<u32> {
    (c as u32).checked_sub(BASE).filter(|v| *v <= 0x7FFF)
}

pub fn is_packed(stored: &str) -> bool {
    stored.starts_with(PACKED_MARK)
}

/// A text compressed and carried in dense code units, behind [`PACKED_MARK`].
pub fn pack(text: &str) -> String {
    format!("{PACKED_MARK}{}", bytes_to_text(&compress(text.as_bytes())))
}

/// The text that [`pack`] packed. A text without the mark is not packed: `BadCharacter`.
pub fn unpack(stored: &str) -> Result<String, PackError> {
    let body = stored.strip_prefix(PACKED_MARK).ok_or(PackError::BadCharacter { at: 0 })?;
    let bytes = decompress(&text_to_bytes(body)?)?;
    String::from_utf8(bytes).map_err(|_| PackError::NotText)
}

/// The form in which a text is stored: itself when small, else packed — unless packing does not
/// make it shorter (text that hardly compresses, e.g. random characters, packs to more units).
pub fn stored_form(text: String) -> String {
    if text.len() <= PACK_ABOVE_BYTES {
        return text;
    }
    let packed = pack(&text);
    // The text takes at least one unit per three bytes: counting its units (tens of MB, on
    // every save) is needed only when the packed text is not clearly shorter.
    let packed_units = utf16_len(&packed);
    if packed_units < text.len().div_ceil(3) || packed_units < utf16_len(&text) {
        packed
    } else {
        text
    }
}

/// Length as local storage counts it.
fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The text of a stored form, packed or plain (as every version before packing stored it).
pub fn from_stored(stored: &str) -> Result<Cow<'_, str>, PackError> {
    if is_packed(stored) {
        unpack(stored).map(Cow::Owned)
    } else {
        Ok(Cow::Borrowed(stored))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_at_every_length() {
        let mut seed = 1u32;
        let data: Vec<u8> = (0..200)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (seed >> 16) as u8
            })
            .collect();
        for n in 0..data.len() {
            let text = bytes_to_text(&data[..n]);
            assert_eq!(text.chars().count(), 1 + (n * 8).div_ceil(15), "{n}");
            assert!(text.chars().all(|c| (0x0800..=0x87FF).contains(&(c as u32))));
            assert_eq!(text_to_bytes(&text).unwrap(), &data[..n], "{n}");
        }
        assert_eq!(text_to_bytes(&bytes_to_text(&[0xFF; 31])).unwrap(), [0xFF; 31]);
    }

    #[test]
    fn a_ledger_like_text_packs_small_and_round_trips() {
        let text = "{\"format\":\"jiean-ledger\",\"cases\":[".to_string()
            + &(0..300).map(|i| format!("{{\"number\":\"JA-{i}\",\"summary\":\"信访人反映征地补偿标准过低，要求重新核算补偿\"}},")).collect::<String>()
            + "]}";
        let packed = pack(&text);
        assert!(is_packed(&packed) && !is_packed(&text));
        assert!(packed.encode_utf16().count() * 5 < text.encode_utf16().count());
        assert_eq!(unpack(&packed).unwrap(), text);
        assert_eq!(unpack(&pack("")).unwrap(), "");
    }

    #[test]
    fn small_texts_are_stored_plain_and_both_forms_read_back() {
        let small = "{\"format\":\"jiean-ledger\",\"version\":1,\"cases\":[]}".to_string();
        assert_eq!(stored_form(small.clone()), small);
        assert_eq!(from_stored(&small).unwrap(), small);
        let large = format!("{{\"x\":\"{}\"}}", "诉求".repeat(PACK_ABOVE_BYTES));
        let stored = stored_form(large.clone());
        assert!(is_packed(&stored));
        assert_eq!(from_stored(&stored).unwrap(), large);
        assert_eq!(from_stored("jiean-z1:"), Err(PackError::BadLength));

        // Characters that do not compress stay plain: packed they would take more room.
        let mut seed = 7u32;
        let random: String = (0..PACK_ABOVE_BYTES)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                char::from_u32(0x4E00 + seed % 20992).unwrap()
            })
            .collect();
        assert_eq!(stored_form(random.clone()), random);
    }

    #[test]
    fn a_text_takes_at_least_one_unit_per_three_bytes() {
        for text in ["", "a", "ab", "é", "积", "积案", "𠀀", "𠀀a", "a积é𠀀", &"𠀀".repeat(9)]
        {
            assert!(utf16_len(text) >= text.len().div_ceil(3), "{text}");
        }
    }

    #[test]
    fn damaged_packed_text_gives_a_clear_error() {
        let packed = pack(&"积案台账".repeat(100));
        let body: Vec<char> = packed[PACKED_MARK.len()..].chars().collect();

        // A character that is not in the packing alphabet, e.g. a JSON quote pasted in.
        let mut bad = body.clone();
        bad[3] = '"';
        let err = unpack(&format!("{PACKED_MARK}{}", bad.iter().collect::<String>())).unwrap_err();
        assert_eq!(err, PackError::BadCharacter { at: 3 });
        assert!(err.to_string().contains("第 4 个字符"));

        // A unit flipped inside the alphabet: the checksum catches it.
        let mut flipped = body.clone();
        let mid = flipped.len() / 2;
        flipped[mid] = char::from_u32(flipped[mid] as u32 ^ 0x0100).unwrap();
        let err =
            unpack(&format!("{PACKED_MARK}{}", flipped.iter().collect::<String>())).unwrap_err();
        assert_eq!(err, PackError::Corrupt);
        assert!(err.to_string().contains("已损坏"));

        // Cut short.
        let cut: String = body[..body.len() - 2].iter().collect();
        assert!(unpack(&format!("{PACKED_MARK}{cut}")).is_err());
        assert_eq!(unpack(PACKED_MARK), Err(PackError::BadLength));
        assert!(unpack("{\"format\":\"jiean-ledger\"}").is_err());
        // Bytes that inflate to something other than UTF-8.
        let not_text = format!("{PACKED_MARK}{}", bytes_to_text(&compress(&[0xFF, 0xFE, 0x00])));
        assert_eq!(unpack(&not_text), Err(PackError::NotText));
    }

    #[test]
    fn a_bomb_is_refused_without_exhausting_memory() {
        let zeros = compress(&[0u8; 100_001]);
        assert!(zeros.len() < 200);
        assert_eq!(decompress_at_most(&zeros, 100_000), Err(PackError::TooLarge));
        assert_eq!(decompress_at_most(&zeros, 100_001).unwrap().len(), 100_001);
    }
}
