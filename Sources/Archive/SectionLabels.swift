/// Arabic names for the section keys that feeds and corpora use in English (`middleEast`,
/// `internationalNews`, `sport`…). A section already written in Arabic, or a key not in the table,
/// is shown as it is; the raw key is what filters and links keep.
public enum SectionLabels {
    /// Keyed by the key folded as ``fold(_:)`` does: lower case, without spaces, `-`, `_` or `/`.
    static let table: [String: String] = [
        "middleeast": "الشرق الأوسط",
        "internationalnews": "أخبار دولية",
        "international": "دولي",
        "world": "العالم",
        "worldnews": "أخبار العالم",
        "localnews": "أخبار محلية",
        "local": "محليات",
        "national": "أخبار وطنية",
        "arab": "عربي",
        "arabworld": "العالم العربي",
        "gulf": "الخليج",
        "africa": "أفريقيا",
        "europe": "أوروبا",
        "asia": "آسيا",
        "americas": "الأمريكتان",
        "politic": "سياسة",
        "politics": "سياسة",
        "economy": "اقتصاد",
        "business": "أعمال",
        "markets": "أسواق",
        "sport": "رياضة",
        "sports": "رياضة",
        "football": "كرة القدم",
        "technology": "تكنولوجيا",
        "tech": "تكنولوجيا",
        "science": "علوم",
        "health": "صحة",
        "culture": "ثقافة",
        "arts": "فنون",
        "entertainment": "فن ومنوعات",
        "society": "مجتمع",
        "diverse": "منوعات",
        "misc": "منوعات",
        "lifestyle": "أسلوب حياة",
        "opinion": "رأي",
        "editorial": "افتتاحية",
        "analysis": "تحليل",
        "interviews": "حوارات",
        "reports": "تقارير",
        "environment": "بيئة",
        "education": "تعليم",
        "religion": "دين",
        "weather": "طقس",
        "travel": "سفر",
        "video": "فيديو",
        "multimedia": "وسائط متعددة",
        "news": "أخبار",
        "breakingnews": "عاجل",
    ]

    /// The section's Arabic name, or the section itself.
    public static func label(_ section: String) -> String {
        table[fold(section)] ?? section
    }

    /// `middleEast`, `middle-east`, `Middle East` and `middle_east` are one key.
    static func fold(_ key: String) -> String {
        String(key.lowercased().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "_" && $0 != "/" })
    }
}
