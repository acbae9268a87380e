import ArabicText
import NewsModel

/// One non-blank line of a text dump, classified.
struct Item {
    enum Kind {
        case text
        case caption(Image, media: [String])
        case byline([Byline])
        /// A line that only a page header has: the text-size control `TT`.
        case headerMarker
        case leftover
        case media(String)
        case block(ExtractionRules.BlockKind)
        /// "اقرأ أيضاً: title" on one line: a related teaser inside the body.
        case inlineRelated(String)
        case date(DateLine.Kind, String)
        /// "مصدر الصورة، Getty Images": a credit printed on its own line, before its caption.
        case creditLine(String)
    }

    var kind: Kind
    /// Display text: presentation forms folded, spaces collapsed, diacritics kept.
    var text: String
    /// Match key (search normalization), for comparing lines.
    var key: MatchKey
    /// 1-based line number in the input.
    var line: Int
    /// A blank line came before this one: blocks of page furniture are separated by blanks.
    var blankBefore = false
    /// Words in the display text.
    let wordCount: Int

    init(kind: Kind, text: String, key: MatchKey, line: Int) {
        self.kind = kind
        self.text = text
        self.key = key
        self.line = line
        self.wordCount = key.wordCount
    }

    var isText: Bool { if case .text = kind { return true } else { return false } }
    var isCaption: Bool { if case .caption = kind { return true } else { return false } }
}

/// Classifies text-dump lines by the rules in `Resources/rules`.
struct LineClassifier {
    let rules: ExtractionRules
    let captions: CaptionParser
    let bylines: BylineParser

    /// Text-size controls: page furniture that sits in an article's header and nowhere else.
    static let headerMarkers: Set<MatchKey> = Set(["tt", "a+", "a-", "+a", "-a", "aa"].map(MatchKey.init))

    init(rules: ExtractionRules) {
        self.rules = rules
        self.captions = CaptionParser(rules: rules)
        self.bylines = BylineParser(rules: rules)
    }

