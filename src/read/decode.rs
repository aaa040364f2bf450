//! Turning the bytes of an uploaded or exported file into text.
//!
//! Chinese Excel saves CSV as GBK (a subset of GB18030) unless told otherwise; Excel's "Unicode
//! text" is UTF-16 with a byte-order mark; everything else is UTF-8, with or without a BOM.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem, ProblemCode};

/// A text encoding the calculator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian, with a byte-order mark.
    Utf16le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16be,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

/// Text decoded from a file's bytes, and the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DecodedText {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding it was read as.
    pub encoding: TextEncoding,
}

/// Decodes `bytes` of the input called `file`: by byte-order mark if there is one, else as
/// UTF-16 without one when NUL bytes say so, else as UTF-8 if valid, else as GB18030. The result
/// never contains a byte-order mark.
///
/// # Errors
/// [`Error::Input`] naming the line of the first byte that fits no encoding.
pub fn decode(bytes: &[u8], file: &str) -> Result<(String, TextEncoding), Error> {
    decode_with(bytes, file, |body| Ok(gb18030(body)))
}

/// GB18030 as the WHATWG Encoding Standard decodes it (GBK and GB2312 are subsets), without
/// replacement: `None` if any byte sequence is not GB18030.
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes).map(std::borrow::Cow::into_owned)
}

/// [`decode`], with GB18030 decoded by `gb18030` (`Ok(None)` for bytes that are not GB18030; `Err`
/// when it cannot decode at all). The wasm binding passes the JavaScript runtime's `TextDecoder`,
/// which implements the same standard, so that the module does not carry `encoding_rs` and its tables
/// (see docs/performance.md, "Size"). Everything else, the errors included, is decided here.
///
/// # Errors
/// [`Error::Input`] naming the line of the first byte that fits no encoding; `gb18030`'s error.
pub fn decode_with(
    bytes: &[u8],
    file: &str,
    gb18030: impl FnOnce(&[u8]) -> Result<Option<String>, Error>,
) -> Result<(String, TextEncoding), Error> {
    let decoded = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            std::str::from_utf8(rest).ok().map(|text| (text.to_owned(), TextEncoding::Utf8))
        }
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes).map(|text| (text, TextEncoding::Utf16le)),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes).map(|text| (text, TextEncoding::Utf16be)),
        _ => {
            if let Some(label) = utf16_without_bom(bytes) {
                let unit = if label == TextEncoding::Utf16le { u16::from_le_bytes } else { u16::from_be_bytes };
                if let Some(text) = utf16(bytes, unit) {
                    return Ok((text, label));
                }
                // Read as UTF-8 its NULs would pass, and every cell would be garbled.
                let reason = "the file looks like UTF-16 text saved without a byte-order mark (every other byte is 0), \
                              but it is cut short or has a broken character: save it as CSV UTF-8 and try again";
                return Err(Error::Input(vec![Problem::at_line(file, 1, ProblemCode::InvalidEncoding, reason)]));
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => return Ok((text.to_owned(), TextEncoding::Utf8)),
                Err(_) => gb18030(bytes)?.map(|text| (text, TextEncoding::Gb18030)),
            }
        }
    };
    if let Some(decoded) = decoded {
        return Ok(decoded);
    }
    let offset = first_bad_utf8(bytes);
    let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
    let reason =
        format!("byte {offset} is neither UTF-8 nor GBK/GB18030 text; save the file as CSV UTF-8 and try again");
    Err(Error::Input(vec![Problem::at_line(file, line, ProblemCode::InvalidEncoding, reason)]))
}

/// UTF-16 code units read two bytes at a time by `unit`: `None` for an odd byte left over or a
/// surrogate without its pair (as the Encoding Standard's decoder without replacement says).
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    char::decode_utf16(bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]))).collect::<Result<String, _>>().ok()
}

/// UTF-16 saved without a byte-order mark, told by its NUL bytes: CSV text is mostly ASCII
/// (digits, delimiters, line breaks), whose every other byte is NUL in UTF-16, and on the same
/// side (odd bytes little-endian, even bytes big-endian). Text in UTF-8 or GBK has no NUL at all.
fn utf16_without_bom(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let nuls = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (nuls(0), nuls(1));
    let units = sample.len() / 2;
    // At least a third of the units ASCII, and NULs on one side only.
    let one_sided = |nul: usize, other: usize| nul >= 2 && nul * 3 >= units && other * 8 <= nul;
    if one_sided(odd, even) {
        Some(TextEncoding::Utf16le)
    } else if one_sided(even, odd) {
        Some(TextEncoding::Utf16be)
    } else {
        None
    }
}

