//! Text that is not UTF-8: say which legacy encoding it most likely is.

use encoding_rs::{EUC_JP, Encoding, SHIFT_JIS};

/// The name of the encoding `bytes` (not valid UTF-8) are most likely in,
/// when it can be told: "UTF-16", "Shift_JIS" or "EUC-JP".
pub fn guess(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || looks_utf16(bytes) {
        return Some("UTF-16");
    }
    // Both may decode cleanly; the one that yields more kana and kanji wins.
    [SHIFT_JIS, EUC_JP]
        .into_iter()
        .filter_map(|enc| Some((japanese_score(enc, bytes)?, enc.name())))
        .filter(|(score, _)| *score > 0)
        .max_by_key(|(score, _)| *score)
        .map(|(_, name)| name)
}

/// UTF-16 without a BOM: ASCII text with a NUL byte in every other place.
fn looks_utf16(bytes: &[u8]) -> bool {
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
    half >= 4 && (nul(0) * 10 >= half * 9 || nul(1) * 10 >= half * 9)
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
        assert_eq!(guess(&sjis), Some("Shift_JIS"));
        assert_eq!(guess(&euc), Some("EUC-JP"));
    }

    #[test]
    fn utf16_is_named_with_or_without_bom() {
        let utf16: Vec<u8> = "title = \"x\"\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(guess(&utf16), Some("UTF-16"));
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(&utf16);
        assert_eq!(guess(&bom), Some("UTF-16"));
    }

    #[test]
    fn latin1_is_not_mistaken_for_japanese() {
        assert_eq!(guess(b"title = \"caf\xe9\"\n"), None);
    }
}
