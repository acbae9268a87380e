public import Foundation
import ArabicText

/// The words that quantities are read with, loaded from `Resources/cues/`: `currencies.txt`,
/// `units.txt`, `quantities.txt` and the year cues of `dates.txt` (see each file's header for its format).
///
/// Every word is stored in `.search`-normalized form, so `إسترليني` in a file matches `استرليني`,
/// `إسترلينياً` and `ﺇﺳﺘﺮﻟﻴﻨﻲ` in text.
public struct QuantityLexicon: Sendable {
    /// What the words after an amount make of it.
    enum Unit: Sendable {
        case percent
        case currency(String)
        /// A name several currencies share (جنيه, ريال …): an index into ``bareCurrencies``.
        case bareCurrency(Int)
        case measure(String)
        case time(String)
    }

    /// A shared currency name and its readings; the first reading is the default.
    struct BareCurrency: Sendable {
        var name: String
        var codes: [String]
    }

    var units = PhraseTable<Unit>()
    /// Currency signs written before the digits ($5).
    var symbols = PhraseTable<String>()
    var bareCurrencies: [BareCurrency] = []
    /// Place words that choose a reading of a bare currency: (currency, reading) pairs.
    var placeCues = PhraseTable<[Reading]>()
    /// "عامين": a dual time unit with no number means two.
    var dualTime: [WordKey: String] = [:]
    var numberWords: Set<WordKey> = []
    var scaleWords: Set<WordKey> = []
    /// آلاف, ملايين, مليارات: scales that need a count of three to ten.
    var pluralScaleWords: Set<WordKey> = []
    var ageCues: Set<WordKey> = []
    var yearCues: Set<WordKey> = []
    var labelCues: Set<WordKey> = []
    var notCounted: Set<WordKey> = []
    /// Counted nouns that start with و or ي, letters that otherwise mark a conjunction or a verb.
    var countedWithWawOrYeh: Set<WordKey> = []
    /// Number words and dual time units: the words a quantity may start with.
    var starters: Set<WordKey> = []
    /// Month and weekday words: a number next to them is a day or a year.
    var calendarWords: Set<WordKey> = []
    var eraWords: Set<WordKey> = []

    struct Reading: Sendable, Hashable {
        var currency: Int
        var reading: Int
    }

    /// The lexicon shipped in the package.
    public static let standard: QuantityLexicon = {
        do {
            return try QuantityLexicon(directory: CueFile.bundledDirectory)
        } catch {
            // The files ship inside the package; a missing one means a broken install, not bad input.
            fatalError("Marsad's quantity cues are missing from the bundle: \(error)")
        }
    }()

