import ArabicText
import NewsModel

/// One article's pass of ``QuantityExtractor``: numbers, then what follows them, then the readings of
/// bare currency names, which need the whole article.
struct QuantityScanner {
    let lexicon: QuantityLexicon
    let paragraphs: [TokenizedText]
    private var results: [QuantityMatch] = []
    /// Money in a bare currency name, waiting for the article's places.
    private var pendingBare: [(result: Int, currency: Int, paragraph: Int, token: Int)] = []
    /// Money in a named currency: it tells which reading a bare name in the same article has.
    private var namedCurrencies: [(code: String, paragraph: Int, token: Int)] = []

    let options: QuantityExtractor.Options

    init(lexicon: QuantityLexicon, options: QuantityExtractor.Options, paragraphs: [TokenizedText]) {
        self.lexicon = lexicon
        self.options = options
        self.paragraphs = paragraphs
    }

    /// A number found at a token.
    struct Number {
        var first: Int
        var startByte: Int
        /// The token after the number.
        var end: Int
        var value: Double
        var hasScale: Bool
        var isWords: Bool
        /// A whole number of three or four digits that could be a year (600–2200).
        var yearish: Bool
        /// A four-digit number 1900–2100: never a count.
        var yearLike: Bool
    }

    /// No amount in news reaches a quintillion: larger digit strings are not amounts.
    static let maximumValue = 1e18
    /// How many tokens a number in words may span ("ثلاثة ملايين وخمسمائة وعشرون ألفاً").
    static let maximumNumberTokens = 12
    /// How deep «10 و15 و20 في المائة» may chain.
    static let maximumCoordination = 4

    static let waw = WordKey("و"), yeh = WordKey("ي"), between = WordKey("بين"), min = WordKey("من"), openBracket = WordKey("("), closeBracket = WordKey(")")
    static let percentSign = WordKey("%"), colon = WordKey(":"), latinComma = WordKey(","), arabicComma = WordKey("،"), zero = WordKey("0")
    static let nounCleaner = Normalizer(rules: [.foldPresentationForms, .removeInvisibleControls, .removeHarakat, .removeDaggerAlef, .removeTatweel])

    mutating func run() -> [QuantityMatch] {
        for index in paragraphs.indices { scan(index) }
        resolveBareCurrencies()
        results.sort { ($0.paragraph, $0.range.lowerBound) < ($1.paragraph, $1.range.lowerBound) }
        return results
    }

    private mutating func scan(_ paragraph: Int) {
        let text = paragraphs[paragraph]
        var index = 0
        while index < text.count {
            // Most words start nothing: one lookup (two with a proclitic) tells.
            if text.kinds[index] == .arabicWord, !lexicon.mayStart(text.keys[index]) {
                index += 1
                continue
            }
            if let number = readNumber(text, at: index) {
                if let end = readQuantity(text, paragraph, number, ageFrom: number.first, depth: 0) {
                    index = end
                } else {
                    index = Swift.max(number.end, index + 1)
                }
                continue
            }
            if let end = readDual(text, paragraph, at: index) {
                index = end
                continue
            }
            index += 1
        }
    }

    // MARK: Numbers

