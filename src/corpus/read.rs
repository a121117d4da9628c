//! Reading one article file as UTF-8 text, or saying precisely why it cannot be: unreadable,
//! too large (checked before reading), binary, UTF-16, or not valid UTF-8.

use std::fs;
use std::io::Read;
use std::path::Path;

/// How much of the start of a file is searched for NUL bytes to call it binary.
const BINARY_PROBE: usize = 8 * 1024;

/// Why a file could not be read as text: a message for the reader, and the 1-based line it
/// applies to when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    pub line: Option<usize>,
    pub message: String,
}

impl Unreadable {
    fn new(message: String) -> Self {
        Unreadable {
            line: None,
            message,
        }
    }
}

/// A byte count as people read it: `12.3 MiB (12898918 bytes)`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {} ({bytes} bytes)", UNITS[unit])
}

fn too_large(size: u64, limit: u64) -> Unreadable {
    Unreadable::new(format!(
        "file too large: {} is over the limit of {}; skipped (the limit is corpus.max_file_bytes)",
        human_size(size),
        human_size(limit)
    ))
}

/// The whole file as text. Files over `max_bytes` are refused from their size alone, and the
/// read itself is capped, so a file that grows meanwhile is still never read whole.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, Unreadable> {
    decode(read_bytes(path, max_bytes)?)
}

/// The whole file as bytes, with the same checks and cap as [`read_text`] (pages and feeds
/// declare their own encoding).
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Unreadable> {
    let meta = fs::metadata(path).map_err(|e| Unreadable::new(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        // Reading a FIFO or a device could block forever.
        return Err(Unreadable::new("not a regular file".into()));
    }
    if meta.len() > max_bytes {
        return Err(too_large(meta.len(), max_bytes));
    }
    let file = fs::File::open(path).map_err(|e| Unreadable::new(format!("cannot read: {e}")))?;
    let capacity = usize::try_from(meta.len()).unwrap_or(0).saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Unreadable::new(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64, max_bytes));
    }
    Ok(bytes)
}

/// Bytes to text, refusing binary and non-UTF-8 content with a message that says where.
pub fn decode(bytes: Vec<u8>) -> Result<String, Unreadable> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Unreadable::new(
            "UTF-16 text (byte order mark at the start); save it as UTF-8".into(),
        ));
    }
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    if let Some(at) = probe.iter().position(|&b| b == 0) {
        return Err(Unreadable::new(format!(
            "binary file (NUL byte at offset {at}), not a text article"
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line_start = bytes[..valid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
        let column = valid - line_start + 1;
        Unreadable {
            line: Some(line),
            message: format!(
                "not valid UTF-8: invalid byte 0x{:02X} at line {line}, byte {column} of the \
                 line (offset {valid} in the file); save it as UTF-8",
                bytes.get(valid).copied().unwrap_or(0)
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_says_line_and_byte() {
        let err = decode(b"ok\nab\xE9cd\n".to_vec()).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("line 2, byte 3"), "{}", err.message);
        assert!(err.message.contains("0xE9"), "{}", err.message);
    }

    #[test]
    fn nul_in_the_first_8k_is_binary() {
        let err = decode(b"PK\x03\x04\x00\x00".to_vec()).unwrap_err();
        assert!(err.message.starts_with("binary file"), "{}", err.message);
        // A NUL far past the probe is not looked for: it is still valid UTF-8 text.
        let mut late = vec![b'a'; BINARY_PROBE + 10];
        late.push(0);
        assert!(decode(late).is_ok());
    }

    #[test]
    fn utf16_is_named() {
        let err = decode(vec![0xFF, 0xFE, b'a', 0]).unwrap_err();
        assert!(err.message.contains("UTF-16"), "{}", err.message);
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(12), "12 bytes");
        assert_eq!(human_size(2048), "2.0 KiB (2048 bytes)");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MiB (3145728 bytes)");
    }
}