    /// Loads `currencies.txt`, `units.txt`, `quantities.txt` and `dates.txt` from a directory laid out like `Resources/cues`.
    public init(directory: URL) throws {
        let currencies = try CueFile(directory: directory, name: "currencies.txt")
        let unitFile = try CueFile(directory: directory, name: "units.txt")
        let cues = try CueFile(directory: directory, name: "quantities.txt")
        let dates = try CueFile(directory: directory, name: "dates.txt")

        for form in try cues.forms("percent") { units.insert(form, .percent) }
        for entry in try currencies.section("currency") {
            let code = try Self.value(of: entry, in: currencies)
            for form in entry.forms { units.insertWithAccusative(form, .currency(code)) }
        }
        for entry in try currencies.section("symbol") {
            let code = try Self.value(of: entry, in: currencies)
            for form in entry.forms {
                symbols.insert(form, code)
                units.insert(form, .currency(code))
            }
        }
        for entry in try currencies.section("bare-currency") {
            let index = bareCurrencies.count
            var codes = [String]()
            for (readingIndex, reading) in entry.children.enumerated() {
                codes.append(try Self.value(of: reading, in: currencies))
                for form in reading.forms {
                    // A nisba brings its feminine and plurals: الأردني, الأردنية, الأردنيون, الأردنيين.
                    let forms = form.hasSuffix("ي") && !form.contains(" ") ? [form, form + "ة", form + "ون", form + "ين"] : [form]
                    for form in forms { placeCues.append(form, Reading(currency: index, reading: readingIndex)) }
                }
            }
            guard !codes.isEmpty else { throw CueFileError(file: currencies.name, line: entry.line, message: "a bare currency with no readings") }
            bareCurrencies.append(BareCurrency(name: entry.forms[0], codes: codes))
            for form in entry.forms { units.insertWithAccusative(form, .bareCurrency(index)) }
        }
        for entry in try unitFile.section("measure") {
            let unit = try Self.value(of: entry, in: unitFile)
            for form in entry.forms { units.insertWithAccusative(form, .measure(unit)) }
        }
        for entry in try unitFile.section("duration") {
            let unit = try Self.value(of: entry, in: unitFile)
            for form in entry.forms { units.insertWithAccusative(form, .time(unit)) }
        }
        for entry in try unitFile.section("duration-dual") {
            let unit = try Self.value(of: entry, in: unitFile)
            for form in entry.forms { dualTime[WordKey(form)] = unit }
        }

        ageCues = Set(try cues.forms("age").map(WordKey.init))
        yearCues = Set(try (dates.forms("year-noun") + dates.forms("year")).map(WordKey.init))
        labelCues = Set(try cues.forms("label").compactMap { PhraseTable<Bool>.keys(of: $0).last })
        notCounted = Set(try cues.forms("not-counted").compactMap { PhraseTable<Bool>.keys(of: $0).first })
        for form in try cues.forms("counted-waw-yeh") {
            let key = WordKey(form)
            countedWithWawOrYeh.insert(key)
            countedWithWawOrYeh.insert(key.appending(WordKey.alef))
        }

        for word in NumberWords.lexiconWords {
            let key = WordKey(word)
            numberWords.insert(key)
            if NumberWords.isScale(normalized: word) {
                scaleWords.insert(key)
                // Alone, a singular (مليون) or a dual (مليونان) has a value and a plural has none.
                if NumberWords().value(of: word) == nil { pluralScaleWords.insert(key) }
            }
        }
        starters = numberWords.union(dualTime.keys)
        let calendar = CalendarNames.gregorianMonths.map(\.name) + CalendarNames.hijriMonths.map(\.name) + CalendarNames.weekdays.map(\.name)
        for name in calendar {
            // The first word of a name: "كانون" in "كانون الثاني", "جمادى", "ذو".
            if let first = PhraseTable<Bool>.keys(of: name).first { calendarWords.insert(first) }
        }
        eraWords = Set(["م", "مـ", "هـ", "ه", "ميلادي", "ميلادية", "هجري", "هجرية", "للميلاد", "للهجرة"].map(WordKey.init))
    }

    /// True when a quantity may start at this Arabic word, as written or after a proclitic letter.
    @inline(__always)
    func mayStart(_ key: WordKey) -> Bool {
        if starters.contains(key) { return true }
        let letter = key.firstLetter
        guard key.byteCount >= 6, Proclitic.isConjunction(letter: letter) || Proclitic.isPreposition(letter: letter) else { return false }
        return starters.contains(key.dropFirst(Proclitic.letterBytes))
    }

    static func value(of entry: CueFile.Entry, in file: CueFile) throws -> String {
        guard let value = entry.value, !value.isEmpty else {
            throw CueFileError(file: file.name, line: entry.line, message: "the entry needs a value before ':'")
        }
        return value
    }
}

extension PhraseTable where Payload == [QuantityLexicon.Reading] {
    /// Adds `reading` to the phrase's readings (a place may choose readings of several currencies).
    mutating func append(_ phrase: String, _ reading: QuantityLexicon.Reading) {
        let keys = Self.keys(of: phrase)
        var readings = [reading]
        if let first = keys.first, let existing = exactMatch(keys, first: first) { readings = existing + [reading] }
        replace(keys: keys, readings)
    }
}
