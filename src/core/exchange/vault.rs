//! Encryption at rest and in exported files: a passphrase-protected envelope around a ledger.
//!
//! The ledger's JSON is compressed (zlib, as `packing` does for plain storage), then sealed with AES-256-GCM (authenticated) under a
//! key derived from the passphrase by Argon2id. A second, tiny sealed message (`check`) tells a
//! wrong passphrase apart from damaged data: if `check` opens, the passphrase is right, so a
//! failure on `data` means the data was changed. No cryptography is written here: RustCrypto's
//! `aes-gcm` and `argon2` do it. Randomness (salt, nonces) comes from the caller (the browser's
//! `crypto.getRandomValues`), which keeps this module pure and testable.

use std::fmt;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use serde::{Deserialize, Serialize};

use super::packing::{bytes_to_text, compress, decompress, text_to_bytes};

/// Marks an encrypted ledger (in storage or in a file), told apart from a plain `jiean-ledger`.
pub const FORMAT: &str = "jiean-encrypted";
const VERSION: u64 = 1;
/// What `check` holds once opened.
const CHECK: &[u8] = b"jiean-passphrase-check";
/// Refuse key-derivation settings that would hang the page for long (a hostile file could ask
/// for them): a few times the defaults at most.
const MAX_MEMORY_KIB: u32 = 64 * 1024;
const MAX_PASSES: u32 = 4;

pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Argon2id settings, recorded in the envelope so that it can be opened with them later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub passes: u32,
}

impl Default for KdfParams {
    /// OWASP's Argon2id recommendation (19 MiB, 2 passes, 1 lane): about a second in the browser.
    fn default() -> Self {
        KdfParams { memory_kib: 19 * 1024, passes: 2 }
    }
}

/// Why an envelope could not be opened. `Display` is the Chinese message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VaultError {
    WrongPassphrase,
    /// The passphrase is right but the data does not authenticate: changed or damaged.
    Damaged,
    /// Not an envelope this program can read (garbled, or from a newer version).
    Unreadable(String),
    TooShort,
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::WrongPassphrase => {
                write!(f, "密码不正确，请重新输入（注意大小写和输入法的全角/半角）。")
            }
            VaultError::Damaged => write!(
                f,
                "密码正确，但加密的台账数据已被改动或损坏，无法解密。请改用导出的备份文件。"
            ),
            VaultError::Unreadable(why) => write!(f, "加密数据无法识别：{why}"),
            VaultError::TooShort => write!(f, "密码至少需要 {MIN_PASSPHRASE_CHARS} 个字符。"),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u64,
    kdf: String,
    #[serde(flatten)]
    params: KdfParams,
    salt: String,
    /// nonce ‖ ciphertext of [`CHECK`]. Binary parts are written 15 bits per character
    /// (`packing::bytes_to_text`): 0.53 storage units per byte against base64's 1.33, so an
    /// encrypted ledger fits the quota as well as a packed plain one.
    check: String,
    /// nonce ‖ ciphertext of the compressed ledger JSON.
    data: String,
}

/// A key derived from a passphrase, kept in memory while the ledger is unlocked so that each save
/// does not run the slow derivation again.
#[derive(Clone)]
pub struct Key {
    cipher: Aes256Gcm,
    salt: [u8; 16],
    params: KdfParams,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Key {
    /// Runs Argon2id over the passphrase. Slow on purpose.
    pub fn derive(passphrase: &str, salt: [u8; 16], params: KdfParams) -> Result<Key, VaultError> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(VaultError::TooShort);
        }
        derive(passphrase, salt, params)
    }

    /// Seals `ledger_json`. `nonces` must be fresh random bytes for every call.
    pub fn seal(&self, ledger_json: &str, nonces: [[u8; 12]; 2]) -> String {
        let deflated = compress(ledger_json.as_bytes());
        let envelope = Envelope {
            format: FORMAT.into(),
            version: VERSION,
            kdf: "argon2id".into(),
            params: self.params,
            salt: bytes_to_text(&self.salt),
            check: bytes_to_text(&self.encrypt(CHECK, nonces[0])),
            data: bytes_to_text(&self.encrypt(&deflated, nonces[1])),
        };
        // Strings and numbers only: serialising cannot fail.
        serde_json::to_string(&envelope).expect("envelope serialises")
    }

    fn encrypt(&self, plain: &[u8], nonce: [u8; 12]) -> Vec<u8> {
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plain)
            // AES-GCM refuses only plaintexts over 64 GiB; core::ledger::limits caps a ledger far below.
            .expect("AES-GCM encrypts any length we use");
        [nonce.as_slice(), &sealed].concat()
    }

    fn decrypt(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        let (nonce, body) = sealed.split_at_checked(12)?;
        self.cipher.decrypt(Nonce::from_slice(nonce), body).ok()
    }

    /// Opens an envelope sealed with this key (same salt), as on every load after unlocking.
    pub fn open(&self, text: &str) -> Result<String, VaultError> {
        let envelope = parse(text)?;
        if decode(&envelope.salt)? != self.salt || envelope.params != self.params {
            return Err(VaultError::WrongPassphrase);
        }
        open_with(self, &envelope)
    }
}

