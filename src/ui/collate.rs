//! Chinese order by pinyin, as Excel sorts: the browser's own `Intl.Collator("zh-CN")` ranks
//! the distinct values once (no table is shipped), and the core sorts by rank.

use std::collections::HashMap;

use wasm_bindgen::JsValue;

/// `values` sorted by the zh-CN collator (pinyin for Chinese, then the rest); code-point order
/// if the browser has no collator.
pub fn sorted(mut values: Vec<String>) -> Vec<String> {
    let locales = js_sys::Array::of1(&JsValue::from_str("zh-CN"));
    let collator = js_sys::Intl::Collator::new(&locales, &js_sys::Object::new());
    let array: js_sys::Array = values.iter().map(|v| JsValue::from_str(v)).collect();
    let sort = js_sys::Reflect::get(&array, &JsValue::from_str("sort"))
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
    match sort.map(|sort| sort.call1(&array, &collator.compare())) {
        Some(Ok(_)) => array.iter().filter_map(|v| v.as_string()).collect(),
        _ => {
            crate::core::ledger::sorting::sort(&mut values);
            values
        }
    }
}

/// Each distinct value's position in pinyin order.
pub fn ranks<'a>(values: impl IntoIterator<Item = &'a str>) -> HashMap<String, u32> {
    let mut distinct: Vec<String> = values.into_iter().map(str::to_string).collect();
    crate::core::ledger::sorting::sort(&mut distinct);
    distinct.dedup();
    sorted(distinct).into_iter().enumerate().map(|(i, v)| (v, i as u32)).collect()
}

/// Sorts named groups by pinyin, unnamed ones (「（未填写…）」) last.
pub fn sort_groups<T>(groups: &mut [(String, T)]) {
    let rank = ranks(groups.iter().map(|(name, _)| name.as_str()));
    crate::core::ledger::sorting::sort_by_key(groups, |(name, _)| {
        (name.starts_with('（'), rank.get(name).copied())
    });
}
