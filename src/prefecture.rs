//! Japan's 47 prefectures and the spellings a file or a command line may use.
//!
//! Accepted: the romaji name in any case, with or without a macron, with or
//! without the suffix (`-ken`, `-fu`, `-to`, ` ken`, ` Prefecture`), and the
//! kanji name with or without its suffix character (静岡県, 静岡).

use std::fmt;

use crate::model::PrefectureName;

/// One of the 47 prefectures, by its index in JIS X 0401 order (Hokkaido = 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Prefecture(u8);

/// (canonical romaji, romaji with macrons, kanji with suffix, suffix romaji)
const TABLE: [(&str, &str, &str, &str); 47] = [
    ("Hokkaido", "Hokkaidō", "北海道", ""),
    ("Aomori", "Aomori", "青森県", "ken"),
    ("Iwate", "Iwate", "岩手県", "ken"),
    ("Miyagi", "Miyagi", "宮城県", "ken"),
    ("Akita", "Akita", "秋田県", "ken"),
    ("Yamagata", "Yamagata", "山形県", "ken"),
    ("Fukushima", "Fukushima", "福島県", "ken"),
    ("Ibaraki", "Ibaraki", "茨城県", "ken"),
    ("Tochigi", "Tochigi", "栃木県", "ken"),
    ("Gunma", "Gunma", "群馬県", "ken"),
    ("Saitama", "Saitama", "埼玉県", "ken"),
    ("Chiba", "Chiba", "千葉県", "ken"),
    ("Tokyo", "Tōkyō", "東京都", "to"),
    ("Kanagawa", "Kanagawa", "神奈川県", "ken"),
    ("Niigata", "Niigata", "新潟県", "ken"),
    ("Toyama", "Toyama", "富山県", "ken"),
    ("Ishikawa", "Ishikawa", "石川県", "ken"),
    ("Fukui", "Fukui", "福井県", "ken"),
    ("Yamanashi", "Yamanashi", "山梨県", "ken"),
    ("Nagano", "Nagano", "長野県", "ken"),
    ("Gifu", "Gifu", "岐阜県", "ken"),
    ("Shizuoka", "Shizuoka", "静岡県", "ken"),
    ("Aichi", "Aichi", "愛知県", "ken"),
    ("Mie", "Mie", "三重県", "ken"),
    ("Shiga", "Shiga", "滋賀県", "ken"),
    ("Kyoto", "Kyōto", "京都府", "fu"),
    ("Osaka", "Ōsaka", "大阪府", "fu"),
    ("Hyogo", "Hyōgo", "兵庫県", "ken"),
    ("Nara", "Nara", "奈良県", "ken"),
    ("Wakayama", "Wakayama", "和歌山県", "ken"),
    ("Tottori", "Tottori", "鳥取県", "ken"),
    ("Shimane", "Shimane", "島根県", "ken"),
    ("Okayama", "Okayama", "岡山県", "ken"),
    ("Hiroshima", "Hiroshima", "広島県", "ken"),
    ("Yamaguchi", "Yamaguchi", "山口県", "ken"),
    ("Tokushima", "Tokushima", "徳島県", "ken"),
    ("Kagawa", "Kagawa", "香川県", "ken"),
    ("Ehime", "Ehime", "愛媛県", "ken"),
    ("Kochi", "Kōchi", "高知県", "ken"),
    ("Fukuoka", "Fukuoka", "福岡県", "ken"),
    ("Saga", "Saga", "佐賀県", "ken"),
    ("Nagasaki", "Nagasaki", "長崎県", "ken"),
    ("Kumamoto", "Kumamoto", "熊本県", "ken"),
    ("Oita", "Ōita", "大分県", "ken"),
    ("Miyazaki", "Miyazaki", "宮崎県", "ken"),
    ("Kagoshima", "Kagoshima", "鹿児島県", "ken"),
    ("Okinawa", "Okinawa", "沖縄県", "ken"),
];

impl Prefecture {
    /// All 47, in JIS order.
    pub fn all() -> impl Iterator<Item = Prefecture> {
        (0..TABLE.len() as u8).map(Prefecture)
    }

    /// Canonical romaji name without macrons or suffix: "Tokyo".
    pub fn name(self) -> &'static str {
        TABLE[self.0 as usize].0
    }

    /// Kanji name with its suffix: "東京都".
    pub fn kanji(self) -> &'static str {
        TABLE[self.0 as usize].2
    }

    /// Recognises any accepted spelling; `None` if it is not one of the 47.
    pub fn parse(text: &str) -> Option<Prefecture> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        // Kanji: with the suffix character, or without it (北海道 has none).
        for p in Prefecture::all() {
            let kanji = p.kanji();
            if text == kanji {
                return Some(p);
            }
            let stem = kanji.trim_end_matches(['県', '府', '都']);
            if text == stem {
                return Some(p);
            }
        }
        let folded = fold(text);
        let stem = strip_suffix(&folded);
        Prefecture::all().find(|p| fold(p.name()) == stem)
    }

    /// The prefecture whose name is closest to `text`, for "did you mean".
    pub fn closest(text: &str) -> Option<Prefecture> {
        let folded = fold(text);
        let stem = strip_suffix(&folded);
        Prefecture::all()
            .map(|p| (strsim::damerau_levenshtein(stem, &fold(p.name())), p))
            .filter(|(d, p)| *d <= 2.max(p.name().len() / 3))
            .min_by_key(|(d, _)| *d)
            .map(|(_, p)| p)
    }
}

