/// Splits text into words, numbers, punctuation, URLs, e-mail addresses, hashtags and mentions,
/// with UTF-8 byte offsets into the original text.
///
/// Rules:
/// - Arabic words keep their harakat, tatweel and any ZWNJ/ZWJ between letters; presentation forms
///   count as letters. A change of script splits (`iPhoneالجديد` → `iPhone`, `الجديد`).
/// - A word ending in tatweel and glued to what follows (`لـ«`, `بـ205`) is a ``TokenKind/proclitic``,
///   and so is a lone ب ل ك و ف glued to digits or a quote (`ﺑ205`).
/// - Numbers take any digit set, decimals with `.` or `٫` and thousands groups with `,` or `٬`
///   (`1,250.5`, `٤٫٥`). Digits followed by Latin letters form one Latin word (`5G`).
/// - `http://`, `https://` and `www.` start a URL; trailing punctuation is left out of it.
/// - `#` and `@` start hashtags and mentions; `name@host.tld` is an e-mail address.
/// - Each other symbol is one punctuation token, except runs of `.` ("...") which are one.
///
/// ```swift
/// Tokenizer().tokens(in: "قال لـ«رويترز»").map(\.text)  // ["قال", "لـ", "«", "رويترز", "»"]
/// ```
///
/// - Complexity: O(n) in the UTF-8 length.
public struct Tokenizer: Sendable {
    public init() {}

    /// Tokens of `text`, with their text.
    public func tokens(in text: String) -> [Token] {
        var text = text
        return text.withUTF8 { bytes in
            var result = [Token]()
            forEachToken(in: bytes) { kind, range in
                let slice = UnsafeBufferPointer(rebasing: bytes[range])
                result.append(Token(kind: kind, range: range, text: String(decoding: slice, as: UTF8.self)))
            }
            return result
        }
    }

    /// Calls `body` with each token's kind and byte range, allocating nothing.
    ///
    /// Invalid UTF-8 is skipped as if it were a space.
    public func forEachToken(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (TokenKind, Range<Int>) throws -> Void
    ) rethrows {
        guard let base = bytes.baseAddress else { return }
        var scanner = Scanner(p: base, n: bytes.count)
        while let (kind, range) = scanner.next() {
            try body(kind, range)
        }
    }
}

/// Character classes the tokenizer needs.
enum CharClass: UInt8 {
    case space, control, arabicLetter, arabicMark, tatweel, digit, latinLetter, latinMark, joiner, punctuation
}

extension CharClass {
    /// Classes of U+0000–U+07FF, where almost all text in Arabic news lives. A raw pointer that lives
    /// for the process, so that a scanner fetches it once instead of through a lazy global each time.
    nonisolated(unsafe) static let table: UnsafePointer<CharClass> = {
        let p = UnsafeMutablePointer<CharClass>.allocate(capacity: 0x800)
        for s in 0..<0x800 { (p + s).initialize(to: classify(UInt32(s))) }
        return UnsafePointer(p)
    }()

    static func classify(_ s: UInt32) -> CharClass {
        typealias A = ArabicScalar
        switch s {
        case 0x09...0x0D, 0x20, 0x85, A.noBreakSpace, A.ogham, A.typographicSpaces, 0x2028, 0x2029,
             A.narrowNoBreakSpace, A.mediumMathematicalSpace, A.ideographicSpace:
            return .space
        case A.zeroWidthNonJoiner, A.zeroWidthJoiner:
            return .joiner
        case 0x00...0x08, 0x0E...0x1F, 0x7F...0x84, 0x86...0x9F, A.softHyphen, A.arabicLetterMark,
             A.zeroWidthSpace, A.leftToRightMark, A.rightToLeftMark, A.bidiEmbeddings, A.wordJoiner,
             A.bidiIsolates, A.byteOrderMark:
            return .control
        case A.tatweel:
            return .tatweel
        case 0x30...0x39, A.arabicIndicDigits, A.extendedArabicIndicDigits:
            return .digit
        case 0x41...0x5A, 0x61...0x7A:
            return .latinLetter
        case 0x0300...0x036F:
            return .latinMark
        default:
            if A.isLetter(s) { return .arabicLetter }
            if A.isMark(s) { return .arabicMark }
            if s < 0x80 { return .punctuation }
            guard let scalar = Unicode.Scalar(s) else { return .punctuation }
            let p = scalar.properties
            if p.isAlphabetic { return .latinLetter }
            if p.numericType == .decimal { return .digit }
            if p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark { return .latinMark }
            return .punctuation
        }
    }
}