    /// The number starting at token `index`: digits, words, or digits with a scale word.
    func readNumber(_ text: TokenizedText, at index: Int, joining: Bool = true) -> Number? {
        let key = text.keys[index]
        var startByte = text.ranges[index].lowerBound
        var firstWord: WordKey
        switch text.kinds[index] {
        case .number:
            guard !key.isOverlong, Self.digitsValue(key) != nil else { return nil }
            // The digits after a decimal comma belong to the number before it ("8,1 ملايين").
            if index >= 2, text.keys[index - 1] == Self.latinComma || text.keys[index - 1] == Self.arabicComma,
               text.glued(index - 2, index - 1), text.glued(index - 1, index), text.kinds[index - 2] == .number {
                return nil
            }
            firstWord = key
        case .arabicWord:
            // A scale after digits that made no number («999…9 مليون») is not a million of its own.
            if index > 0, text.kinds[index - 1] == .number, lexicon.scaleWords.contains(key) { return nil }
            if lexicon.numberWords.contains(key) {
                firstWord = key
            } else if key.byteCount >= 6, Proclitic.isConjunction(letter: key.firstLetter) || Proclitic.isPreposition(letter: key.firstLetter),
                      lexicon.numberWords.contains(key.dropFirst(2)) {
                firstWord = key.dropFirst(2)  // بثلاثة, وخمسة
                startByte = text.offset(afterLetters: 1, in: index)
            } else {
                return nil
            }
        default:
            return nil
        }
        var end = index + 1
        // "2,6 مليون": a decimal comma (a group of three digits after it would be thousands, one token).
        var decimalComma: Double?
        if text.kinds[index] == .number, index + 2 < text.count, text.keys[index + 1] == Self.latinComma || text.keys[index + 1] == Self.arabicComma,
           text.glued(index, index + 1), text.glued(index + 1, index + 2), text.kinds[index + 2] == .number,
           let whole = Self.digitsValue(key), whole == whole.rounded(), !key.hasPrefix(Self.zero) || key.byteCount == 1,
           let fraction = Self.decimalFraction(text.keys[index + 2]) {
            decimalComma = whole + fraction
            end = index + 3
        }
        let numberEnd = end
        while end < text.count, end < index + Self.maximumNumberTokens, isNumberWord(text, end) { end += 1 }
        var value: Double
        var hasScale = lexicon.scaleWords.contains(firstWord)
        if let decimalComma {
            value = decimalComma
            if end > numberEnd {
                // The scale after it: "2,6 مليون" is 2.6 times what "مليون" alone is worth.
                guard let scale = NumberWords().match(words: ["1"] + text.keys[numberEnd..<end].map(\.string)), scale.wordCount > 1 else { return nil }
                value *= scale.value
                end = numberEnd + scale.wordCount - 1
                hasScale = true
            }
        } else if end == index + 1, text.kinds[index] == .number {
            value = Self.digitsValue(key)!
        } else {
            var words = [firstWord.string] + text.keys[(index + 1)..<end].map(\.string)
            // "3,650 ملايين": a plural scale counts three to ten, so the comma is a decimal one (3.65 million).
            if text.kinds[index] == .number, lexicon.pluralScaleWords.contains(text.keys[index + 1]),
               let whole = Self.digitsValue(key), whole > 10, let decimal = Self.digitsValue(key, decimalComma: true), (3...10).contains(decimal) {
                words[0] = String(decimal)
            }
            guard let match = NumberWords().match(words: words) else { return nil }
            value = match.value
            end = index + match.wordCount
            for token in (index + 1)..<end {
                let word = text.keys[token]
                if lexicon.scaleWords.contains(word) || lexicon.scaleWords.contains(word.dropFirst(2)) { hasScale = true }
            }
        }
        let isWords = text.kinds[index] != .number
        // واحد, اثنان and أحد alone are rarely amounts in news (أحد المسؤولين): the noun says "one".
        if isWords, value < 3, !hasScale { return nil }
        guard value.isFinite, value < Self.maximumValue else { return nil }
        // 1.057 × 10⁹ is 1056999999.9999999 in binary: a whole number within rounding error is whole.
        if abs(value.rounded() - value) <= value * 1e-12 { value = value.rounded() }
        var number = Number(first: index, startByte: startByte, end: end, value: value, hasScale: hasScale, isWords: isWords,
                            yearish: false, yearLike: false)
        if !isWords, end == index + 1, key.byteCount <= 4, key.byteCount >= 3, value == value.rounded() {
            number.yearish = (600...2200).contains(value)
            number.yearLike = key.byteCount == 4 && (1900...2100).contains(value)
        }
        // "5 آلاف و200", "3 ملايين و500 ألف": the part after و below the scale belongs to the number.
        var joins = 0
        // The part after و joins nothing itself, so that «5 آلاف و5 آلاف و…» cannot recurse without end.
        while joining, number.hasScale, joins < 3, isAnd(text, number.end), number.end + 1 < text.count,
              let rest = readNumber(text, at: number.end + 1, joining: false), rest.value < Self.magnitude(of: number.value) {
            number.value += rest.value
            number.end = rest.end
            joins += 1
        }
        return number
    }

    /// The power of a thousand that a scaled amount is counted in (3.5 مليون → a million).
    static func magnitude(of value: Double) -> Double {
        var magnitude = 1.0
        while magnitude * 1000 <= value, magnitude < maximumValue { magnitude *= 1000 }
        return magnitude
    }

    private func isNumberWord(_ text: TokenizedText, _ index: Int) -> Bool {
        guard text.kinds[index] == .arabicWord else { return false }
        let key = text.keys[index]
        if lexicon.numberWords.contains(key) { return true }
        return key.prefix(2) == Self.waw && lexicon.numberWords.contains(key.dropFirst(2))
    }

