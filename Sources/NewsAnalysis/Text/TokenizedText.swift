import ArabicText

/// One paragraph as the extractors scan it: tokens with their byte ranges and normalized keys.
///
/// - Complexity: O(n) in the paragraph's UTF-8 length; one key a token.
struct TokenizedText {
    let bytes: [UInt8]
    private(set) var kinds: [TokenKind] = []
    private(set) var ranges: [Range<Int>] = []
    private(set) var keys: [WordKey] = []

    init(_ text: String) {
        bytes = Array(text.utf8)
        var kinds = [TokenKind](), ranges = [Range<Int>](), keys = [WordKey]()
        kinds.reserveCapacity(bytes.count / 5)
        ranges.reserveCapacity(bytes.count / 5)
        keys.reserveCapacity(bytes.count / 5)
        let normalizer = Normalizer.search, scratch = UTF8Buffer(capacity: 4 * WordKey.capacity)
        bytes.withUnsafeBufferPointer { buffer in
            Tokenizer().forEachToken(in: buffer) { kind, range in
                kinds.append(kind)
                ranges.append(range)
                keys.append(WordKey.normalizing(UnsafeBufferPointer(rebasing: buffer[range]), with: normalizer, scratch: scratch))
            }
        }
        self.kinds = kinds
        self.ranges = ranges
        self.keys = keys
    }

    var count: Int { kinds.count }

    /// The display text of a byte range.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The display text from the start of token `first` to the end of token `last`.
    func text(from first: Int, through last: Int) -> String {
        text(ranges[first].lowerBound..<ranges[last].upperBound)
    }

    func isPunctuation(_ index: Int) -> Bool {
        index >= 0 && index < count && kinds[index] == .punctuation
    }

    /// True when token `index` is the punctuation `scalar`.
    func isSymbol(_ index: Int, _ scalar: Unicode.Scalar) -> Bool {
        guard index >= 0, index < count, kinds[index] == .punctuation else { return false }
        let key = keys[index]
        var utf8 = String(scalar).utf8.makeIterator()
        for position in 0..<key.byteCount {
            guard let byte = utf8.next(), byte == key[position] else { return false }
        }
        return utf8.next() == nil
    }

    /// True when tokens `a` and `b` touch (no space between them).
    func glued(_ a: Int, _ b: Int) -> Bool {
        ranges[a].upperBound == ranges[b].lowerBound
    }

    /// The byte offset in token `index` where its `letters`-th letter starts (0 is the token start),
    /// skipping the marks and tatweel that follow the letters before it: the display start of a word
    /// once a proclitic has been taken off.
    func offset(afterLetters letters: Int, in index: Int) -> Int {
        let range = ranges[index]
        var position = range.lowerBound
        var seen = 0
        while position < range.upperBound {
            let (scalar, length) = Self.decode(bytes, at: position)
            let isLetter = ArabicScalar.isLetter(scalar)
            if isLetter {
                if seen == letters { return position }
                seen += 1
            }
            position += max(length, 1)
        }
        return range.upperBound
    }

    private static func decode(_ bytes: [UInt8], at index: Int) -> (UInt32, Int) {
        let b0 = bytes[index]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= bytes.count else { return (0xFFFD, 1) }
        var scalar = UInt32(b0) & (0xFF >> UInt32(length + 1))
        for k in 1..<length { scalar = scalar << 6 | UInt32(bytes[index + k] & 0x3F) }
        return (scalar, length)
    }
}

/// Proclitics that attach to a word: و and ف (conjunctions), ب ل ك (prepositions).
enum Proclitic {
    static let waw = WordKey("و"), feh = WordKey("ف"), beh = WordKey("ب"), lam = WordKey("ل"), kaf = WordKey("ك")
    static let article = WordKey("ال")
    static let letterBytes = 2

    // The letters' UTF-8 as ``WordKey/firstLetter`` reads it: literals, so a hot loop pays no lazy global.
    static let wawLetter: UInt16 = 0x88D9, fehLetter: UInt16 = 0x81D9, behLetter: UInt16 = 0xA8D8, lamLetter: UInt16 = 0x84D9
    static let kafLetter: UInt16 = 0x83D9

    static func isConjunction(_ first: WordKey) -> Bool { isConjunction(letter: first.firstLetter) && first.count == 2 }
    static func isPreposition(_ first: WordKey) -> Bool { isPreposition(letter: first.firstLetter) && first.count == 2 }
    @inline(__always) static func isConjunction(letter: UInt16) -> Bool { letter == wawLetter || letter == fehLetter }
    @inline(__always) static func isPreposition(letter: UInt16) -> Bool { letter == behLetter || letter == lamLetter || letter == kafLetter }

    /// The key with up to two proclitic letters taken off (وب, فل, ب, و …), each form with how many
    /// letters the display text may drop; `لل` becomes `ال` (للمصريين → المصريين) and drops none. The whole key comes first.
    static func variants(of key: WordKey) -> [(key: WordKey, letters: Int)] {
        var result: [(WordKey, Int)] = [(key, 0)]
        guard key.arabicLetterCount >= 3 else { return result }
        let first = key.prefix(letterBytes)
        let second = key.dropFirst(letterBytes).prefix(letterBytes)
        if first == lam && second == lam {
            result.append((article.appending(key.dropFirst(2 * letterBytes)), 0))
        }
        guard isConjunction(first) || isPreposition(first) else { return result }
        result.append((key.dropFirst(letterBytes), 1))
        if isConjunction(first), isPreposition(second), key.arabicLetterCount >= 4 {
            result.append((key.dropFirst(2 * letterBytes), 2))
        }
        return result
    }
}
