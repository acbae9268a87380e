import ArabicText

/// Reads the publication date that a page prints: "نشر في: الأربعاء 11 فبراير 2026 - 09:30",
/// "الأربعاء - 22 جمادى الآخرة 1447 هـ - 11 فبراير 2026 مـ", "11 شباط 2026", "2026-02-11".
///
/// Times without a zone are taken as UTC: a text dump does not say which zone the site prints.
public enum DateLine {
    /// DateLine compares short words as `String`s: it runs on few lines, after byte-level checks.
    static func stringKey(_ text: some StringProtocol) -> String { MatchKey(text).description }

    /// Gregorian month names in the Egyptian/Gulf, Levantine and Maghrebi systems, by match key.
    static let months: [String: Int] = {
        var table = [String: Int]()
        for (name, month) in CalendarNames.gregorianMonths { table[DateLine.stringKey(name)] = month }
        return table
    }()

    static let weekdays: Set<String> = Set(CalendarNames.weekdays.map { DateLine.stringKey($0.name) })

    /// Words that may sit on a date-only line without making it text.
    static let dateFiller: Set<String> = Set(
        ["بتوقيت", "هـ", "ه", "م", "مـ", "ص", "مساء", "صباحا", "مساءً", "صباحاً", "بتوقيت", "غرينتش", "جرينتش", "gmt", "utc",
         "محرم", "صفر", "ربيع", "الأول", "الآخر", "الثاني", "جمادى", "الأولى", "الآخرة", "رجب", "شعبان", "رمضان",
         "شوال", "ذو", "القعدة", "الحجة", "ذي", "في", "الساعة",
         // A daily's print line ends with its issue number: "… مـ رقم العدد [16521]".
         "رقم", "العدد"].map(DateLine.stringKey))

    /// Cues that start a publication line, by match key.
    static let publishedCues: [String] = ["نشر في", "نشر بتاريخ", "نشر", "تاريخ النشر", "منشور في", "published"]
        .map(DateLine.stringKey)
    static let updatedCues: [String] = ["آخر تحديث", "تم التحديث", "محدث", "تحديث", "updated"].map(DateLine.stringKey)

    public enum Kind: Sendable, Equatable { case published, updated }

    /// If the line is a publication or update line, its kind and ISO date.
    public static func parse(line: String) -> (kind: Kind, iso: String)? {
        let key = stringKey(line)
        var kind: Kind?
        var rest = Substring(key)
        for cue in publishedCues where key.hasPrefix(cue) {
            kind = .published
            rest = key.dropFirst(cue.count)
            break
        }
        if kind == nil {
            for cue in updatedCues where key.hasPrefix(cue) {
                kind = .updated
                rest = key.dropFirst(cue.count)
                break
            }
        }
        var words = rest.split(whereSeparator: isSeparator)
        // "بتوقيت القاهرة", "بتوقيت غرينتش": the zone the time is in.
        var zone: TimeZoneRule?
        if let cue = words.firstIndex(of: "بتوقيت") {
            let place = words[(cue + 1)...].prefix(2)
            zone = TimeZoneRule.named(place.joined(separator: " ")) ?? place.first.flatMap { TimeZoneRule.named(String($0)) }
            if zone != nil { words.removeSubrange(cue..<min(words.count, cue + 1 + place.count)) }
        }
        guard !words.isEmpty, words.count <= 16, var iso = date(in: words) else { return nil }
        if let zone { iso = zone.stamped(iso) ?? iso }
        if kind == nil {
            // Without a cue, the line must hold nothing but the date.
            for word in words where !isDateWord(word) { return nil }
            kind = .published
        }
        return (kind!, iso)
    }