    /// Cheap byte checks decide which of the costlier parsers (captions, bylines, dates) a line is worth.
    func classify(_ text: String, key: MatchKey, line: Int) -> Item {
        func item(_ kind: Item.Kind) -> Item { Item(kind: kind, text: text, key: key, line: line) }
        let words = key.wordCount
        if words <= 2, let medium = rules.mediaMarkers[key], words == 1 || key.bytes.allSatisfy({ $0 < 0x80 }) {
            return item(.media(medium))
        }
        if words <= 12 {
            if Self.headerMarkers.contains(key) { return item(.headerMarker) }
            if rules.leftovers.contains(key) || Self.isCounter(key) || isLeftoverRun(key) { return item(.leftover) }
            if let kind = rules.blockKind(of: key) ?? rules.blockHeaders[key.trimmingCounter()] {
                return item(.block(kind))
            }
        }
        if words <= 12, Self.isCopyright(key) { return item(.leftover) }

        // BBC Arabic style: "مصدر الصورة، Getty Images" then "التعليق على الصورة، …".
        if let rest = Self.afterLabel(Self.creditLabel, key: key, text: text) { return item(.creditLine(rest)) }
        if let rest = Self.afterLabel(Self.captionLabel, key: key, text: text) {
            return item(.caption(Image(caption: rest, credit: nil), media: []))
        }
        if let before = key.beforeColon, before.wordCount <= 4, let kind = rules.blockHeaders[before] {
            switch kind {
            case .related:
                // "اقرأ أيضاً: title" inside a body.
                if let displayColon = text.firstIndex(of: ":") {
                    let title = String(text[text.index(after: displayColon)...]).trimmingASCIISpaces()
                    if !title.isEmpty { return item(.inlineRelated(title)) }
                }
            case .drop:
                // "الكلمات المفتاحية: مصر، تحلية المياه" — a box that fits on one line.
                return item(.leftover)
            case .end:
                break
            }
        }
        let utf8 = text.utf8
        if utf8.last == UInt8(ascii: ")") || utf8.last.map({ $0 < 0x80 && $0 != UInt8(ascii: ".") }) == true {
            if let (image, media) = caption(text) { return item(.caption(image, media: media)) }
        }
        if words <= 16, words <= 5 || Self.mayHoldByline(utf8) {
            if let found = bylines.parse(line: text) { return item(.byline(found)) }
        }
        if words <= 16, key.bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), let (kind, iso) = DateLine.parse(line: text) {
            return item(.date(kind, iso))
        }
        // A column's closing "* كاتب سوري" is text for the byline, not a bulleted link.
        if words <= Self.maxLinkItemWords, bylines.authorNote(text) != nil { return item(.text) }
        // What a text browser keeps of a page's furniture: a menu on one line, form controls, and
        // the bulleted links of a sidebar list.
        if Self.isMenuLine(text) || Self.isFormControl(text) || Self.isClassNames(text) || (words <= Self.maxLinkItemWords && Self.isLinkItem(text)) || Self.isBareURL(text) {
            return item(.leftover)
        }
        return item(.text)
    }

    /// Radio buttons, check boxes and buttons as w3m and lynx draw them: "( )نعم", "(*) لا", "[صوّت]".
    static let formControlPrefixes: [[UInt8]] = ["( )", "(*)", "[ ]", "[X]", "[x]", "[*]"].map { Array($0.utf8) }
    /// Words in a button's label, at most.
    static let buttonWords = 3

    static func isFormControl(_ text: String) -> Bool {
        let utf8 = text.utf8
        if formControlPrefixes.contains(where: { utf8.starts(with: $0) }) { return true }
        guard utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]") else { return false }
        return utf8.filter { $0 == 0x20 }.count < buttonWords
    }

    /// Separators of a menu laid out on one line, standing as words of their own (UTF-8).
    static let menuSeparators: [[UInt8]] = ["|", "-", "–", "•", "·", "/", ">>", "»", "::"].map { Array($0.utf8) }
    /// Words of a menu item, at most, on average.
    static let menuItemWords = 4

    /// "الرئيسية | محليات | اقتصاد | …", "من نحن - اتصل بنا - …": short items between separators.
    /// Read over UTF-8 bytes: it runs on every line, and `String` splitting compares `Character`s.
    static func isMenuLine(_ text: String) -> Bool {
        var words = 0, separators = 0
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                while start < bytes.count, bytes[start] == 0x20 { start += 1 }
                guard start < bytes.count else { break }
                var end = start
                while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                words += 1
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if menuSeparators.contains(where: { $0.elementsEqual(word) }) { separators += 1 }
                start = end
            }
        }
        guard separators >= 2 else { return false }
        return words - separators <= (separators + 1) * menuItemWords
    }

    /// A line that is only an address: what lynx prints for an embedded frame or a plugin.
    static let addressPrefixes: [[UInt8]] = ["http://", "https://", "//", "IFRAME:"].map { Array($0.utf8) }

    /// Markup's class names leaked into the text ("d-none hideMe"): every word an ASCII identifier
    /// with a hyphen inside or a lower-case start and a capital later, as CSS names are written.
    static func isClassNames(_ text: String) -> Bool {
        // Nearly every line starts with a letter that is no lower-case ASCII: answered by one byte.
        guard let first = text.utf8.first, first >= 0x61 && first <= 0x7A, !text.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        let words = text.utf8.split(separator: 0x20)
        guard !words.isEmpty, words.count <= maxClassNames else { return false }
        return words.allSatisfy { word in
            guard let first = word.first, first >= 0x61 && first <= 0x7A,
                  word.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F })
            else { return false }
            let inner = word.dropFirst().dropLast()
            return inner.contains(0x2D) || inner.contains(0x5F) || word.dropFirst().contains { $0 >= 0x41 && $0 <= 0x5A }
        }
    }

    /// Class names on one element, at most.
    static let maxClassNames = 4

    static func isBareURL(_ text: String) -> Bool {
        let utf8 = text.utf8
        return addressPrefixes.contains { utf8.starts(with: $0) }
    }

    /// A bulleted line that is a link's title, not a sentence: "» انخفاض أسعار الذهب".
    static let maxLinkItemWords = 14
    static let linkBullets: Set<Unicode.Scalar> = ["»", "•", "*", "·", "◄", "►", "■", "▪"]
    /// A bulleted line that ends so is a sentence of the body (a key point), not a link's title.
    static let linkTitleEnds: Set<Unicode.Scalar> = [".", "!", "؟", "?", "؛", ":"]

    static func isLinkItem(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, linkBullets.contains(first), let last = text.unicodeScalars.last else { return false }
        return !linkTitleEnds.contains(last)
    }

    static let creditLabel = MatchKey("مصدر الصورة")
    static let captionLabel = MatchKey("التعليق على الصورة")

    /// The display text after "LABEL، " or "LABEL: " when the key starts with the label.
    static func afterLabel(_ label: MatchKey, key: MatchKey, text: String) -> String? {
        guard key.hasPrefix(label) else { return nil }
        let labelWords = label.wordCount
        let words = text.split(separator: " ", maxSplits: labelWords, omittingEmptySubsequences: true)
        guard words.count == labelWords + 1 else { return nil }
        var rest = Substring(words[labelWords])
        // The separator ("،" or ":") is glued to the label's last word, or stands alone.
        if rest.hasPrefix("،") || rest.hasPrefix(":") { rest = rest.dropFirst() }
        let trimmed = String(rest).trimmingASCIISpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A byline line has a parenthesis, a colon or a «: checked on bytes before parsing.
    static func mayHoldByline(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte == UInt8(ascii: "(") || byte == UInt8(ascii: ":") || (byte == 0xAB && previous == 0xC2) { return true }
            previous = byte
        }
        return false
    }

    /// "… في مينسك (رويترز)" or "… (رويترز) p-circle".
    func caption(_ text: String) -> (Image, [String])? {
        var body = text
        var media = [String]()
        // A trailing media marker: an ASCII icon name left by the copy.
        let utf8 = Array(text.utf8)
        if utf8.last != UInt8(ascii: ")") {
            guard let space = utf8.lastIndex(of: 0x20), utf8[(space + 1)...].allSatisfy({ $0 < 0x80 }) else { return nil }
            let marker = MatchKey(bytes: Array(utf8[(space + 1)...]).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
            guard let medium = rules.mediaMarkers[marker] else { return nil }
            media.append(medium)
            body = String(decoding: utf8[..<space], as: UTF8.self).trimmingASCIISpaces()
            guard body.utf8.last == UInt8(ascii: ")") else { return nil }
        }
        guard let image = captions.split(body) else { return nil }
        // "… انتهى الاجتماع. (أ.ف.ب)" is a paragraph with its source, not a caption.
        if let end = image.caption.unicodeScalars.last, Self.sentenceEnd.contains(end) { return nil }
        return (image, media)
    }

    static let sentenceEnd: Set<Unicode.Scalar> = [".", "!", "؟", "?", "»", ":", "؛", "\""]

    /// "شارك طباعة نسخ الرابط": a toolbar copied as one line, every word part of a listed leftover.
    func isLeftoverRun(_ key: MatchKey) -> Bool {
        let words = key.words
        guard words.count >= 2, words.count <= 12,
              rules.leftoverFirstWords.contains(MatchKey(bytes: Array(words[0]))) else { return false }
        // covered[i]: the first i words split into leftovers of one to four words.
        var covered = [Bool](repeating: false, count: words.count + 1)
        covered[0] = true
        for end in 1...words.count {
            for length in 1...min(4, end) where covered[end - length] {
                let phrase = key.bytes[words[end - length].startIndex..<words[end - 1].endIndex]
                if rules.leftovers.contains(MatchKey(bytes: Array(phrase))) {
                    covered[end] = true
                    break
                }
            }
        }
        return covered[words.count]
    }

    static let copyrightMarks = [MatchKey("©"), MatchKey("جميع الحقوق محفوظة"), MatchKey("copyright")]

    /// "© 2026 جميع الحقوق محفوظة".
    static func isCopyright(_ key: MatchKey) -> Bool {
        key.bytes.count < 300 && copyrightMarks.contains { key.contains($0) }
    }

    /// Gallery counters such as "3 / 6" or "3 من 6".
    static func isCounter(_ key: MatchKey) -> Bool {
        guard key.bytes.count <= 16 else { return false }
        let parts = key.description.split(separator: " ")
        if parts.count == 1 {
            let halves = parts[0].split(separator: "/")
            return halves.count == 2 && halves.allSatisfy { Int($0) != nil }
        }
        // "list 1 of 4": the counter Al Jazeera's "اقرأ أيضا" lists leave in a copy.
        if parts.count == 4, parts[0] == "list", parts[2] == "of" { return Int(parts[1]) != nil && Int(parts[3]) != nil }
        return parts.count == 3 && Int(parts[0]) != nil && Int(parts[2]) != nil && (parts[1] == "/" || parts[1] == "من")
    }
}