/// The tokenizer's cursor over one buffer.
struct Scanner {
    let p: UnsafePointer<UInt8>
    let n: Int
    var i = 0
    let table = CharClass.table

    init(p: UnsafePointer<UInt8>, n: Int) {
        self.p = p
        self.n = n
    }

    @inline(__always)
    func classAt(_ j: Int) -> (CharClass, UInt32, Int) {
        guard j < n else { return (.space, 0, 0) }
        let b = p[j]
        if b < 0x80 { return (table[Int(b)], UInt32(b), 1) }
        let (s, len, valid) = decodeChecked(j)
        guard valid else { return (.space, s, len) }
        return (s < 0x800 ? table[Int(s)] : CharClass.classify(s), s, len)
    }

    @inline(__always)
    func decodeChecked(_ j: Int) -> (UInt32, Int, Bool) {
        let (s, len) = UTF8Decoding.decode(p, at: j, count: n)
        return len > 0 ? (s, len, true) : (0xFFFD, -len, false)
    }

    func byte(_ j: Int) -> UInt8 { j < n ? p[j] : 0 }

    mutating func next() -> (TokenKind, Range<Int>)? {
        while i < n {
            let start = i
            let (c, s, len) = classAt(i)
            switch c {
            case .space, .control, .joiner:
                i += len
                continue
            case .arabicLetter, .arabicMark, .tatweel:
                return scanArabic(from: start)
            case .digit:
                return scanNumber(from: start)
            case .latinLetter, .latinMark:
                if let url = scanURL(from: start) { return url }
                if let email = scanEmail(from: start) { return email }
                return scanLatin(from: start)
            case .punctuation:
                if s == 0x23, let tag = scanTag(from: start, kind: .hashtag) { return tag }
                if s == 0x40, let tag = scanTag(from: start, kind: .mention) { return tag }
                if s == 0x2E {  // a run of dots is one token ("...")
                    var j = start
                    while byte(j) == 0x2E { j += 1 }
                    i = j
                    return (.punctuation, start..<j)
                }
                i += len
                return (.punctuation, start..<i)
            }
        }
        return nil
    }

    // MARK: Arabic

    mutating func scanArabic(from start: Int) -> (TokenKind, Range<Int>) {
        var j = start
        var letters = 0
        var endsWithTatweel = false
        while j < n {
            let (c, _, len) = classAt(j)
            if c == .arabicLetter {
                letters += 1
                endsWithTatweel = false
            } else if c == .tatweel {
                endsWithTatweel = true
            } else if c == .arabicMark {
                // keeps endsWithTatweel: a haraka after tatweel still ends the word on it
            } else if c == .joiner, classAt(j + len).0 == .arabicLetter {
                // ZWNJ/ZWJ between letters belongs to the word
            } else {
                break
            }
            j += len
        }
        i = j
        guard letters > 0 else { return (.punctuation, start..<j) }
        let (next, nextScalar, _) = classAt(j)
        let glued = j < n && next != .space && next != .control
        if glued && letters <= 4 && (endsWithTatweel || (letters == 1 && (next == .digit || Self.isOpeningQuote(nextScalar)))),
           Self.isProclitic(UnsafeBufferPointer(start: p + start, count: j - start)) {
            return (.proclitic, start..<j)
        }
        return (.arabicWord, start..<j)
    }

    static func isOpeningQuote(_ s: UInt32) -> Bool {
        s == ArabicScalar.leftGuillemet || s == 0x22 || s == 0x201C || s == 0x28 || s == 0x27
    }

    /// The proclitic combinations a writer joins with tatweel: conjunction, preposition, article.
    static let proclitics: Set<String> = {
        var set = Set<String>()
        for conj in ["", "و", "ف"] {
            for prep in ["", "ب", "ل", "ك"] {
                for article in ["", "ال"] where !(conj + prep + article).isEmpty {
                    set.insert(conj + prep + article)
                }
            }
            set.insert(conj + "لل")
        }
        set.insert("س")
        return set
    }()

    static func isProclitic(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        proclitics.contains(Normalizer.search.normalize(utf8: bytes).text)
    }

    // MARK: Numbers