    /// The first date anywhere in a short text that is known to print a date (a date element of a
    /// page): other words around it are allowed. "الخميس، 5 شباط 2026 | عدد القراءات: 1523".
    public static func findDate(in text: String) -> String? {
        for segment in text.split(whereSeparator: { $0 == "|" || $0 == "\n" }) {
            if let (kind, iso) = parse(line: String(segment)) { return kind == .published ? iso : nil }
            let words = stringKey(segment).split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "،" || $0 == "," || $0 == "-" || $0 == "/" })
            if words.count <= 24, let iso = date(in: words) { return iso }
        }
        return nil
    }

    /// True for a line of nothing but date words and numbers, such as a Hijri-only date ("الجمعة، 1
    /// رمضان 1441 هـ"), which has no Gregorian date to give: it is still no paragraph.
    public static func isDateOnly(line: String) -> Bool {
        let words = stringKey(line).split(whereSeparator: isSeparator)
        guard !words.isEmpty, words.count <= 16, words.contains(where: { $0.allSatisfy(\.isNumber) }) else { return false }
        return words.allSatisfy(isDateWord)
    }

    /// What separates the words of a date line: "الأحد، 3 أغسطس 2025 - 10:00 [16521]".
    static func isSeparator(_ character: Character) -> Bool {
        character == " " || character == ":" || character == "|" || character == "،" || character == "," || character == "-"
            || character == "–" || character == "/" || character == "[" || character == "]"
    }

    static func isDateWord(_ word: Substring) -> Bool {
        if word.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":" || $0 == ".") }) { return true }
        let key = String(word)
        return months[key] != nil || weekdays.contains(key) || dateFiller.contains(key)
            || months.keys.contains(where: { $0.split(separator: " ").contains(word) })
    }

    /// The first Gregorian date (and a time after it) in search-normalized words.
    static func date(in words: [Substring]) -> String? {
        var index = 0
        while index < words.count {
            if let day = Int(words[index]), (1...31).contains(day), index + 2 < words.count {
                var monthIndex = index + 1
                var month = months[String(words[monthIndex])]
                if month == nil, monthIndex + 1 < words.count {
                    month = months[words[monthIndex] + " " + words[monthIndex + 1]]
                    if month != nil { monthIndex += 1 }
                }
                // "آب/اغسطس": the same month in a second system, written after the first.
                if month != nil, monthIndex + 2 < words.count, months[String(words[monthIndex + 1])] == month { monthIndex += 1 }
                if let month, monthIndex + 1 < words.count, let year = Int(words[monthIndex + 1]), (1900...2100).contains(year) {
                    let time = self.time(in: words[(monthIndex + 2)...])
                    return iso(year: year, month: month, day: day, time: time)
                }
            }
            // 2026-02-11 and 11/02/2026 arrive split at '-' and '/'.
            if let a = Int(words[index]), index + 2 < words.count, let b = Int(words[index + 1]), let c = Int(words[index + 2]) {
                if (1900...2100).contains(a), (1...12).contains(b), (1...31).contains(c) {
                    return iso(year: a, month: b, day: c, time: time(in: words[(index + 3)...]))
                }
                if (1900...2100).contains(c), (1...12).contains(b), (1...31).contains(a) {
                    return iso(year: c, month: b, day: a, time: time(in: words[(index + 3)...]))
                }
            }
            index += 1
        }
        return nil
    }

    /// "09:30" (split at ':' into "09", "30"), with م / مساء turning it into the afternoon.
    static func time(in words: ArraySlice<Substring>) -> (Int, Int)? {
        var index = words.startIndex
        while index + 1 < words.endIndex {
            if let hour = Int(words[index]), let minute = Int(words[index + 1]), words[index].count <= 2, words[index + 1].count == 2,
               (0...23).contains(hour), (0...59).contains(minute) {
                var hour = hour
                let next = index + 2 < words.endIndex ? String(words[index + 2]) : ""
                if hour < 12, ["م", "مساء", "مساءً"].map(DateLine.stringKey).contains(next) { hour += 12 }
                return (hour, minute)
            }
            index += 1
        }
        return nil
    }

    static func iso(year: Int, month: Int, day: Int, time: (Int, Int)?) -> String? {
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), day <= days[month - 1] else { return nil }
        let (hour, minute) = time ?? (0, 0)
        return "\(year)-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):00Z"
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// The UTC offsets of the places Arabic sites print times in ("بتوقيت القاهرة"), with their
/// daylight-saving rules. A small table, because a text dump names a city, not an IANA zone.
struct TimeZoneRule {
    enum Daylight { case none, europe, egypt, levant }
    var standardMinutes: Int
    var daylight: Daylight

