import ArabicText
import Foundation
public import NewsModel

/// Reads byline lines and datelines:
/// `«الشرق الأوسط» (الرياض)`, `سامي نجم (عمّان) «الشرق الأوسط» (القاهرة)`, `كتب: سامر خليل`,
/// and the dateline that opens a wire story, `القاهرة - «الشرق الأوسط»:`.
public struct BylineParser: Sendable {
    public let rules: ExtractionRules

    public init(rules: ExtractionRules = .standard) { self.rules = rules }

    /// Cues before a colon that introduce an author: "كتب: …", "بقلم: …", "إعداد: …".
    static let authorCues: Set<MatchKey> = Set(["كتب", "كتبت", "بقلم", "إعداد", "تقرير", "حوار", "بواسطة", "by"]
        .map(MatchKey.init))
    /// Cues that introduce an author without a colon: "بقلم سامر خليل".
    static let bareAuthorCues: Set<MatchKey> = Set(["بقلم", "by"].map(MatchKey.init))

    /// The bylines a whole line holds, or nil when the line is not a byline.
    public func parse(line: String) -> [Byline]? {
        let utf8 = line.utf8
        guard !utf8.isEmpty, utf8.count <= 280 else { return nil }
        var hasColon = false, hasParenthesis = false, hasGuillemet = false
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte == UInt8(ascii: ":") { hasColon = true }
            else if byte == UInt8(ascii: "(") { hasParenthesis = true }
            // « is C2 AB; AB alone is also the second byte of Arabic letters such as ث (D8 AB).
            else if byte == 0xAB && previous == 0xC2 { hasGuillemet = true }
            previous = byte
        }
        if hasColon || Self.startsWithBareCue(utf8), let cued = cuedAuthor(line) { return [cued] }
        guard hasParenthesis || hasGuillemet else { return nil }
        let scalars = Array(line.unicodeScalars)
        var groups = [Byline]()
        var index = 0
        var anyPlace = false
        var words = 0
        func skipSeparators() {
            while index < scalars.count, scalars[index] == " " || scalars[index] == "،" || scalars[index] == "," || scalars[index] == "-" || scalars[index] == "و" && index + 1 < scalars.count && scalars[index + 1] == " " {
                index += 1
            }
        }
        skipSeparators()
        while index < scalars.count {
            var name = ""
            var quoted = false
            if scalars[index] == "«" {
                guard let close = scalars[index...].firstIndex(of: "»") else { return nil }
                name = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                quoted = true
                index = close + 1
            } else {
                var end = index
                while end < scalars.count, scalars[end] != "(", scalars[end] != "«" { end += 1 }
                name = String(String.UnicodeScalarView(scalars[index..<end]))
                index = end
            }
            name = name.trimmingASCIISpaces()
            let nameWords = name.split(separator: " ").count
            guard nameWords >= 1, nameWords <= (quoted ? 5 : 4), Self.isNameLike(name) else { return nil }
            words += nameWords
            while index < scalars.count, scalars[index] == " " { index += 1 }
            var place: String?
            if index < scalars.count, scalars[index] == "(" {
                guard let close = scalars[index...].firstIndex(of: ")") else { return nil }
                let inside = String(String.UnicodeScalarView(scalars[(index + 1)..<close])).trimmingASCIISpaces()
                let placeWords = inside.split(separator: " ").count
                guard placeWords >= 1, placeWords <= 3, Self.isNameLike(inside), !rules.isCredit(inside) else { return nil }
                place = inside
                anyPlace = true
                words += placeWords
                index = close + 1
            }
            let outlet = quoted || rules.outlets.contains(MatchKey(name))
            groups.append(Byline(name: name, kind: outlet ? .outlet : .author, place: place))
            skipSeparators()
        }
        guard !groups.isEmpty, groups.count <= 4, words <= 16 else { return nil }
        // Without a place, only outlets make a byline ("«الشرق الأوسط»"); a bare «…» name is not one.
        if !anyPlace && !groups.allSatisfy({ rules.outlets.contains(MatchKey($0.name)) }) { return nil }
        return groups
    }

    static let bareCuePrefixes: [[UInt8]] = [Array("بقلم".utf8), Array("by ".utf8), Array("By ".utf8)]

    static func startsWithBareCue(_ utf8: String.UTF8View) -> Bool {
        bareCuePrefixes.contains { utf8.starts(with: $0) }
    }

    /// `كتب: سامر خليل`, `بقلم سامر خليل`.
    func cuedAuthor(_ line: String) -> Byline? {
        var rest: Substring?
        if let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")), Self.authorCues.contains(MatchKey(line[..<colon])) {
            rest = line[line.index(after: colon)...]
        } else {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, Self.bareAuthorCues.contains(MatchKey(parts[0])) { rest = parts[1] }
        }
        guard let rest else { return nil }
        let name = String(rest).trimmingASCIISpaces()
        let count = name.split(separator: " ").count
        guard count >= 1, count <= 5, Self.isNameLike(name) else { return nil }
        return Byline(name: name, kind: rules.outlets.contains(MatchKey(name)) ? .outlet : .author, place: nil)
    }

    /// The dateline that opens a paragraph: `القاهرة - «الشرق الأوسط»:` or `بيروت - رويترز:` or `لندن: «الشرق الأوسط»`.
    public func dateline(opening paragraph: String) -> Byline? {
        let scalars = Array(paragraph.unicodeScalars.prefix(80))
        // The dateline ends at the first colon, or after the closing » of an outlet.
        guard let colon = scalars.firstIndex(where: { $0 == ":" }) else { return nil }
        let head = String(String.UnicodeScalarView(scalars[..<colon])).trimmingASCIISpaces()
        var place: String
        var outlet: String
        if let dash = head.range(of: " - ") ?? head.range(of: " – ") ?? head.range(of: " ـ ") {
            place = String(head[..<dash.lowerBound]).trimmingASCIISpaces()
            outlet = String(head[dash.upperBound...]).trimmingASCIISpaces()
        } else {
            // "لندن: «الشرق الأوسط»" puts the outlet after the colon.
            place = head
            let after = String(String.UnicodeScalarView(scalars[(colon + 1)...])).trimmingASCIISpaces()
            guard after.hasPrefix("«"), let close = after.firstIndex(of: "»") else { return nil }
            outlet = String(after[...close])
        }
        let quoted = outlet.hasPrefix("«") && outlet.hasSuffix("»")
        if quoted { outlet = String(outlet.dropFirst().dropLast()) }
        guard !place.isEmpty, place.split(separator: " ").count <= 3, Self.isNameLike(place),
              !outlet.isEmpty, outlet.split(separator: " ").count <= 4, Self.isNameLike(outlet),
              quoted || rules.outlets.contains(MatchKey(outlet)) || rules.isCredit(outlet)
        else { return nil }
        return Byline(name: outlet, kind: .outlet, place: place)
    }

    /// "القاهرة: منى عبد الفتاح": a place, a colon and a person, as a byline line under the title.
    public func placeAndName(_ line: String) -> Byline? {
        guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else { return placeDashOutlet(line) }
        let place = String(line[..<colon]).trimmingASCIISpaces()
        let name = String(line[line.index(after: colon)...]).trimmingASCIISpaces()
        let placeWords = place.split(separator: " ").count
        let nameWords = name.split(separator: " ").count
        guard (1...2).contains(placeWords), (2...4).contains(nameWords), Self.isNameLike(place), Self.isNameLike(name),
              !Self.authorCues.contains(MatchKey(place)) else { return nil }
        return Byline(name: name, kind: rules.outlets.contains(MatchKey(name)) ? .outlet : .author, place: place)
    }

    /// "القاهرة - العربية.نت" under a title: a place, a dash, and the outlet (a listed one, or a
    /// site's own name such as `العربية.نت` or `CNN.com`).
    public func placeDashOutlet(_ line: String) -> Byline? {
        // A place and an outlet are a few words: longer lines are not looked at (this runs on text lines).
        guard line.utf8.count <= Self.maxPlaceDashBytes, line.utf8.contains(0x2D) || line.unicodeScalars.contains(where: { $0 == "–" || $0 == "—" })
        else { return nil }
        for dash in [" - ", " – ", " — "] {
            let parts = line.components(separatedBy: dash)
            guard parts.count == 2 else { continue }
            let place = parts[0].trimmingASCIISpaces(), name = parts[1].trimmingASCIISpaces()
            guard (1...2).contains(place.split(separator: " ").count), (1...4).contains(name.split(separator: " ").count),
                  Self.isNameLike(place), Self.isNameLike(name), !Self.authorCues.contains(MatchKey(place)) else { return nil }
            guard rules.outlets.contains(MatchKey(name)) || Self.isSiteName(name) else { return nil }
            return Byline(name: name, kind: .outlet, place: place)
        }
        return nil
    }

    /// Two words of place and four of name, in Arabic letters, with room to spare.
    static let maxPlaceDashBytes = 120

    /// A site's name with its domain ending: "العربية.نت", "سكاي نيوز عربية.com", "CNN.com".
    static func isSiteName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return [".نت", ".net", ".com", ".org", ".كوم"].contains { lower.hasSuffix($0) && lower.count > $0.count + 1 }
    }

    /// Words that open an author's one-line bio: "كاتب وباحث سعودي", "أستاذة العلوم السياسية".
    static let bioCues: [MatchKey] = ["كاتب", "كاتبة", "باحث", "باحثة", "صحافي", "صحافية", "صحفي", "صحفية", "أستاذ", "أستاذة",
                                    "محلل", "محللة", "خبير", "خبيرة", "أكاديمي", "أكاديمية", "إعلامي", "إعلامية", "رئيس تحرير",
                                    "رئيسة تحرير", "دبلوماسي", "وزير سابق", "سفير سابق", "مستشار", "روائي", "روائية", "شاعر"]
        .map(MatchKey.init)

    static func isBio(_ key: MatchKey) -> Bool {
        key.wordCount <= 14 && bioCues.contains { key.hasPrefix($0) }
    }

    /// Marks that set an author's note apart at the end of a column: "* كاتب سوري", "٭ باحثة …".
    static let noteMarks: Set<Unicode.Scalar> = ["*", "\u{066D}", "\u{2731}"]
    /// Words in a name before an author's note ("سلمى يوسف، باحثة …"), at most.
    static let noteNameWords = 5

    /// An author's note closing a column: a star, then a one-line bio ("* كاتب سوري"), or a name
    /// and a bio ("* سلمى يوسف، باحثة في الشؤون الاقتصادية"). Without the star a line is body text,
    /// and a starred line that is no bio ("** جميع المقالات تمثل رأي كتابها") is no note.
    public func authorNote(_ paragraph: String) -> (name: String?, note: String)? {
        var scalars = Substring(paragraph).unicodeScalars
        guard let first = scalars.first, Self.noteMarks.contains(first) else { return nil }
        while let head = scalars.first, Self.noteMarks.contains(head) || head == " " { scalars.removeFirst() }
        while let tail = scalars.last, tail == "." || tail == " " { scalars.removeLast() }
        let rest = String(scalars)
        if Self.isBio(MatchKey(rest)) { return (nil, rest) }
        for separator in ["،", ",", " - ", " – "] {
            guard let cut = rest.range(of: separator) else { continue }
            let name = rest[..<cut.lowerBound].trimmingCharacters(in: .whitespaces)
            let note = rest[cut.upperBound...].trimmingCharacters(in: .whitespaces)
            let words = name.split(separator: " ").count
            if (2...Self.noteNameWords).contains(words), Self.isNameLike(name), Self.isBio(MatchKey(note)) { return (name, note) }
        }
        return nil
    }

    /// Letters, spaces, dots and hyphens only: no digits, no sentence punctuation.
    static func isNameLike(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", ".", "-", "'", "ـ": continue
            default:
                if scalar.properties.isAlphabetic || ArabicScalarProperties.isMark(scalar) { continue }
                return false
            }
        }
        return !text.isEmpty
    }
}

/// Combining marks (harakat) are part of names.
enum ArabicScalarProperties {
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        (0x064B...0x065F).contains(scalar.value) || scalar.value == 0x0670
    }
}
