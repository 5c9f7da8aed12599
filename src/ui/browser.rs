//! Small wrappers over browser APIs the UI needs: the clock, ids, downloads and file reading.

use chrono::{NaiveDate, NaiveDateTime};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The clerk's local date and time.
pub fn now() -> NaiveDateTime {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds()))
        .unwrap_or_default()
}

pub fn today() -> NaiveDate {
    now().date()
}

/// A User Timing mark (`performance.mark`), seen in the browser's developer tools and by the
/// benchmark, for work the page does on its own in the background.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// A random 128-bit identity for a new case, as 32 hex digits.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        // Every browser this runs in has crypto; this keeps ids unique should one not.
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (js_sys::Math::random() * 256.0) as u8 ^ i as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Offers `text` as a file download. Nothing leaves the computer: the file is made in memory.
/// The UTF-8 bytes go to the Blob as they are: a JS string would be decoded and encoded again
/// (tens of MB for a ledger of thousands of cases).
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    download_bytes(file_name, mime, text.as_bytes())
}

/// The file chosen in the file input an event came from. The input is cleared, so that the same
/// file can be chosen again after fixing it.
pub fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(file)
}

/// Reads a chosen file as UTF-8 text (invalid bytes become U+FFFD, as the browser's own decoder
/// does). The bytes are copied into wasm memory as they are: going through a JS string would
/// decode and re-encode tens of MB for a ledger of thousands of cases.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "无法读取该文件，请确认文件未被其他程序占用。".to_string())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Offers bytes (an XLSX workbook) as a file download, made in memory like [`download`].
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Revoking at once can cancel the download in some browsers; a minute later is safe.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()
        .ok_or("no window")?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}

/// Reads a chosen file's bytes.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    JsFuture::from(file.array_buffer())
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
        .map_err(|_| "无法读取该文件，请确认文件未被其他程序占用。".to_string())
}

/// Decodes text with the browser's own decoder (`label` as in the Encoding Standard: "gbk",
/// "utf-8", "utf-16le"…). Bytes that are not valid in the encoding are an error, not "�".
pub fn decode_text(bytes: &[u8], label: &str) -> Result<String, String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options(label, &options)
        .map_err(|_| "浏览器不能读取这种文字编码。".to_string())?;
    decoder
        .decode_with_u8_array(bytes)
        .map_err(|_| "文件中有无法识别的文字，无法正确读取。请在 Excel 中「另存为」CSV UTF-8 或 .xlsx 后再导入。".to_string())
}