    static let table: [String: TimeZoneRule] = {
        let entries: [(String, Int, Daylight)] = [
            ("القاهرة", 120, .egypt), ("مصر", 120, .egypt), ("بيروت", 120, .europe), ("لبنان", 120, .europe),
            ("القدس", 120, .levant), ("غزة", 120, .levant), ("رام الله", 120, .levant), ("دمشق", 180, .none),
            ("عمان", 180, .none), ("عمّان", 180, .none), ("بغداد", 180, .none), ("الرياض", 180, .none),
            ("مكة", 180, .none), ("مكة المكرمة", 180, .none), ("السعودية", 180, .none), ("الكويت", 180, .none),
            ("الدوحة", 180, .none), ("قطر", 180, .none), ("المنامة", 180, .none), ("البحرين", 180, .none),
            ("صنعاء", 180, .none), ("عدن", 180, .none), ("أبوظبي", 240, .none), ("أبو ظبي", 240, .none),
            ("دبي", 240, .none), ("الإمارات", 240, .none), ("مسقط", 240, .none), ("طهران", 210, .none),
            ("الخرطوم", 120, .none), ("طرابلس", 120, .none), ("تونس", 60, .none), ("الجزائر", 60, .none),
            ("الرباط", 60, .none), ("المغرب", 60, .none), ("نواكشوط", 0, .none), ("لندن", 0, .europe),
            ("غرينتش", 0, .none), ("جرينتش", 0, .none), ("غرينيتش", 0, .none), ("باريس", 60, .europe),
            ("برلين", 60, .europe), ("موسكو", 180, .none), ("أنقرة", 180, .none), ("إسطنبول", 180, .none),
        ]
        var table = [String: TimeZoneRule]()
        for (name, minutes, daylight) in entries {
            table[DateLine.stringKey(name)] = TimeZoneRule(standardMinutes: minutes, daylight: daylight)
        }
        return table
    }()

    static func named(_ key: String) -> TimeZoneRule? { table[key] }

    /// "2026-02-11T09:30:00Z", read as the local time here, with this place's offset that day:
    /// "2026-02-11T09:30:00+03:00".
    func stamped(_ zoneless: String) -> String? {
        guard var parts = Timestamp.parts(zoneless) else { return nil }
        parts.offsetMinutes = standardMinutes + (isDaylight(year: parts.year, month: parts.month, day: parts.day) ? 60 : 0)
        return Timestamp.local(parts)
    }

    /// Daylight time by the day (the hour of the switch is ignored).
    func isDaylight(year: Int, month: Int, day: Int) -> Bool {
        let today = CivilDays.days(year: year, month: month, day: day)
        switch daylight {
        case .none:
            return false
        case .europe:
            return today >= Self.last(weekday: 0, month: 3, year: year) && today < Self.last(weekday: 0, month: 10, year: year)
        case .egypt:
            return today >= Self.last(weekday: 5, month: 4, year: year) && today <= Self.last(weekday: 4, month: 10, year: year)
        case .levant:
            return today >= Self.last(weekday: 5, month: 3, year: year) && today < Self.last(weekday: 0, month: 10, year: year)
        }
    }

    /// Day number of the last given weekday (0 = Sunday) of a month.
    static func last(weekday: Int, month: Int, year: Int) -> Int {
        let firstOfNext = month == 12 ? CivilDays.days(year: year + 1, month: 1, day: 1) : CivilDays.days(year: year, month: month + 1, day: 1)
        var day = firstOfNext - 1
        // 1970-01-01 was a Thursday (weekday 4).
        while ((day % 7) + 7 + 4) % 7 != weekday { day -= 1 }
        return day
    }
}
