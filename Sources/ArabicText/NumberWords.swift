/// Reads Arabic numbers written in words, digits or both, as in news copy.
///
/// Rules:
/// - cardinals واحد … تسعة عشر in both genders (ثلاث, ثلاثة), tens (عشرون, عشرين), مئة and مائة with
///   their duals (مئتان, مائتين) and the fused hundreds (ثلاثمئة, خمسمائة), or written apart (ثلاث مئة);
/// - scales ألف, مليون, مليار, تريليون (and بليون) in singular, accusative (ملياراً), dual (مليونان,
///   ألفي) and plural (آلاف, ملايين, مليارات) forms: a plural needs a count (ثلاثة آلاف), and a bare
///   plural (آلاف الجواسيس) has no value;
/// - parts joined by و (ثلاثة آلاف وخمسمائة, خمسة وعشرون);
/// - digits in any digit set, with decimal and thousands separators, multiplied by a scale word
///   (4.5 مليار, 205 ملايين, ٣٠٠ ألف).
///
/// ```swift
/// NumberWords().value(of: "4.5 مليار")  // 4_500_000_000
/// NumberWords().value(of: "ثلاث")  // 3
/// ```
public struct NumberWords: Sendable {
    public init() {}

    /// A number found at the start of a word sequence.
    public struct Match: Sendable, Equatable {
        public var value: Double
        /// How many of the given words the number spans.
        public var wordCount: Int
    }

    /// The value of `text` when the whole text is one number, else nil.
    public func value(of text: String) -> Double? {
        let words = Self.words(of: text)
        guard let match = match(words: words), match.wordCount == words.count else { return nil }
        return match.value
    }

    /// The longest number at the start of `words` (each word as written; they are normalized here).
    public func match(words: [String]) -> Match? {
        var total = 0.0
        var group = 0.0  // the part below the last scale, still to be multiplied or added
        var groupHasValue = false
        var lastScale = Double.infinity
        var consumed = 0
        var lastWasUnit = false
        var index = 0
        while index < words.count {
            var word = Normalizer.search.normalize(words[index])
            var joined = false
            if index > 0, word.hasPrefix("و"), Self.lexicon[String(word.dropFirst())] != nil || Self.parseDigits(String(word.dropFirst())) != nil {
                word.removeFirst()
                joined = true
            }
            if let digits = Self.parseDigits(word) {
                guard !groupHasValue || joined else { break }
                group += digits
                groupHasValue = true
                lastWasUnit = false
            } else if let entry = Self.lexicon[word] {
                switch entry {
                case .unit(let v):
                    // A unit after a unit without و is not one number ("ثلاثة أربعة"), except teens.
                    if groupHasValue && !joined { return finish() }
                    group += v
                    groupHasValue = true
                    lastWasUnit = v < 10
                case .ten:
                    if lastWasUnit && !joined {
                        group += 10  // ثلاثة عشر
                    } else {
                        if groupHasValue && !joined { return finish() }
                        group += 10  // عشرة alone, or وعشرة
                        groupHasValue = true
                    }
                    lastWasUnit = false
                case .hundreds(let v):
                    if groupHasValue && !joined {
                        // ثلاث مئة: the count multiplies a bare مئة.
                        guard v == 100 && group < 10 else { return finish() }
                        group *= 100
                    } else {
                        group += v
                    }
                    groupHasValue = true
                    lastWasUnit = false
                case .scale(let s, let form):
                    if joined { return finish() }
                    var count = groupHasValue ? group : 1
                    switch form {
                    case .singular:
                        break
                    case .dual:
                        if groupHasValue { return finish() }
                        count = 2
                    case .plural:
                        guard groupHasValue else { return finish() }
                    }
                    if s > lastScale {
                        total = (total + count) * s
                    } else {
                        total += count * s
                    }
                    lastScale = s
                    group = 0
                    groupHasValue = false
                    lastWasUnit = false
                }
            } else {
                break
            }
            index += 1
            consumed = index
        }
        return finish()

        func finish() -> Match? {
            guard consumed > 0 else { return nil }
            return Match(value: total + group, wordCount: consumed)
        }
    }