    mutating func scanNumber(from start: Int) -> (TokenKind, Range<Int>) {
        var j = start
        while j < n {
            let (c, s, len) = classAt(j)
            if c == .digit {
                j += len
                continue
            }
            let (after, _, _) = classAt(j + len)
            guard after == .digit else { break }
            if s == 0x2E || s == ArabicScalar.decimalSeparator {
                j += len
            } else if s == 0x2C || s == ArabicScalar.thousandsSeparator {
                // Only a group of exactly three digits makes a thousands separator ("1,250" but not "1,2").
                var k = j + len, digits = 0
                while k < n, case let (cls, _, l) = classAt(k), cls == .digit { digits += 1; k += l }
                guard digits == 3 else { break }
                j += len
            } else {
                break
            }
        }
        let (next, _, _) = classAt(j)
        if next == .latinLetter {
            // "5G", "3D": digits glued to Latin letters are one Latin word.
            i = start
            return scanLatin(from: start)
        }
        i = j
        return (.number, start..<j)
    }

    // MARK: Latin, URLs, e-mail, tags

    mutating func scanLatin(from start: Int) -> (TokenKind, Range<Int>) {
        var j = start
        while j < n {
            let (c, s, len) = classAt(j)
            if c == .latinLetter || c == .latinMark || c == .digit {
                j += len
            } else if (s == 0x27 || s == 0x2019), classAt(j + len).0 == .latinLetter, j > start {
                j += len  // O'Brien, don't
            } else {
                break
            }
        }
        i = j
        return (.latinWord, start..<j)
    }

    func hasPrefixIgnoringCase(_ prefix: StaticString, at j: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard j + count <= n else { return false }
        let bytes = prefix.utf8Start
        for k in 0..<count where p[j + k] | 0x20 != bytes[k] | 0x20 { return false }
        return true
    }

    mutating func scanURL(from start: Int) -> (TokenKind, Range<Int>)? {
        guard hasPrefixIgnoringCase("http://", at: start) || hasPrefixIgnoringCase("https://", at: start)
            || hasPrefixIgnoringCase("www.", at: start)
        else { return nil }
        var j = start
        while j < n {
            let (c, s, len) = classAt(j)
            if c == .space || c == .control { break }
            switch s {
            case 0x22, 0x27, 0x3C, 0x3E, ArabicScalar.leftGuillemet, ArabicScalar.rightGuillemet,
                 ArabicScalar.comma, ArabicScalar.semicolon, ArabicScalar.questionMark, 0x201C, 0x201D:
                break
            default:
                j += len
                continue
            }
            break
        }
        // Sentence punctuation after a URL is not part of it.
        while j > start, let last = Optional(p[j - 1]), [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D].contains(last) {
            j -= 1
        }
        guard j - start > 4 else { return nil }
        i = j
        return (.url, start..<j)
    }

    static func isEmailLocal(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x5F, 0x25, 0x2B, 0x2D: return true
        default: return false
        }
    }

    static func isHostByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D: return true
        default: return false
        }
    }

    mutating func scanEmail(from start: Int) -> (TokenKind, Range<Int>)? {
        var j = start
        while j < n && Self.isEmailLocal(p[j]) { j += 1 }
        guard j > start, byte(j) == 0x40 else { return nil }
        var k = j + 1
        var labels = 0
        var lastLabelLetters = 0
        while true {
            let labelStart = k
            var letters = 0
            while k < n && Self.isHostByte(p[k]) {
                if p[k] | 0x20 >= 0x61 && p[k] | 0x20 <= 0x7A { letters += 1 }
                k += 1
            }
            guard k > labelStart else { break }
            labels += 1
            lastLabelLetters = letters == k - labelStart ? letters : 0
            guard byte(k) == 0x2E, k + 1 < n, Self.isHostByte(p[k + 1]) else { break }
            k += 1
        }
        guard labels >= 2, lastLabelLetters >= 2 else { return nil }
        i = k
        return (.email, start..<k)
    }

    mutating func scanTag(from start: Int, kind: TokenKind) -> (TokenKind, Range<Int>)? {
        var j = start + 1
        while j < n {
            let (c, s, len) = classAt(j)
            let ok: Bool
            switch kind {
            case .hashtag:
                ok = c == .arabicLetter || c == .arabicMark || c == .tatweel || c == .latinLetter || c == .digit
                    || c == .latinMark || s == 0x5F
            default:
                ok = (c == .latinLetter && s < 0x80) || (c == .digit && s < 0x80) || s == 0x5F
                    || (s == 0x2E && Self.isHostByte(byte(j + 1)))
            }
            guard ok else { break }
            j += len
        }
        guard j > start + 1 else { return nil }
        i = j
        return (kind, start..<j)
    }
}