fn first_bad_utf8(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("达人ID,粉丝数".as_bytes(), "creators").unwrap(),
            ("达人ID,粉丝数".into(), TextEncoding::Utf8)
        );
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], "a,b".as_bytes()].concat();
        assert_eq!(decode(&with_bom, "creators").unwrap(), ("a,b".into(), TextEncoding::Utf8));
    }

    #[test]
    fn gbk_as_chinese_excel_saves_it() {
        let (bytes, _, _) = encoding_rs::GBK.encode("达人ID,昵称,粉丝数\nk1,小美,12000\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        let (text, encoding) = decode(&bytes, "creators").unwrap();
        assert_eq!(text, "达人ID,昵称,粉丝数\nk1,小美,12000\n");
        assert_eq!(encoding, TextEncoding::Gb18030);
    }

    #[test]
    fn utf16_with_bom_as_excel_unicode_text() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "订单号\t金额\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, "orders").unwrap(), ("订单号\t金额\n".into(), TextEncoding::Utf16le));
    }

    #[test]
    fn utf16_without_bom_is_told_by_its_nul_bytes() {
        let text = "订单号,金额\no1,299.00\n";
        let little: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&little, "orders").unwrap(), (text.into(), TextEncoding::Utf16le));
        assert_eq!(decode(&big, "orders").unwrap(), (text.into(), TextEncoding::Utf16be));
        let cut = &little[..little.len() - 1];
        let error = decode(cut, "orders").unwrap_err();
        assert!(error.to_string().contains("looks like UTF-16"), "{error}");
        // One NUL in UTF-8 text is a NUL in a cell, not UTF-16.
        assert_eq!(decode(b"a,b\n1,\x002\n", "orders").unwrap().1, TextEncoding::Utf8);
    }

    #[test]
    fn utf16_is_read_as_encoding_rs_reads_it_without_replacement() {
        // Pairs, lone high and low surrogates, a pair cut short, and an odd byte at the end.
        let units: [&[u16]; 6] =
            [&[0x8BA2, 0xD83D, 0xDE00, 0x0A], &[0xD83D, 0x41], &[0xDE00], &[0x41, 0xD83D], &[0xFFFF, 0xFEFF], &[]];
        for units in units {
            for (encoding, unit, bytes_of) in [
                (
                    encoding_rs::UTF_16LE,
                    u16::from_le_bytes as fn([u8; 2]) -> u16,
                    u16::to_le_bytes as fn(u16) -> [u8; 2],
                ),
                (encoding_rs::UTF_16BE, u16::from_be_bytes, u16::to_be_bytes),
            ] {
                let bytes: Vec<u8> = units.iter().flat_map(|&u| bytes_of(u)).collect();
                for bytes in [&bytes[..], &[&bytes[..], &[0x41]].concat()] {
                    let expected = encoding.decode_without_bom_handling_and_without_replacement(bytes);
                    assert_eq!(utf16(bytes, unit), expected.map(std::borrow::Cow::into_owned), "{bytes:02X?}");
                }
            }
        }
    }

    #[test]
    fn gb18030_is_decoded_by_the_function_given() {
        let bytes = b"\xC3\xC0,\x81\x30\x81\x30\n";
        let native = decode(bytes, "creators").unwrap();
        assert_eq!(native, ("美,\u{80}\n".into(), TextEncoding::Gb18030));
        assert_eq!(decode_with(bytes, "creators", |body| Ok(gb18030(body))).unwrap(), native);
        // Whatever decodes GB18030, a refusal is the same sentence, naming the same line.
        let refused = decode_with(b"a\n\xFF", "orders", |_| Ok(None)).unwrap_err();
        assert_eq!(refused.to_string(), decode(b"a\n\xFF", "orders").unwrap_err().to_string());
        // UTF-8 and UTF-16 never reach it.
        let never = |_: &[u8]| -> Result<Option<String>, Error> { unreachable!() };
        assert_eq!(decode_with(b"a,b", "orders", never).unwrap().1, TextEncoding::Utf8);
        assert_eq!(decode_with(&[0xFF, 0xFE, 0x41, 0], "orders", never).unwrap().1, TextEncoding::Utf16le);
    }

    #[test]
    fn bytes_in_no_encoding_name_their_line() {
        // 0xFF is never valid in UTF-8 and not a GB18030 lead byte.
        let error = decode(b"a,b\n1,2\n3,\xFF\n", "orders").unwrap_err();
        let problem = &error.problems()[0];
        assert_eq!(problem.line, 3);
        assert_eq!(problem.code, ProblemCode::InvalidEncoding);
    }
}
