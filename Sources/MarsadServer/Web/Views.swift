import Archive
import NewsModel

/// The values templates see. Plain dictionaries: Mustache looks keys up directly, and a missing key
/// is simply false. Anything placed in an `href` goes through `safeURL` or `Paths`.
enum Views {
    typealias Values = [String: Any]

    static func card(_ article: ArticleSummary) -> Values {
        var values: Values = ["title": headline(article.title), "href": Paths.article(article.id), "role": article.role.rawValue]
        values["source"] = article.source
        values["section"] = article.section.map(SectionLabels.label)
        values["sectionKey"] = article.section
        values["lead"] = article.lead.map { clipped($0, to: 200) }
        date(article.published, into: &values)
        if let image = article.image { values["image"] = Views.image(image) }
        return values
    }

    static func image(_ image: Image) -> Values {
        var values: Values = ["caption": image.caption]
        values["credit"] = image.credit
        return values
    }

    /// `published` (for `datetime`) and `time` (as shown), when there is a date.
    static func date(_ published: String?, into values: inout Values) {
        guard let published else { return }
        values["published"] = published
        values["time"] = time(published)
    }

    static func bylines(_ bylines: [Byline]) -> [Values] {
        bylines.map { byline in
            var values: Values = ["name": byline.name]
            values["place"] = byline.place
            values["note"] = byline.note
            return values
        }
    }

    /// `2026-02-11T09:30:00Z` → `2026-02-11 09:30`; a date alone stays a date.
    static func time(_ iso: String) -> String {
        let bytes = Array(iso.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") else { return String(iso.prefix(10)) }
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5))
    }

    /// A title in a card or a list: real headlines are well under this, and a page of cards stays
    /// small whatever a source put in its title.
    static let listTitleCharacters = 200
    /// The article page's own heading: room for any real headline, not for a flood.
    static let headingCharacters = 1_000
    /// The document's `<title>`, which browsers show in a tab.
    static let documentTitleCharacters = 120

    static func headline(_ title: String) -> String { clipped(title, to: listTitleCharacters) }
    static func heading(_ title: String) -> String { clipped(title, to: headingCharacters) }

    static func clipped(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }

    /// Only http(s) links leave the site; `javascript:`, `data:` and the like become nothing.
    static func safeURL(_ url: String?) -> String? {
        guard let url = url?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), url.count <= 2_000,
            !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        else { return nil }
        return url
    }

    static func entityKindLabel(_ kind: Entity.Kind) -> String {
        switch kind {
        case .person: return "شخص"
        case .location: return "مكان"
        case .organization: return "منظمة"
        }
    }

    static func facetLabel(_ name: String) -> String {
        switch name {
        case "section": return "القسم"
        case "source": return "المصدر"
        case "role": return "النوع"
        case "entity": return "الأعلام"
        case "speaker": return "المتحدثون"
        default: return name
        }
    }

    static func roleLabel(_ role: String) -> String {
        switch role {
        case "main": return "مقال رئيسي"
        case "continuation": return "مقال تالٍ"
        case "related": return "موجز مرتبط"
        default: return role
        }
    }

    /// Arabic-Indic digits would be more Arabic, but Latin digits are what these outlets print.
    /// A source's last status in Arabic.
    static func sourceStatus(_ status: String?) -> String {
        switch status {
        case nil: return "—"
        case "ok": return "سليم"
        case "not modified": return "لم يتغير"
        case "failed": return "فشل"
        case let other?: return other
        }
    }

    static func count(_ number: Int) -> String {
        var digits = String(number)
        var index = digits.endIndex
        var group = 0
        while index > digits.startIndex {
            index = digits.index(before: index)
            group += 1
            if group == 3 && index > digits.startIndex {
                digits.insert(",", at: index)
                group = 0
            }
        }
        return digits
    }
}