fn derive(passphrase: &str, salt: [u8; 16], params: KdfParams) -> Result<Key, VaultError> {
    if params.memory_kib > MAX_MEMORY_KIB || params.passes > MAX_PASSES || params.passes == 0 {
        return Err(VaultError::Unreadable("密码设置的参数超出允许范围".into()));
    }
    let argon_params = argon2::Params::new(params.memory_kib, params.passes, 1, Some(32))
        .map_err(|_| VaultError::Unreadable("密码设置的参数无效".into()))?;
    let argon =
        argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, argon_params);
    let mut key = [0u8; 32];
    argon
        .hash_password_into(passphrase.as_bytes(), &salt, &mut key)
        .map_err(|_| VaultError::Unreadable("无法由密码算出密钥".into()))?;
    // A [u8; 32] is the key type itself: no length to check, nothing to fail.
    let cipher = Aes256Gcm::new(&key.into());
    Ok(Key { cipher, salt, params })
}

/// A checksum (FNV-1a, 64 bits) of a stored text, kept beside it to notice when something other
/// than this app changed it. It detects accidents, not attacks: only encryption does that.
pub fn checksum(text: &str) -> String {
    let hash = text
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

/// Whether `text` is an encrypted envelope (rather than a plain ledger or anything else).
pub fn is_sealed(text: &str) -> bool {
    // Cheap look at the start: envelopes are written compactly with `format` first.
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(&format!("{{\"format\":\"{FORMAT}\""))
}

/// Opens an envelope with a passphrase, returning the ledger JSON and the key (to seal later saves).
pub fn open(text: &str, passphrase: &str) -> Result<(String, Key), VaultError> {
    let envelope = parse(text)?;
    let salt: [u8; 16] = decode(&envelope.salt)?
        .try_into()
        .map_err(|_| VaultError::Unreadable("数据不完整".into()))?;
    let key = derive(passphrase, salt, envelope.params)?;
    let json = open_with(&key, &envelope)?;
    Ok((json, key))
}

fn parse(text: &str) -> Result<Envelope, VaultError> {
    let envelope: Envelope = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|_| VaultError::Unreadable("不是本程序的加密台账".into()))?;
    if envelope.format != FORMAT || envelope.kdf != "argon2id" {
        return Err(VaultError::Unreadable("不是本程序的加密台账".into()));
    }
    if envelope.version > VERSION {
        return Err(VaultError::Unreadable(format!(
            "由更新版本的程序加密（版本 {}），请使用更新的 jiean.html",
            envelope.version
        )));
    }
    Ok(envelope)
}

fn decode(text: &str) -> Result<Vec<u8>, VaultError> {
    text_to_bytes(text).map_err(|_| VaultError::Damaged)
}