impl Prefecture {
    /// Whether `typed` (a picker's input) could be heading for this
    /// prefecture: a whole accepted spelling, or the start of its romaji
    /// name (any case, macrons or not) or of its kanji name. Empty matches all.
    pub fn matches_typed(self, typed: &str) -> bool {
        let typed = typed.trim();
        typed.is_empty()
            || Prefecture::parse(typed) == Some(self)
            || fold(self.name()).starts_with(&fold(typed))
            || self.kanji().starts_with(typed)
    }
}

// The spelling rules live here, so the name type of the model learns them
// here too: the command line (`--prefecture`) and the browser's picker share
// them.
impl PrefectureName {
    /// Whether `text` names this prefecture: any accepted spelling of one of
    /// the 47, or, for a name outside them, the file's text ignoring case.
    pub fn is_named_by(&self, text: &str) -> bool {
        let text = text.trim();
        match (self, Prefecture::parse(text)) {
            (PrefectureName::Known(p), parsed) => parsed == Some(*p),
            (PrefectureName::Other(o), None) => o.trim().to_lowercase() == text.to_lowercase(),
            (PrefectureName::Other(_), Some(_)) => false,
        }
    }

    /// Whether `typed` could be heading for this name (see
    /// [`Prefecture::matches_typed`]); for a name outside the 47, the start
    /// of the file's text ignoring case.
    pub fn matches_typed(&self, typed: &str) -> bool {
        match self {
            PrefectureName::Known(p) => p.matches_typed(typed),
            PrefectureName::Other(o) => o
                .trim()
                .to_lowercase()
                .starts_with(&typed.trim().to_lowercase()),
        }
    }
}

impl fmt::Display for Prefecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Lower case, macrons and circumflexes removed, `ou`/`oo` for ō left alone.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ō' | 'Ō' | 'ô' | 'Ô' => 'o',
            'ū' | 'Ū' | 'û' | 'Û' => 'u',
            'ā' | 'Ā' => 'a',
            'ē' | 'Ē' => 'e',
            'ī' | 'Ī' => 'i',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Removes a trailing "prefecture", "-ken", "-fu", "-to" (joined by a hyphen,
/// a space or nothing). "Kyoto" itself is never shortened to "Kyo".
fn strip_suffix(folded: &str) -> &str {
    let s = folded.trim();
    let s = s.strip_suffix("prefecture").map_or(s, str::trim_end);
    for suffix in ["-ken", " ken", "-fu", " fu", "-to", " to"] {
        if let Some(stem) = s.strip_suffix(suffix) {
            return stem.trim_end();
        }
    }
    // "Shizuokaken", "Osakafu", "Tokyoto": only when the stem is a real name.
    for suffix in ["ken", "fu", "to"] {
        if let Some(stem) = s.strip_suffix(suffix)
            && Prefecture::all().any(|p| fold(p.name()) == stem)
        {
            return stem;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_prefecture_agree() {
        let tokyo = Prefecture::parse("Tokyo");
        assert!(tokyo.is_some());
        for s in [
            "tokyo",
            "TOKYO",
            "Tokyo-to",
            "tokyo to",
            "Tōkyō",
            "Tokyo Prefecture",
            "東京都",
            "東京",
            "Tokyoto",
        ] {
            assert_eq!(Prefecture::parse(s), tokyo, "{s}");
        }
        assert_eq!(Prefecture::parse("Kyoto").map(|p| p.name()), Some("Kyoto"));
        assert_eq!(
            Prefecture::parse("Kyoto-fu").map(|p| p.name()),
            Some("Kyoto")
        );
        assert_eq!(
            Prefecture::parse("Shizuoka-ken").map(|p| p.name()),
            Some("Shizuoka")
        );
        assert_eq!(
            Prefecture::parse("静岡県").map(|p| p.name()),
            Some("Shizuoka")
        );
        assert_eq!(
            Prefecture::parse("Hokkaidō").map(|p| p.name()),
            Some("Hokkaido")
        );
        assert_eq!(Prefecture::parse("Ōsaka").map(|p| p.name()), Some("Osaka"));
        assert_eq!(
            Prefecture::parse("Tochigi Prefecture").map(|p| p.name()),
            Some("Tochigi")
        );
    }

    #[test]
    fn unknown_names_are_refused_and_the_closest_suggested() {
        assert_eq!(Prefecture::parse("Shizuoko"), None);
        assert_eq!(
            Prefecture::closest("Shizuoko").map(|p| p.name()),
            Some("Shizuoka")
        );
        assert_eq!(Prefecture::parse("Seoul"), None);
        assert_eq!(Prefecture::parse(""), None);
    }

    #[test]
    fn typed_prefixes_match_romaji_and_kanji_starts() {
        let tokyo = Prefecture::parse("Tokyo").unwrap();
        for typed in [
            "",
            "t",
            "TOK",
            "tōk",
            "tokyo",
            "Tokyo-to",
            "東",
            "東京都",
            " tok ",
        ] {
            assert!(tokyo.matches_typed(typed), "{typed:?}");
        }
        for typed in ["okyo", "tokyo prefec", "京", "tochigi", "x"] {
            assert!(!tokyo.matches_typed(typed), "{typed:?}");
        }
        let other = PrefectureName::Other("Guam".into());
        assert!(other.matches_typed("gu") && !other.matches_typed("am"));
        assert!(other.is_named_by(" GUAM ") && !other.is_named_by("Gua"));
        let known = PrefectureName::Known(tokyo);
        assert!(known.is_named_by("東京") && !known.is_named_by("tok"));
    }

    #[test]
    fn there_are_47_with_distinct_names() {
        let mut names: Vec<_> = Prefecture::all().map(|p| p.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 47);
    }
}
