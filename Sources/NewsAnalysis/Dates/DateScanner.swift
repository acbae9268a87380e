import ArabicText
import NewsModel

/// One pass of ``DateExtractor`` over a paragraph's tokens.
struct DateScanner {
    let lexicon: DateLexicon
    let published: CivilDate?

    /// A date found at a token: its first byte, the token after it, and its values.
    struct Found {
        var startByte: Int
        var end: Int
        var value: String
        var relative: String?
    }

    static let openBracket = WordKey("("), closeBracket = WordKey(")"), slash = WordKey("/"), dash = WordKey("-"), dot = WordKey(".")
    static let comma = WordKey("،"), latinComma = WordKey(","), enDash = WordKey("–")
    static let day = WordKey("يوم"), today = WordKey("اليوم"), futurePrefix = WordKey("س")
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                             "november", "december"]
    static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    /// How far back a future marker may stand from a weekday, in tokens.
    static let futureReach = 6

    func scan(_ text: TokenizedText, paragraph: Int, into results: inout [DateMatch]) {
        var index = 0
        while index < text.count {
            guard let found = read(text, at: index) else {
                index += 1
                continue
            }
            let range = found.startByte..<text.ranges[found.end - 1].upperBound
            results.append(DateMatch(date: DateMention(text: text.text(range), value: found.value, relative: found.relative),
                                     paragraph: paragraph, range: range))
            index = found.end
        }
    }

    func read(_ text: TokenizedText, at index: Int) -> Found? {
        let kind = text.kinds[index]
        if kind == .number { return explicitDate(text, at: index) }
        guard kind == .arabicWord else { return nil }
        let key = text.keys[index]
        let stripped = Proclitic.strippedOnce(key)
        guard lexicon.starters.contains(key) || stripped.map({ lexicon.starters.contains($0.key) }) == true else { return nil }
        // "يوم الأربعاء", "اليوم الأربعاء".
        if key == Self.day || key == Self.today || stripped?.key == Self.day, weekday(text, index + 1) != nil {
            return weekdayDate(text, from: index, weekdayAt: index + 1)
        }
        if weekday(text, index) != nil { return weekdayDate(text, from: index, weekdayAt: index) }
        if let found = monthDate(text, at: index) { return found }
        if let found = yearDate(text, at: index) { return found }
        return relativeDate(text, at: index)
    }

    // MARK: Dates given in full

    /// A day, month and year, or a numeric date, starting at a number.
    func explicitDate(_ text: TokenizedText, at index: Int) -> Found? {
        if let found = numericDate(text, at: index) { return found }
        guard let day = smallNumber(text, index, maxDigits: 2), (1...31).contains(day),
              let (month, hijri, monthEnd) = month(text, at: index + 1) else { return nil }
        var end = skipAlternateMonth(text, after: monthEnd)
        let start = text.ranges[index].lowerBound
        if let (year, yearEnd) = year(text, at: end, hijri: hijri) {
            end = yearEnd
            if hijri {
                guard let date = HijriCalendar.date(year: year, month: month, day: day) else { return nil }
                return Found(startByte: start, end: end, value: date.iso, relative: nil)
            }
            guard let date = CivilDate(year: year, month: month, day: day) else { return nil }
            return Found(startByte: start, end: end, value: date.iso, relative: nil)
        }
        // A number that is not a year of this calendar («5 رمضان 2025 م»): no date rather than a wrong one.
        if end < text.count, text.kinds[end] == .number { return nil }
        // No year: the one nearest the publication date, or before / after it with الماضي / المقبل.
        let direction = end < text.count ? lexicon.directions[text.keys[end]] : nil
        if direction == .last || direction == .next { end += 1 }
        guard let published else {
            guard !hijri, CivilDate(year: 2000, month: month, day: day) != nil else { return nil }  // 2000 has 29 February
            return Found(startByte: start, end: end, value: "--\(CivilDate.pad(month, 2))-\(CivilDate.pad(day, 2))", relative: nil)
        }
        let baseYear = hijri ? HijriCalendar.year(of: published) : published.year
        let candidates = (baseYear - 1...baseYear + 1).compactMap { year in
            hijri ? HijriCalendar.date(year: year, month: month, day: day) : CivilDate(year: year, month: month, day: day)
        }
        guard let date = Self.choose(candidates, around: published, direction) else { return nil }
        return Found(startByte: start, end: end, value: date.iso, relative: nil)
    }

    /// The candidate nearest `published`: the latest before it for `.last`, the earliest after it for `.next`.
    static func choose(_ candidates: [CivilDate], around published: CivilDate, _ direction: DateLexicon.Direction?) -> CivilDate? {
        switch direction {
        case .last: return candidates.filter { $0 < published }.max()
        case .next: return candidates.filter { $0 > published }.min()
        default: return candidates.min { abs($0.days - published.days) < abs($1.days - published.days) }
        }
    }

    /// 2026-02-11, 11/2/2026, 11-2-2026, 11.02.2026.
    func numericDate(_ text: TokenizedText, at index: Int) -> Found? {
        var parts = [Int](), digits = [Int]()
        var end = index
        let key = text.keys[index]
        if key.byteCount >= 8, (0..<key.byteCount).filter({ key[$0] == UInt8(ascii: ".") }).count == 2 {
            // The tokenizer keeps 11.02.2026 as one number.
            for part in key.string.split(separator: ".") {
                guard let value = Int(part) else { return nil }
                parts.append(value)
                digits.append(part.count)
            }
            end = index + 1
        } else {
            var separator: WordKey?
            var position = index
            while parts.count < 3 {
                guard position < text.count, text.kinds[position] == .number, let value = smallNumber(text, position, maxDigits: 4) else { return nil }
                parts.append(value)
                digits.append(text.keys[position].byteCount)
                end = position + 1
                guard parts.count < 3 else { break }
                let next = position + 1
                guard next + 1 < text.count, text.glued(position, next), text.glued(next, next + 1) else { return nil }
                let mark = text.keys[next]
                guard mark == Self.slash || mark == Self.dash, separator == nil || separator == mark else { return nil }
                separator = mark
                position = next + 1
            }
        }
        guard parts.count == 3 else { return nil }
        let date: CivilDate?
        if digits[0] == 4 {
            date = CivilDate(year: parts[0], month: parts[1], day: parts[2])
        } else if digits[2] == 4, digits[0] <= 2, digits[1] <= 2 {
            date = CivilDate(year: parts[2], month: parts[1], day: parts[0])
        } else {
            return nil
        }
        guard let date, (1000...2999).contains(date.year) else { return nil }
        return Found(startByte: text.ranges[index].lowerBound, end: end, value: date.iso, relative: nil)
    }

    // MARK: Months and years

    /// A month name (without a day before it) with a year ("مارس 2025") or a modifier ("مارس الماضي").
    func monthDate(_ text: TokenizedText, at index: Int) -> Found? {
        // After a day that made no date («31 أبريل 2024»), the month makes none either.
        if index > 0, smallNumber(text, index - 1, maxDigits: 2) != nil { return nil }
        guard let (month, hijri, monthEnd) = month(text, at: index), !hijri else { return nil }
        var end = skipAlternateMonth(text, after: monthEnd)
        let start = text.ranges[index].lowerBound
        if let (year, yearEnd) = year(text, at: end, hijri: false) {
            return Found(startByte: start, end: yearEnd, value: CivilDate.isoMonth(year: year, month: month), relative: nil)
        }
        guard end < text.count, let direction = lexicon.directions[text.keys[end]] else { return nil }
        end += 1
        let name = Self.monthNames[month - 1]
        let relative: String
        switch direction {
        case .last: relative = "last-" + name
        case .next: relative = "next-" + name
        case .this: relative = "this-" + name
        }
        guard let published else { return Found(startByte: start, end: end, value: "--" + CivilDate.pad(month, 2), relative: relative) }
        var year = published.year
        switch direction {
        case .last: if month >= published.month { year -= 1 }
        case .next: if month <= published.month { year += 1 }
        case .this: break
        }
        return Found(startByte: start, end: end, value: CivilDate.isoMonth(year: year, month: month), relative: relative)
    }

    /// «عام 2025», «في 2025», «منذ 2014», «لعام 2025»: a year alone.
    func yearDate(_ text: TokenizedText, at index: Int) -> Found? {
        guard index + 1 < text.count, text.kinds[index + 1] == .number else { return nil }
        var key = text.keys[index]
        var start = text.ranges[index].lowerBound
        if !lexicon.yearNouns.contains(key) && !lexicon.yearCues.contains(key), let stripped = Proclitic.strippedOnce(key) {
            key = stripped.key
            start = text.offset(afterLetters: stripped.letters, in: index)
        }
        let isNoun = lexicon.yearNouns.contains(key)
        guard isNoun || lexicon.yearCues.contains(key) else { return nil }
        guard let (year, end) = year(text, at: index + 1, hijri: false), text.keys[index + 1].byteCount == 4 else { return nil }
        if !isNoun { start = text.ranges[index + 1].lowerBound }
        return Found(startByte: start, end: end, value: CivilDate.pad(year, 4), relative: nil)
    }

    /// The month name at `index` (one or two tokens): its number, whether it is Hijri, and the token after it.
    func month(_ text: TokenizedText, at index: Int) -> (Int, Bool, Int)? {
        guard index < text.count, text.kinds[index] == .arabicWord else { return nil }
        if let (month, length) = lexicon.gregorianMonths.longestMatch(in: text, at: index) { return (month, false, index + length) }
        if let (month, length) = lexicon.hijriMonths.longestMatch(in: text, at: index) { return (month, true, index + length) }
        return nil
    }

    /// Past «(كانون الثاني)» or «/كانون الثاني» after a month name.
    func skipAlternateMonth(_ text: TokenizedText, after end: Int) -> Int {
        guard end < text.count else { return end }
        if text.keys[end] == Self.openBracket, let (_, _, alternateEnd) = month(text, at: end + 1), alternateEnd < text.count,
           text.keys[alternateEnd] == Self.closeBracket {
            return alternateEnd + 1
        }
        if text.keys[end] == Self.slash, let (_, _, alternateEnd) = month(text, at: end + 1) { return alternateEnd }
        return end
    }

    /// A year at `index` (with an era word after it, which must agree), and the token after it.
    func year(_ text: TokenizedText, at index: Int, hijri: Bool) -> (Int, Int)? {
        guard index < text.count, text.kinds[index] == .number, let year = smallNumber(text, index, maxDigits: 4) else { return nil }
        guard hijri ? (1...1999).contains(year) : (1000...2999).contains(year) && text.keys[index].byteCount == 4 else { return nil }
        var end = index + 1
        if end < text.count, let era = lexicon.eras[text.keys[end]] {
            guard (era == .hijri) == hijri else { return nil }
            end += 1
        }
        return (year, end)
    }

    /// A whole number of at most `maxDigits` ASCII-folded digits.
    func smallNumber(_ text: TokenizedText, _ index: Int, maxDigits: Int) -> Int? {
        guard index < text.count, text.kinds[index] == .number else { return nil }
        let key = text.keys[index]
        guard key.byteCount >= 1, key.byteCount <= maxDigits else { return nil }
        var value = 0
        for position in 0..<key.byteCount {
            let byte = key[position]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    // MARK: Weekdays and relative words

    /// The ISO weekday named at `index` («الأربعاء», «والخميس»).
    func weekday(_ text: TokenizedText, _ index: Int) -> Int? {
        guard index < text.count, text.kinds[index] == .arabicWord else { return nil }
        let key = text.keys[index]
        if let weekday = lexicon.weekdays[key] { return weekday }
        guard key.hasPrefix(Proclitic.waw) || key.hasPrefix(Proclitic.feh) else { return nil }
        return lexicon.weekdays[key.dropFirst(Proclitic.letterBytes)]
    }

    func weekdayDate(_ text: TokenizedText, from first: Int, weekdayAt index: Int) -> Found? {
        guard let weekday = weekday(text, index) else { return nil }
        var start = text.ranges[first].lowerBound
        if !text.keys[first].hasPrefix(Proclitic.article), text.keys[first].hasPrefix(Proclitic.waw) || text.keys[first].hasPrefix(Proclitic.feh) {
            start = text.offset(afterLetters: 1, in: first)
        }
        // «الأربعاء 11 فبراير 2026», «الأربعاء، 11 فبراير»: one date.
        var next = index + 1
        if next < text.count, [Self.comma, Self.latinComma, Self.dash, Self.enDash].contains(text.keys[next]) { next += 1 }
        if next < text.count, text.kinds[next] == .number, var found = explicitDate(text, at: next) {
            found.startByte = start
            return found
        }
        var end = index + 1
        var direction = end < text.count ? lexicon.directions[text.keys[end]] : nil
        if direction == .last || direction == .next { end += 1 } else { direction = nil }
        if direction == nil, isFuture(text, before: first) { direction = .next }
        let relative = (direction == .next ? "next-" : "last-") + Self.weekdayNames[weekday - 1]
        guard let published else { return Found(startByte: start, end: end, value: relative, relative: relative) }
        let back = (published.isoWeekday - weekday + 7) % 7
        let date: CivilDate
        switch direction {
        case .next: date = published.adding(days: back == 0 ? 7 : 7 - back)
        case .last: date = published.adding(days: -(back == 0 ? 7 : back))
        default: date = published.adding(days: -back)
        }
        return Found(startByte: start, end: end, value: date.iso, relative: relative)
    }

    /// True when the words before `index` in its sentence speak of the future.
    func isFuture(_ text: TokenizedText, before index: Int) -> Bool {
        var position = index - 1
        while position >= 0, position >= index - Self.futureReach {
            let key = text.keys[position]
            switch text.kinds[position] {
            case .punctuation:
                guard key == Self.comma || key == Self.latinComma else { return false }
            case .proclitic:
                if key == Self.futurePrefix { return true }
            case .arabicWord:
                if lexicon.future.contains(key) || isFutureVerb(key) { return true }
            default:
                break
            }
            position -= 1
        }
        return false
    }

    static let futureVerbPrefixes = ["سي", "ست", "سن", "سا"].map(WordKey.init)

    /// سيعقد, ستبدأ, سنواصل: the future prefix on a present-tense verb, unless the word is listed as
    /// one that only looks like it (سيارة, سنوات).
    func isFutureVerb(_ key: WordKey) -> Bool {
        guard key.arabicLetterCount >= 4, !lexicon.notFuture.contains(key) else { return false }
        let head = key.prefix(4)
        return Self.futureVerbPrefixes.contains(head)
    }

    /// «أمس», «الشهر الماضي», «بالأمس», «العام المقبل» …
    func relativeDate(_ text: TokenizedText, at index: Int) -> Found? {
        var start = text.ranges[index].lowerBound
        var match = lexicon.relative.longestMatch(in: text, at: index)
        if match == nil, let stripped = Proclitic.strippedOnce(text.keys[index]) {
            match = lexicon.relative.longestMatch(in: text, at: index, firstKey: stripped.key)
            start = text.offset(afterLetters: stripped.letters, in: index)
        }
        guard let (offset, length) = match else { return nil }
        var end = index + length
        if length == 1, offset.unit == .day, offset.amount == 0 {
            // «اليوم التالي», «اليوم العالمي», «ذلك اليوم», «طوال اليوم»: a day, not today.
            if end < text.count, text.keys[end].hasPrefix(Proclitic.article) { return nil }
            if index > 0, lexicon.notToday.contains(text.keys[index - 1]) { return nil }
        }
        // «أمس الخميس», «غداً الاثنين»: the weekday names the same day.
        if offset.unit == .day, weekday(text, end) != nil { end += 1 }
        guard let published else { return Found(startByte: start, end: end, value: offset.form, relative: offset.form) }
        return Found(startByte: start, end: end, value: Self.resolve(offset, published), relative: offset.form)
    }

    static func resolve(_ offset: DateLexicon.Offset, _ published: CivilDate) -> String {
        switch offset.unit {
        case .day:
            return published.adding(days: offset.amount).iso
        case .week:
            return published.adding(days: 7 * offset.amount).isoWeek
        case .month:
            let (year, month, _) = published.civil
            let index = year * 12 + (month - 1) + offset.amount
            return CivilDate.isoMonth(year: index / 12, month: index % 12 + 1)
        case .year:
            return CivilDate.pad(published.year + offset.amount, 4)
        }
    }
}

extension Proclitic {
    /// The key without one proclitic letter (و ف ب ل ك), or with لل made ال, and how many letters the
    /// display text may drop (none for لل); nil when it has none.
    /// Unlike ``variants(of:)`` it allocates nothing: it runs on every word.
    static func strippedOnce(_ key: WordKey) -> (key: WordKey, letters: Int)? {
        guard key.byteCount >= 3 * letterBytes else { return nil }
        let first = key.firstLetter
        guard isConjunction(letter: first) || isPreposition(letter: first) else { return nil }
        if first == lamLetter, key.dropFirst(letterBytes).firstLetter == lamLetter {
            // للعام: the text cannot show العام, so it keeps the whole word.
            return (article.appending(key.dropFirst(2 * letterBytes)), 0)
        }
        return (key.dropFirst(letterBytes), 1)
    }
}