    /// Every word a number in words can be made of, in `.search`-normalized form (ثلاثه, مائه,
    /// ملايين …), so that a caller can tell cheaply where a number may start before calling ``match(words:)``.
    public static var lexiconWords: [String] { Array(lexicon.keys) }

    /// True when the normalized `word` is a scale word (ألف, مليون, مليار, تريليون in any form).
    public static func isScale(normalized word: String) -> Bool {
        if case .scale = lexicon[word] { return true }
        return false
    }

    static func words(of text: String) -> [String] {
        Tokenizer().tokens(in: text).filter { $0.kind != .punctuation }.map(\.text)
    }

    /// Digits with `.` decimals and `,` thousands, after normalization has folded the digit sets.
    static func parseDigits(_ word: String) -> Double? {
        guard let first = word.utf8.first, first >= 0x30 && first <= 0x39 else { return nil }
        guard let value = Double(String(word.filter { $0 != "," })), value.isFinite else { return nil }
        return value
    }

    enum ScaleForm { case singular, dual, plural }
    enum Entry {
        case unit(Double)
        case ten
        case hundreds(Double)
        case scale(Double, ScaleForm)
    }

    /// Normalized forms. Endings vary by case: -ون/-ين, -ان/-ين, -ا (accusative), -ي (construct).
    static let lexicon: [String: Entry] = {
        var d = [String: Entry]()
        let units: [(Double, [String])] = [
            (0, ["صفر"]),
            (1, ["واحد", "واحده", "احد", "احدي"]),
            (2, ["اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"]),
            (3, ["ثلاث", "ثلاثه"]), (4, ["اربع", "اربعه"]), (5, ["خمس", "خمسه"]),
            (6, ["ست", "سته"]), (7, ["سبع", "سبعه"]), (8, ["ثمان", "ثماني", "ثمانيه"]),
            (9, ["تسع", "تسعه"]),
        ]
        for (v, forms) in units { for f in forms { d[f] = .unit(v) } }
        for f in ["عشر", "عشره"] { d[f] = .ten }
        let tens: [(Double, String)] = [
            (20, "عشر"), (30, "ثلاث"), (40, "اربع"), (50, "خمس"), (60, "ست"), (70, "سبع"), (80, "ثمان"), (90, "تسع"),
        ]
        for (v, stem) in tens { d[stem + "ون"] = .unit(v); d[stem + "ين"] = .unit(v) }
        for f in ["مئه", "مائه"] { d[f] = .hundreds(100) }
        for f in ["مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مئتي", "مائتا", "مائتي"] { d[f] = .hundreds(200) }
        let hundredStems: [(Double, [String])] = [
            (300, ["ثلاث"]), (400, ["اربع"]), (500, ["خمس"]), (600, ["ست"]), (700, ["سبع"]),
            (800, ["ثمان", "ثماني"]), (900, ["تسع"]),
        ]
        for (v, stems) in hundredStems {
            for s in stems { d[s + "مئه"] = .hundreds(v); d[s + "مائه"] = .hundreds(v) }
        }
        let scales: [(Double, [String], [String], [String])] = [
            (1e3, ["الف", "الفا"], ["الفان", "الفين", "الفي"], ["الاف", "الوف"]),
            (1e6, ["مليون", "مليونا"], ["مليونان", "مليونين", "مليوني"], ["ملايين"]),
            (1e9, ["مليار", "مليارا", "بليون", "بليونا"], ["ملياران", "مليارين", "ملياري", "بليونان", "بليونين"],
             ["مليارات", "بلايين"]),
            (1e12, ["تريليون", "تريليونا"], ["تريليونان", "تريليونين", "تريليوني"], ["تريليونات"]),
        ]
        for (v, singular, dual, plural) in scales {
            for f in plural { d[f] = .scale(v, .plural) }
            for f in dual { d[f] = .scale(v, .dual) }
            for f in singular { d[f] = .scale(v, .singular) }
        }
        return d
    }()
}
