//! Removes feature names from a wasm module's `target_features` custom section.
//!
//! The app is compiled without reference-types and multivalue (Chromium before 96 and 86 cannot
//! run them), but the precompiled standard library still lists both in the section, and
//! wasm-bindgen reads the section to decide whether to emit externref tables and multivalue
//! returns. Dropping the names makes wasm-bindgen emit code that old Chromium runs.

/// The module with each name in `drop` removed from its `target_features` section.
pub fn without(module: &[u8], drop: &[&str]) -> Result<Vec<u8>, String> {
    let header = module.get(..8).filter(|h| h.starts_with(b"\0asm")).ok_or("not a wasm module")?;
    let mut out = header.to_vec();
    let mut at = 8;
    while at < module.len() {
        let start = at;
        let id = module[at];
        at += 1;
        let size = leb(module, &mut at)? as usize;
        let body = module.get(at..at + size).ok_or("truncated section")?;
        at += size;
        match target_features(id, body)? {
            Some(data) => {
                let mut payload = Vec::new();
                write_leb(&mut payload, NAME.len() as u32);
                payload.extend_from_slice(NAME);
                payload.extend(filtered(data, drop)?);
                out.push(0);
                write_leb(&mut out, payload.len() as u32);
                out.extend(payload);
            }
            None => out.extend_from_slice(&module[start..at]),
        }
    }
    Ok(out)
}

const NAME: &[u8] = b"target_features";

/// The data of the `target_features` custom section; `None` for every other section.
fn target_features(id: u8, body: &[u8]) -> Result<Option<&[u8]>, String> {
    if id != 0 {
        return Ok(None);
    }
    let mut at = 0;
    let len = leb(body, &mut at)? as usize;
    let name = body.get(at..at + len).ok_or("truncated section name")?;
    Ok((name == NAME).then(|| &body[at + len..]))
}

/// The section's entries (prefix byte, name) minus the dropped names.
fn filtered(data: &[u8], drop: &[&str]) -> Result<Vec<u8>, String> {
    let mut at = 0;
    let count = leb(data, &mut at)?;
    let mut kept = 0u32;
    let mut entries = Vec::new();
    for _ in 0..count {
        let start = at;
        at += 1;
        let len = leb(data, &mut at)? as usize;
        let name = data.get(at..at + len).ok_or("truncated feature name")?;
        at += len;
        if !drop.iter().any(|d| d.as_bytes() == name) {
            kept += 1;
            entries.extend_from_slice(&data[start..at]);
        }
    }
    let mut out = Vec::new();
    write_leb(&mut out, kept);
    out.extend(entries);
    Ok(out)
}

fn leb(bytes: &[u8], at: &mut usize) -> Result<u32, String> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at).ok_or("truncated number")?;
        *at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err("number too long".into())
}

fn write_leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![id];
        write_leb(&mut out, body.len() as u32);
        out.extend_from_slice(body);
        out
    }

    fn features(names: &[&str]) -> Vec<u8> {
        let mut body = vec![15];
        body.extend_from_slice(b"target_features");
        write_leb(&mut body, names.len() as u32);
        for name in names {
            body.push(b'+');
            write_leb(&mut body, name.len() as u32);
            body.extend_from_slice(name.as_bytes());
        }
        section(0, &body)
    }

    #[test]
    fn drops_only_the_named_features_and_keeps_the_other_sections() {
        let header = b"\0asm\x01\0\0\0".to_vec();
        let types = section(1, &[1, 0x60, 0, 0]);
        let names = section(0, b"\x04name\x00");
        let module = [
            header.clone(),
            types.clone(),
            features(&["bulk-memory", "multivalue", "reference-types", "sign-ext"]),
            names.clone(),
        ]
        .concat();
        let expected = [header, types, features(&["bulk-memory", "sign-ext"]), names].concat();
        assert_eq!(without(&module, &["reference-types", "multivalue"]).unwrap(), expected);
    }

    #[test]
    fn refuses_what_is_not_a_module() {
        assert!(without(b"<html>", &[]).is_err());
        assert!(without(b"\0asm\x01\0\0\0\x01\x05", &[]).is_err());
    }
}