fn open_with(key: &Key, envelope: &Envelope) -> Result<String, VaultError> {
    if key.decrypt(&decode(&envelope.check)?).as_deref() != Some(CHECK) {
        return Err(VaultError::WrongPassphrase);
    }
    let deflated = key.decrypt(&decode(&envelope.data)?).ok_or(VaultError::Damaged)?;
    let plain = decompress(&deflated).map_err(|_| VaultError::Damaged)?;
    String::from_utf8(plain).map_err(|_| VaultError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Weak settings keep the tests fast; the envelope records whatever was used.
    const FAST: KdfParams = KdfParams { memory_kib: 64, passes: 1 };
    const LEDGER: &str = r#"{"format":"jiean-ledger","version":2,"cases":[{"number":"JA-1","summary":"张三反映征地补偿问题"}]}"#;

    fn key(passphrase: &str, salt: u8) -> Key {
        Key::derive(passphrase, [salt; 16], FAST).unwrap()
    }

    #[test]
    fn a_sealed_ledger_opens_with_its_passphrase_and_hides_its_text() {
        let sealed = key("正确的密码 2026", 1).seal(LEDGER, [[1; 12], [2; 12]]);
        assert!(is_sealed(&sealed));
        assert!(!is_sealed(LEDGER));
        assert!(!sealed.contains("张三") && !sealed.contains("JA-1"));
        let (json, again) = open(&sealed, "正确的密码 2026").unwrap();
        assert_eq!(json, LEDGER);
        // The key kept after unlocking opens later saves without deriving again.
        let next = again.seal(LEDGER, [[3; 12], [4; 12]]);
        assert_eq!(again.open(&next).unwrap(), LEDGER);
    }

    #[test]
    fn a_wrong_passphrase_is_told_apart_from_damaged_data() {
        let sealed = key("passphrase-1", 1).seal(LEDGER, [[1; 12], [2; 12]]);
        assert_eq!(open(&sealed, "passphrase-2").unwrap_err(), VaultError::WrongPassphrase);

        // Flip one bit of the ciphertext of the data (not of the check).
        let mut envelope: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        let mut data = text_to_bytes(envelope["data"].as_str().unwrap()).unwrap();
        data[20] ^= 1;
        envelope["data"] = bytes_to_text(&data).into();
        let tampered = envelope.to_string();
        assert_eq!(open(&tampered, "passphrase-1").unwrap_err(), VaultError::Damaged);
        assert!(VaultError::Damaged.to_string().contains("已被改动或损坏"));

        assert!(matches!(
            open("{\"format\":\"jiean-encrypted\"", "x"),
            Err(VaultError::Unreadable(_))
        ));
        assert!(matches!(open(LEDGER, "passphrase-1"), Err(VaultError::Unreadable(_))));
    }

    #[test]
    fn rekeying_gives_an_envelope_only_the_new_passphrase_opens() {
        let old = key("old passphrase", 1);
        let sealed = old.seal(LEDGER, [[1; 12], [2; 12]]);
        let (json, _) = open(&sealed, "old passphrase").unwrap();
        let new = key("new passphrase", 9);
        let resealed = new.seal(&json, [[5; 12], [6; 12]]);
        assert_eq!(open(&resealed, "new passphrase").unwrap().0, LEDGER);
        assert_eq!(open(&resealed, "old passphrase").unwrap_err(), VaultError::WrongPassphrase);
        assert_eq!(
            old.open(&resealed).unwrap_err(),
            VaultError::WrongPassphrase,
            "another salt: the old key does not fit"
        );
    }

    #[test]
    fn short_passphrases_and_hostile_parameters_are_refused() {
        assert_eq!(Key::derive("1234567", [0; 16], FAST).unwrap_err(), VaultError::TooShort);
        let hostile = KdfParams { memory_kib: 4 * 1024 * 1024, passes: 1 };
        assert!(matches!(
            Key::derive("long enough", [0; 16], hostile),
            Err(VaultError::Unreadable(_))
        ));
    }

    #[test]
    fn the_checksum_changes_with_any_change() {
        assert_eq!(checksum(LEDGER), checksum(LEDGER));
        assert_ne!(checksum(LEDGER), checksum(&LEDGER.replace("张三", "李四")));
        assert_eq!(checksum(""), "cbf29ce484222325");
    }

    #[test]
    fn the_default_parameters_derive_a_working_key() {
        let key = Key::derive("默认参数下的测试密码", [7; 16], KdfParams::default()).unwrap();
        let sealed = key.seal("{}", [[1; 12], [2; 12]]);
        assert!(sealed.contains("\"memory_kib\":19456"));
        assert_eq!(key.open(&sealed).unwrap(), "{}");
    }
}
