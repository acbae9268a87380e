public import Foundation
import ArabicText

/// The words that dates are read with: month and weekday names from ``ArabicText/CalendarNames`` and
/// the relative words, modifiers and year cues of `Resources/cues/dates.txt`.
public struct DateLexicon: Sendable {
    /// A date relative to the publication date: `amount` units after it (negative: before).
    struct Offset: Sendable, Hashable {
        enum Unit: Sendable { case day, week, month, year }
        var amount: Int
        var unit: Unit
        /// The signed ISO 8601 duration as the file writes it (`-P1D`).
        var form: String
    }

    enum Direction: Sendable { case last, next, this }
    enum Era: Sendable { case gregorian, hijri }

    var gregorianMonths = PhraseTable<Int>()
    var hijriMonths = PhraseTable<Int>()
    var weekdays: [WordKey: Int] = [:]
    var relative = PhraseTable<Offset>()
    var directions: [WordKey: Direction] = [:]
    var future: Set<WordKey> = []
    var notFuture: Set<WordKey> = []
    var notToday: Set<WordKey> = []
    var eras: [WordKey: Era] = [:]
    var yearNouns: Set<WordKey> = []
    var yearCues: Set<WordKey> = []
    /// Every word a date may start with (numbers aside): one lookup skips all other words.
    var starters: Set<WordKey> = []

    /// The lexicon shipped in the package.
    public static let standard: DateLexicon = {
        do {
            return try DateLexicon(directory: CueFile.bundledDirectory)
        } catch {
            fatalError("Marsad's date cues are missing from the bundle: \(error)")
        }
    }()

    /// Loads `dates.txt` from a directory laid out like `Resources/cues`.
    public init(directory: URL) throws {
        let file = try CueFile(directory: directory, name: "dates.txt")
        for (name, month) in CalendarNames.gregorianMonths { gregorianMonths.insert(name, month) }
        for (name, month) in CalendarNames.hijriMonths { hijriMonths.insert(name, month) }
        for (name, weekday) in CalendarNames.weekdays { weekdays[WordKey(name)] = weekday }
        for entry in try file.section("relative") {
            let form = try QuantityLexicon.value(of: entry, in: file)
            guard let offset = Self.offset(form) else {
                throw CueFileError(file: file.name, line: entry.line, message: "'\(form)' is not a signed ISO 8601 duration such as -P1D")
            }
            for phrase in entry.forms { relative.insert(phrase, offset) }
        }
        for (section, direction) in [("last", Direction.last), ("next", .next), ("this", .this)] {
            for form in try file.forms(section) { directions[WordKey(form)] = direction }
        }
        future = Set(try file.forms("future").map(WordKey.init))
        notFuture = Set(try file.forms("not-future").map(WordKey.init))
        notToday = Set(try file.forms("not-today").map(WordKey.init))
        for entry in try file.section("era") {
            let era: Era = try QuantityLexicon.value(of: entry, in: file) == "AH" ? .hijri : .gregorian
            for form in entry.forms { eras[WordKey(form)] = era }
        }
        yearNouns = Set(try file.forms("year-noun").map(WordKey.init))
        yearCues = Set(try file.forms("year").map(WordKey.init))
        starters = Set(weekdays.keys).union([WordKey("يوم"), WordKey("اليوم")]).union(gregorianMonths.firstWords)
            .union(hijriMonths.firstWords).union(relative.firstWords).union(yearNouns).union(yearCues)
    }

    /// `-P1D`, `P0W`, `P2D` …
    static func offset(_ form: String) -> Offset? {
        var rest = Substring(form)
        let sign = rest.hasPrefix("-") ? -1 : 1
        if sign < 0 { rest = rest.dropFirst() }
        guard rest.hasPrefix("P"), let letter = rest.last, let amount = Int(rest.dropFirst().dropLast()) else { return nil }
        let unit: Offset.Unit
        switch letter {
        case "D": unit = .day
        case "W": unit = .week
        case "M": unit = .month
        case "Y": unit = .year
        default: return nil
        }
        return Offset(amount: sign * amount, unit: unit, form: form)
    }
}
