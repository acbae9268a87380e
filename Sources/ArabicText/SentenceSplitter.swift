/// Splits text into sentences the way Arabic news is punctuated.
///
/// Rules:
/// - `.` `!` `?` `؟` `۔` end a sentence, and so does a line break.
/// - `…` and `...` end a sentence only at the end of a line or outside quotes; inside «…» a speaker's
///   pause does not.
/// - A closing quote or bracket after the end mark stays with its sentence (`«… يعمل.»`).
/// - With ``Options/keepQuotesWhole`` a quotation that spans sentences stays one sentence.
/// - A dot is not an end in abbreviations: one-letter parts (أ.ف.ب, د.ب.أ, أ.ب, U.S.), titles such
///   as `د.` and `م.` before a name, or decimals (4.5).
///
/// ```swift
/// SentenceSplitter().split("قال د. أحمد إن النمو بلغ 4.5 في المائة. وأضاف: «لا».")
/// // ["قال د. أحمد إن النمو بلغ 4.5 في المائة.", "وأضاف: «لا»."]
/// ```
///
/// - Complexity: O(n); quote nesting is tracked up to a fixed depth.
public struct SentenceSplitter: Sendable {
    public struct Options: Sendable {
        /// Keep a quotation that holds several sentences as one sentence.
        public var keepQuotesWhole: Bool
        public init(keepQuotesWhole: Bool = false) { self.keepQuotesWhole = keepQuotesWhole }
        public static let `default` = Options()
    }

    public var options: Options
    public init(options: Options = .default) { self.options = options }

    /// The sentences of `text`, trimmed, without empty ones.
    public func split(_ text: String) -> [Substring] {
        sentenceRanges(in: text).map { text[$0] }
    }

    static let maxQuoteDepth = 32

    public func sentenceRanges(in text: String) -> [Range<String.Index>] {
        let scalars = Array(text.unicodeScalars.indices)
        let view = text.unicodeScalars
        var ranges = [Range<String.Index>]()
        var start = 0
        var depth = 0  // quote nesting, bounded so hostile input cannot grow it
        var straightOpen = false
        var k = 0

        func value(_ j: Int) -> UInt32 { j >= 0 && j < scalars.count ? view[scalars[j]].value : 0 }
        func emit(_ end: Int) {
            var a = start, b = end
            while a < b && Self.isSpace(value(a)) { a += 1 }
            while b > a && Self.isSpace(value(b - 1)) { b -= 1 }
            if a < b {
                let upper = b < scalars.count ? scalars[b] : text.endIndex
                ranges.append(scalars[a]..<upper)
            }
            start = end
        }

        while k < scalars.count {
            let s = value(k)
            switch s {
            case 0x0A, 0x0D, 0x2029:
                emit(k)
                depth = 0
                straightOpen = false
            case ArabicScalar.leftGuillemet, 0x201C:
                depth = min(depth + 1, Self.maxQuoteDepth)
            case ArabicScalar.rightGuillemet, 0x201D:
                depth = max(depth - 1, 0)
            case 0x22:
                straightOpen.toggle()
            case _ where Self.isEndMark(s):
                var end = k + 1
                while Self.isEndMark(value(end)) { end += 1 }
                let isEllipsis = s == 0x2026 || (s == 0x2E && value(k + 1) == 0x2E)
                if s == 0x2E && end - k == 1 && isNonFinalDot(at: k, value: value) {
                    k += 1
                    continue
                }
                let inQuote = depth > 0 || straightOpen
                // Closers after the mark belong to this sentence.
                while true {
                    let c = value(end)
                    if c == ArabicScalar.rightGuillemet || c == 0x201D {
                        depth = max(depth - 1, 0)
                    } else if c == 0x22 && straightOpen {
                        straightOpen = false
                    } else if c != 0x29 && c != 0x5D {
                        break
                    }
                    end += 1
                }
                let atLineEnd = end >= scalars.count || value(end) == 0x0A || value(end) == 0x0D
                let followedBySpace = Self.isSpace(value(end)) || end >= scalars.count
                var boundary = followedBySpace
                if isEllipsis && !atLineEnd && inQuote { boundary = false }
                if options.keepQuotesWhole && (depth > 0 || straightOpen) { boundary = false }
                if boundary { emit(end) }
                k = end
                continue
            default:
                break
            }
            k += 1
        }
        emit(scalars.count)
        return ranges
    }

    /// A lone dot that abbreviates or separates decimals.
    private func isNonFinalDot(at k: Int, value: (Int) -> UInt32) -> Bool {
        let before = value(k - 1), after = value(k + 1)
        if ArabicScalar.digitValue(before) != nil && ArabicScalar.digitValue(after) != nil { return true }
        // The word before the dot: one letter (أ.ف.ب, U.S.) or a listed title.
        var j = k - 1
        var letters = [UInt32]()
        while j >= 0, let c = Optional(value(j)), Self.isWordScalar(c) {
            if c != ArabicScalar.tatweel && !ArabicScalar.isMark(c) { letters.append(c) }
            j -= 1
            if letters.count > 3 { break }
        }
        letters.reverse()
        if letters.count == 1 {
            // A one-letter word before a dot, glued to a letter after (أ.ف) or before a name (د. أحمد).
            return true
        }
        return Self.abbreviations.contains(letters)
    }

    static let abbreviations: Set<[UInt32]> = Set(["ص", "ج", "ق", "Mr", "Dr", "St", "Jr", "No", "vs", "Prof"].map {
        $0.unicodeScalars.map(\.value)
    })

    static func isEndMark(_ s: UInt32) -> Bool {
        s == 0x2E || s == 0x21 || s == 0x3F || s == ArabicScalar.questionMark || s == ArabicScalar.fullStop || s == 0x2026
    }

    static func isWordScalar(_ s: UInt32) -> Bool {
        ArabicScalar.isLetter(s) || ArabicScalar.isMark(s) || s == ArabicScalar.tatweel
            || (s >= 0x41 && s <= 0x5A) || (s >= 0x61 && s <= 0x7A)
    }

    static func isSpace(_ s: UInt32) -> Bool {
        s == 0x20 || s == 0x09 || s == 0x0A || s == 0x0D || s == ArabicScalar.noBreakSpace || s == 0x2029
            || ArabicScalar.typographicSpaces.contains(s) || s == ArabicScalar.zeroWidthSpace
    }
}
