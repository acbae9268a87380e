import ArabicText
public import NewsModel

/// Splits `caption (credit)` lines: "بوتين ولوكاشينكو في مينسك (رويترز)".
///
/// A trailing parenthesis is a credit when it names a known credit (`credits.txt`), a combination of
/// them (`أ.ف.ب - غيتي`, `رويترز/أرشيفية`), or a photographer (`تصوير: …`, `صورة: …`).
public struct CaptionParser: Sendable {
    public let rules: ExtractionRules

    public init(rules: ExtractionRules = .standard) { self.rules = rules }

    /// The caption and its credit, or nil when the text does not end in a credit.
    public func split(_ text: String) -> Image? {
        if let (body, credit) = trailingParenthesis(text), isCredit(credit) { return Image(caption: body, credit: credit) }
        if let (body, credit) = trailingDashed(text), isCredit(credit) { return Image(caption: body, credit: credit) }
        return nil
    }

    /// Dashes and bars that sites put between a caption and its credit ("… - رويترز").
    static let creditJoiners = [" - ", " – ", " — ", " | "]

    /// Splits "text - credit" at the last joiner; the credit is checked by the caller.
    func trailingDashed(_ text: String) -> (String, String)? {
        let bytes = Array(text.utf8)
        var best: Int?
        var joinerLength = 0
        for joiner in Self.creditJoiners {
            let needle = Array(joiner.utf8)
            guard needle.count < bytes.count else { continue }
            for start in stride(from: bytes.count - needle.count, through: 1, by: -1) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
                if start > best ?? -1 { (best, joinerLength) = (start, needle.count) }
                break
            }
        }
        guard let at = best else { return nil }
        let body = String(decoding: bytes[..<at], as: UTF8.self).trimmingASCIISpaces()
        let credit = String(decoding: bytes[(at + joinerLength)...], as: UTF8.self).trimmingASCIISpaces()
        guard !body.isEmpty, !credit.isEmpty else { return nil }
        return (body, credit)
    }

    /// An image for any caption text: split when it ends in a credit, whole otherwise.
    public func image(from text: String) -> Image {
        split(text) ?? Image(caption: text, credit: nil)
    }

    /// Is this the inside of a credit parenthesis?
    public func isCredit(_ inside: some StringProtocol) -> Bool {
        if rules.isCredit(inside) { return true }
        let key = ExtractionRules.key(inside)
        for prefix in Self.photographerPrefixes where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            return !rest.isEmpty && rest.split(separator: " ").count <= 5
        }
        // Combinations: "أ.ف.ب - غيتي", "رويترز/أرشيفية", "رويترز، أ.ب".
        let parts = key.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "،" || $0 == "," || $0 == "|" })
        guard parts.count > 1 else { return false }
        return parts.allSatisfy { rules.credits.contains(MatchKey($0)) }
    }

    /// Search-normalized prefixes that introduce a photographer's name.
    static let photographerPrefixes: [String] = ["تصوير:", "تصوير :", "تصوير ", "صوره:", "الصوره:", "photo:", "photo "]

    /// Splits "text (inside)" at the last balanced parenthesis that closes the text.
    func trailingParenthesis(_ text: String) -> (String, String)? {
        let scalars = text.unicodeScalars
        var end = scalars.endIndex
        // Skip trailing spaces.
        while end > scalars.startIndex {
            let before = scalars.index(before: end)
            if scalars[before] == " " || scalars[before] == "\t" { end = before } else { break }
        }
        guard end > scalars.startIndex, scalars[scalars.index(before: end)] == ")" else { return nil }
        let close = scalars.index(before: end)
        var depth = 0
        var index = close
        while index > scalars.startIndex {
            index = scalars.index(before: index)
            let scalar = scalars[index]
            if scalar == ")" { depth += 1 }
            if scalar == "(" {
                if depth == 0 {
                    let inside = String(scalars[scalars.index(after: index)..<close])
                    let body = String(scalars[scalars.startIndex..<index]).trimmingASCIISpaces()
                    let trimmedInside = inside.trimmingASCIISpaces()
                    // A caption needs text before its credit, and a credit is short.
                    guard !body.isEmpty, !trimmedInside.isEmpty, trimmedInside.unicodeScalars.count <= 60 else { return nil }
                    return (body, trimmedInside)
                }
                depth -= 1
            }
        }
        return nil
    }
}
