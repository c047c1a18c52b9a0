//! Japan's 47 prefectures and the spellings a file or a command line may use.
//!
//! Accepted: the romaji name in any case, with or without a macron (or its
//! keyboard spelling: `Toukyou`, `Oosaka`), with or without the suffix
//! (`-ken`, `-fu`, `-to`, ` ken`, ` Prefecture`, ` Metropolis`), and the kanji
//! name with or without its suffix character (静岡県, 静岡).

use std::fmt;

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
        // The common case, a canonical name in any case, costs no allocation:
        // the loader calls this for every stop.
        if let Some(p) = by_folded(text) {
            return Some(p);
        }
        // Kanji: with the suffix character, or without it (北海道 has none).
        if !text.is_ascii() {
            let kanji =
                Prefecture::all().find(|p| text == p.kanji() || text == kanji_stem(p.kanji()));
            if kanji.is_some() {
                return kanji;
            }
        }
        let folded = fold(text);
        by_folded(strip_suffix(&folded))
    }

    /// The prefecture whose name is closest to `text`, for "did you mean":
    /// by romaji, or by kanji (so the simplified 静冈县 finds 静岡県).
    pub fn closest(text: &str) -> Option<Prefecture> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let folded = fold(text);
        let stem = strip_suffix(&folded);
        // Latin text is two or three edits from any two-kanji name: compare
        // kanji only with text that has some.
        let cjk = !text.is_ascii();
        Prefecture::all()
            .map(|p| {
                let kanji = p.kanji();
                let by_kanji = if cjk {
                    strsim::damerau_levenshtein(text, kanji)
                        .min(strsim::damerau_levenshtein(text, kanji_stem(kanji)))
                } else {
                    usize::MAX
                };
                let romaji = fold(p.name());
                // "Shizuoka-kem": a misspelt suffix should not hide the name.
                let head = stem.split(['-', ' ']).next().unwrap_or(stem);
                let d = strsim::damerau_levenshtein(stem, &romaji)
                    .min(strsim::damerau_levenshtein(head, &romaji))
                    .min(by_kanji);
                (d, p)
            })
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

/// A stop's prefecture: one of the 47, or text the loader did not recognise
/// (a warning, not an error, so the trip still loads).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PrefectureName {
    Known(Prefecture),
    Other(String),
}

// The command line (`--prefecture`) and the browser's picker share these
// spelling rules.
impl PrefectureName {
    /// The name to show: the canonical romaji for a known prefecture.
    pub fn display(&self) -> &str {
        match self {
            PrefectureName::Known(p) => p.name(),
            PrefectureName::Other(s) => s,
        }
    }

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

/// The prefecture whose canonical name is `stem` folded. The canonical names
/// are ASCII with no long-vowel spellings, so folding them is lower-casing.
fn by_folded(stem: &str) -> Option<Prefecture> {
    Prefecture::all().find(|p| p.name().eq_ignore_ascii_case(stem))
}

/// The kanji name without its suffix character: 静岡県 → 静岡 (北海道 has none).
fn kanji_stem(kanji: &str) -> &str {
    kanji.trim_end_matches(['県', '府', '都'])
}

/// Lower case, macrons and circumflexes removed, and the keyboard spellings
/// of a long vowel (`ou`, `oo`, `uu`) shortened: none of the 47 canonical
/// names has them, so no two names fold alike.
fn fold(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            'ō' | 'Ō' | 'ô' | 'Ô' => 'o',
            'ū' | 'Ū' | 'û' | 'Û' => 'u',
            'ā' | 'Ā' => 'a',
            'ē' | 'Ē' => 'e',
            'ī' | 'Ī' => 'i',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    plain
        .replace("ou", "o")
        .replace("oo", "o")
        .replace("uu", "u")
}

/// Removes a trailing "prefecture", "-ken", "-fu", "-to" (joined by a hyphen,
/// a space or nothing). "Kyoto" itself is never shortened to "Kyo".
fn strip_suffix(folded: &str) -> &str {
    let s = folded.trim();
    let s = ["prefecture", "metropolis"]
        .iter()
        .find_map(|w| s.strip_suffix(w))
        .map_or(s, str::trim_end);
    for suffix in ["-ken", " ken", "-fu", " fu", "-to", " to"] {
        if let Some(stem) = s.strip_suffix(suffix) {
            return stem.trim_end();
        }
    }
    // "Shizuokaken", "Osakafu", "Tokyoto": only when the stem is a real name.
    for suffix in ["ken", "fu", "to"] {
        if let Some(stem) = s.strip_suffix(suffix)
            && by_folded(stem).is_some()
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
        let mut folded: Vec<_> = Prefecture::all().map(|p| fold(p.name())).collect();
        folded.sort();
        folded.dedup();
        assert_eq!(folded.len(), 47, "folding must keep names apart");
    }

    #[test]
    fn every_spelling_of_every_prefecture_parses_to_it() {
        for p in Prefecture::all() {
            let (name, macron, kanji, suffix) = TABLE[p.0 as usize];
            let mut spellings = vec![
                name.to_string(),
                name.to_uppercase(),
                name.to_lowercase(),
                macron.to_string(),
                kanji.to_string(),
                kanji_stem(kanji).to_string(),
                format!("{name} Prefecture"),
                format!("  {name}  "),
            ];
            if !suffix.is_empty() {
                spellings.push(format!("{name}-{suffix}"));
                spellings.push(format!("{name} {suffix}"));
                spellings.push(format!("{macron}-{suffix}"));
            }
            for s in spellings {
                assert_eq!(Prefecture::parse(&s), Some(p), "{s}");
            }
        }
    }

    #[test]
    fn keyboard_spellings_of_long_vowels_are_accepted() {
        for (s, name) in [
            ("Toukyou", "Tokyo"),
            ("Tookyoo", "Tokyo"),
            ("Oosaka-fu", "Osaka"),
            ("Kyouto", "Kyoto"),
            ("Hyougo", "Hyogo"),
            ("Kouchi", "Kochi"),
            ("Ooita", "Oita"),
            ("Hokkaidou", "Hokkaido"),
            ("Tokyo Metropolis", "Tokyo"),
        ] {
            assert_eq!(
                Prefecture::parse(s).map(Prefecture::name),
                Some(name),
                "{s}"
            );
        }
    }

    #[test]
    fn suggestions_work_from_romaji_and_kanji() {
        let closest = |s| Prefecture::closest(s).map(Prefecture::name);
        assert_eq!(closest("Shizuoka-kem"), Some("Shizuoka"));
        assert_eq!(closest("Tochigo"), Some("Tochigi"));
        assert_eq!(closest("静冈县"), Some("Shizuoka"));
        assert_eq!(closest("东京都"), Some("Tokyo"));
        assert_eq!(closest("Seoul"), None);
        // Nothing, or a short latin word, is not a misspelt prefecture.
        for unlike in ["", "  ", "NY", "a", "xx"] {
            assert_eq!(closest(unlike), None, "{unlike:?}");
        }
        assert_eq!(closest("Zhejiang"), None);
    }
}
