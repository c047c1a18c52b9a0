//! Text that is not UTF-8: say which legacy encoding it most likely is.

use encoding_rs::{EUC_JP, Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE};

/// The encoding `bytes` (not valid UTF-8) are most likely in, when it can
/// be told: UTF-16 (either byte order), Shift_JIS or EUC-JP.
pub fn guess(bytes: &[u8]) -> Option<&'static Encoding> {
    if let Some(enc) = utf16_order(bytes) {
        return Some(enc);
    }
    // Both may decode cleanly; the one that yields more kana and kanji wins.
    [SHIFT_JIS, EUC_JP]
        .into_iter()
        .filter_map(|enc| Some((japanese_score(enc, bytes)?, enc)))
        .filter(|(score, _)| *score > 0)
        .max_by_key(|(score, _)| *score)
        .map(|(_, enc)| enc)
}

/// UTF-16: a byte-order mark, or (ASCII text without one) a NUL byte in
/// every other place.
pub fn looks_utf16(bytes: &[u8]) -> bool {
    utf16_order(bytes).is_some()
}

fn utf16_order(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some(UTF_16LE);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(UTF_16BE);
    }
    let sample = &bytes[..bytes.len().min(512)];
    let nul = |start: usize| {
        sample
            .iter()
            .skip(start)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = sample.len() / 2;
    if half < 4 {
        None
    } else if nul(1) * 10 >= half * 9 {
        Some(UTF_16LE)
    } else if nul(0) * 10 >= half * 9 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// How Japanese the text reads in this encoding: kana and kanji count for,
/// half-width katakana (what the wrong double-byte encoding yields) against.
/// `None` if it does not decode at all.
fn japanese_score(enc: &'static Encoding, bytes: &[u8]) -> Option<i64> {
    let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(
        text.chars()
            .map(|c| match c {
                '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' => 1,
                '\u{FF61}'..='\u{FF9F}' => -1,
                _ => 0,
            })
            .sum(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_legacy_encodings_are_named() {
        let text = "place = \"静岡県庁でのかいぎ\"\n";
        let (sjis, _, _) = SHIFT_JIS.encode(text);
        let (euc, _, _) = EUC_JP.encode(text);
        assert_eq!(guess(&sjis), Some(SHIFT_JIS));
        assert_eq!(guess(&euc), Some(EUC_JP));
    }

    #[test]
    fn utf16_is_named_with_or_without_bom() {
        let le: Vec<u8> = "title = \"x\"\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(guess(&le), Some(UTF_16LE));
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(&le);
        assert_eq!(guess(&bom), Some(UTF_16LE));
        let be: Vec<u8> = "title = \"x\"\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(guess(&be), Some(UTF_16BE));
        assert!(!looks_utf16(b"title = \"x\"\n"));
    }

    #[test]
    fn latin1_is_not_mistaken_for_japanese() {
        assert_eq!(guess(b"title = \"caf\xe9\"\n"), None);
    }
}