    /// و alone or glued to the number after it (12 و13).
    private func isAnd(_ text: TokenizedText, _ index: Int) -> Bool {
        index < text.count && text.keys[index] == Self.waw && (text.kinds[index] == .proclitic || text.kinds[index] == .arabicWord)
    }

    /// The digits after a decimal comma as a fraction (`6` → 0.6), or nil when they are not plain digits.
    static func decimalFraction(_ key: WordKey) -> Double? {
        guard key.byteCount >= 1, key.byteCount <= 6 else { return nil }
        var digits = "0."
        for position in 0..<key.byteCount {
            let byte = key[position]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            digits.append(Character(Unicode.Scalar(byte)))
        }
        return Double(digits)
    }

    /// Digits after `.search` normalization (`1,250.5`, folded from `١٬٢٥٠٫٥`); nil for dates like
    /// `11.02.2026` and for more than 18 whole digits.
    static func digitsValue(_ key: WordKey, decimalComma: Bool = false) -> Double? {
        var ascii = [UInt8]()
        ascii.reserveCapacity(key.byteCount)
        var wholeDigits = 0, dots = 0
        for position in 0..<key.byteCount {
            let byte = key[position]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                ascii.append(byte)
                if dots == 0 { wholeDigits += 1 }
            case UInt8(ascii: "."):
                dots += 1
                ascii.append(byte)
            case UInt8(ascii: ","):
                guard decimalComma else { continue }
                dots += 1
                ascii.append(UInt8(ascii: "."))
            default:
                return nil
            }
        }
        guard dots <= 1, wholeDigits > 0, wholeDigits <= 18 else { return nil }
        return Double(String(decoding: ascii, as: UTF8.self))
    }

    // MARK: What follows a number

    /// Reads the unit after `number` and records the quantity; returns the token after it.
    private mutating func readQuantity(_ text: TokenizedText, _ paragraph: Int, _ number: Number, ageFrom: Int, depth: Int) -> Int? {
        if isYear(text, number) { return nil }
        let next = number.end
        // «12 و13 عاماً», «بين 10 و15 في المائة»: the first number takes the unit of the second.
        if depth < Self.maximumCoordination, isAnd(text, next), next + 1 < text.count,
           let second = readNumber(text, at: next + 1), !isYear(text, second) {
            let mark = results.count
            if let end = readQuantity(text, paragraph, second, ageFrom: ageFrom, depth: depth + 1), let shared = results[mark...].first {
                let range = number.startByte..<text.ranges[number.end - 1].upperBound
                // «بين 3 و4 ملايين دولار»: the scale of the second number is the first's too.
                let value = second.hasScale && !number.hasScale ? number.value * Self.magnitude(of: second.value) : number.value
                let quantity = Quantity(text: text.text(range), value: value, unit: shared.quantity.unit, kind: shared.quantity.kind)
                results.append(QuantityMatch(quantity: quantity, paragraph: paragraph, range: range))
                if let pending = pendingBare.first(where: { $0.result == mark }) {
                    pendingBare.append((results.count - 1, pending.currency, paragraph, number.first))
                }
                return end
            }
        }
        // A sign before the digits: $5, %10.
        let before = number.first - 1
        if before >= 0, text.kinds[before] == .punctuation, text.glued(before, number.first) {
            if let (code, _) = lexicon.symbols.longestMatch(in: text, at: before) {
                record(text, paragraph, from: text.ranges[before].lowerBound, through: number.end - 1, value: number.value, unit: code,
                       kind: .money, token: number.first)
                namedCurrencies.append((code, paragraph, number.first))
                return number.end
            }
            if text.keys[before] == Self.percentSign, !(before > 0 && text.kinds[before - 1] == .number) {
                record(text, paragraph, from: text.ranges[before].lowerBound, through: number.end - 1, value: number.value, unit: nil,
                       kind: .percent, token: number.first)
                return number.end
            }
        }
        if let (unit, length) = lexicon.units.longestMatch(in: text, at: next) {
            let last = next + length - 1
            switch unit {
            case .percent:
                record(text, paragraph, number, through: last, unit: nil, kind: .percent)
            case .currency(let code):
                record(text, paragraph, number, through: last, unit: code, kind: .money)
                namedCurrencies.append((code, paragraph, number.first))
            case .bareCurrency(let currency):
                record(text, paragraph, number, through: last, unit: lexicon.bareCurrencies[currency].codes[0], kind: .money)
                pendingBare.append((results.count - 1, currency, paragraph, number.first))
            case .measure(let symbol):
                record(text, paragraph, number, through: last, unit: symbol, kind: .measure)
            case .time(let unit):
                let age = unit == "year" && isAge(text, from: ageFrom, through: last)
                record(text, paragraph, number, through: last, unit: unit, kind: age ? .age : .duration)
            }
            return last + 1
        }
        if !number.yearLike, let noun = countedNoun(text, at: next, after: number) {
            record(text, paragraph, number, through: next, unit: noun, kind: .count)
            return next + 1
        }
        return nil
    }

    /// "عامين", "ليومين": a dual time unit alone is two.
    private mutating func readDual(_ text: TokenizedText, _ paragraph: Int, at index: Int) -> Int? {
        guard text.kinds[index] == .arabicWord else { return nil }
        let key = text.keys[index]
        var startByte = text.ranges[index].lowerBound
        var unit = lexicon.dualTime[key]
        if unit == nil, key.byteCount >= 8, Proclitic.isConjunction(letter: key.firstLetter) || Proclitic.isPreposition(letter: key.firstLetter) {
            unit = lexicon.dualTime[key.dropFirst(2)]
            startByte = text.offset(afterLetters: 1, in: index)
        }
        guard let unit else { return nil }
        let age = unit == "year" && isAge(text, from: index, through: index)
        let range = startByte..<text.ranges[index].upperBound
        results.append(QuantityMatch(quantity: Quantity(text: text.text(range), value: 2, unit: unit, kind: age ? .age : .duration),
                                     paragraph: paragraph, range: range))
        return index + 1
    }

    private mutating func record(_ text: TokenizedText, _ paragraph: Int, _ number: Number, through last: Int, unit: String?, kind: Quantity.Kind) {
        record(text, paragraph, from: number.startByte, through: last, value: number.value, unit: unit, kind: kind, token: number.first)
    }

    private mutating func record(_ text: TokenizedText, _ paragraph: Int, from startByte: Int, through last: Int, value: Double, unit: String?,
                                 kind: Quantity.Kind, token: Int) {
        let range = startByte..<text.ranges[last].upperBound
        results.append(QuantityMatch(quantity: Quantity(text: text.text(range), value: value, unit: unit, kind: kind), paragraph: paragraph, range: range))
    }

    /// A year, not an amount: "عام 2025", "مارس 2025", "1447 هـ".
    private func isYear(_ text: TokenizedText, _ number: Number) -> Bool {
        guard number.yearish else { return false }
        let before = number.first - 1
        if before >= 0, lexicon.yearCues.contains(text.keys[before]) || lexicon.calendarWords.contains(text.keys[before]) { return true }
        return number.end < text.count && lexicon.eraWords.contains(text.keys[number.end])
    }

    /// An age: an age cue right before the number (with only cues, من and بين between: "يبلغ من العمر"),
    /// or the amount alone in brackets: "(45 عاماً)".
    private func isAge(_ text: TokenizedText, from first: Int, through last: Int) -> Bool {
        if first > 0, text.keys[first - 1] == Self.openBracket, last + 1 < text.count, text.keys[last + 1] == Self.closeBracket { return true }
        var index = first - 1
        while index >= 0, index >= first - 3 {
            let key = text.keys[index]
            if lexicon.ageCues.contains(key) { return true }
            guard key == Self.min || key == Self.between else { return false }
            index -= 1
        }
        return false
    }

    /// The counted noun at `index`, cleaned of harakat and of the accusative alef, or nil when the
    /// word is not one.
    private func countedNoun(_ text: TokenizedText, at index: Int, after number: Number) -> String? {
        // A noun glued to the digits ("12ييرز") is a name; digits after ':' are a time ("10:30 غرينتش").
        guard index < text.count, text.kinds[index] == .arabicWord, !text.glued(index - 1, index) else { return nil }
        if number.first > 0, lexicon.labelCues.contains(text.keys[number.first - 1]) || text.keys[number.first - 1] == Self.colon { return nil }
        let key = text.keys[index]
        guard !key.isOverlong, key.arabicLetterCount >= 2 else { return nil }
        if key.hasPrefix(Proclitic.article) || key.hasPrefix(Self.lamLam) { return nil }
        let first = key.prefix(2)
        if Proclitic.isConjunction(first) || Proclitic.isPreposition(first) {
            if key.dropFirst(2).hasPrefix(Proclitic.article) { return nil }  // والقتلى, بالمائة
            if first == Self.waw && !lexicon.countedWithWawOrYeh.contains(key) { return nil }
        }
        if first == Self.yeh && !lexicon.countedWithWawOrYeh.contains(key) { return nil }
        if lexicon.notCounted.contains(key) || lexicon.calendarWords.contains(key) || lexicon.numberWords.contains(key) { return nil }
        let isStopword = Self.withBytes(key) { Stopwords.arabic.contains(utf8: $0) }
        if isStopword { return nil }
        return Self.cleanNoun(text.text(text.ranges[index]), value: number.value)
    }

    static let lamLam = WordKey("لل")

    static func withBytes<R>(_ key: WordKey, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: WordKey.capacity) { buffer in
            for position in 0..<key.byteCount { buffer[position] = key[position] }
            return body(UnsafeBufferPointer(rebasing: buffer[..<key.byteCount]))
        }
    }

    /// "قتيلاً" → "قتيل": harakat and tatweel go, and so does the alef of the accusative that a count
    /// ending in 11 to 99 puts on its noun (15, 167: the last part decides), or that tanween marks.
    static func cleanNoun(_ word: String, value: Double) -> String {
        let hadTanween = word.unicodeScalars.contains { $0.value == 0x064B }
        var cleaned = nounCleaner.normalize(word)
        let lastPart = value == value.rounded() && value < maximumValue ? Int64(value) % 100 : 0
        let isAccusative = hadTanween || (11...99).contains(lastPart)
        if isAccusative, cleaned.hasSuffix("ا"), cleaned.unicodeScalars.count >= 4 { cleaned.removeLast() }
        return cleaned
    }

    // MARK: Bare currency names

    /// The reading of the cue nearest to `token` (the earlier one on a tie), by binary search.
    static func nearest(to token: Int, in cues: [(token: Int, reading: Int)]) -> Int {
        var low = 0, high = cues.count
        while low < high {
            let middle = (low + high) / 2
            if cues[middle].token < token { low = middle + 1 } else { high = middle }
        }
        if low == cues.count { return cues[low - 1].reading }
        if low == 0 { return cues[0].reading }
        return token - cues[low - 1].token <= cues[low].token - token ? cues[low - 1].reading : cues[low].reading
    }

    /// Gives each bare currency name the reading of the place named nearest to it in its paragraph,
    /// else of the place named most in the article, else the preferred one, else the default (the first reading).
    ///
    /// - Complexity: O(n log n) in the article's tokens.
    private mutating func resolveBareCurrencies() {
        guard !pendingBare.isEmpty else { return }
        var places: [(paragraph: Int, token: Int, readings: [QuantityLexicon.Reading])] = []
        for (paragraph, text) in paragraphs.enumerated() {
            var index = 0
            while index < text.count {
                var length = 1
                for variant in Proclitic.variants(of: text.keys[index]) {
                    if let (readings, tokens) = lexicon.placeCues.longestMatch(in: text, at: index, firstKey: variant.key) {
                        places.append((paragraph, index, readings))
                        length = tokens
                        break
                    }
                }
                index += length
            }
        }
        // A named currency is a place cue too: "جنيه مصري" earlier makes a later "جنيه" Egyptian.
        for named in namedCurrencies {
            var readings = [QuantityLexicon.Reading]()
            for (currency, bare) in lexicon.bareCurrencies.enumerated() {
                if let reading = bare.codes.firstIndex(of: named.code) { readings.append(.init(currency: currency, reading: reading)) }
            }
            if !readings.isEmpty { places.append((named.paragraph, named.token, readings)) }
        }
        // By currency: each paragraph's place cues in token order, and the article's count of each reading.
        var byParagraph = [Int: [Int: [(token: Int, reading: Int)]]]()
        var counts = [Int: [Int: Int]]()
        for place in places {
            for reading in place.readings {
                byParagraph[reading.currency, default: [:]][place.paragraph, default: []].append((place.token, reading.reading))
                counts[reading.currency, default: [:]][reading.reading, default: 0] += 1
            }
        }
        for currency in byParagraph.keys {
            for paragraph in byParagraph[currency]!.keys { byParagraph[currency]![paragraph]!.sort { $0.token < $1.token } }
        }
        for pending in pendingBare {
            let codes = lexicon.bareCurrencies[pending.currency].codes
            var reading = options.preferredCurrencies.lazy.compactMap { codes.firstIndex(of: $0) }.first ?? 0
            if let cues = byParagraph[pending.currency]?[pending.paragraph], !cues.isEmpty {
                reading = Self.nearest(to: pending.token, in: cues)
            } else if let article = counts[pending.currency], let most = article.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }) {
                reading = most.key
            }
            results[pending.result].quantity.unit = lexicon.bareCurrencies[pending.currency].codes[reading]
        }
    }
}
