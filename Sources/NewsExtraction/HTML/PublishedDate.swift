/// Dates as pages and feeds write them, turned into ISO 8601 UTC (`2026-02-11T09:30:00Z`).
///
/// Accepted: ISO 8601 (`2026-02-11`, `2026-02-11T12:30`, `…:00+03:00`, `…+0300`, `…Z`, fractions,
/// a space instead of `T`) and RFC 822 as feeds write it (`Wed, 11 Feb 2026 12:30:00 +0300`, `GMT`,
/// US zones, two-digit years). A time without an offset is taken as UTC; a date alone as midnight UTC.
/// Done with integer arithmetic (days from the civil calendar), so no `Calendar` or formatter is
/// shared between threads.
enum PublishedDate {
    /// The first format that reads, or nil.
    static func utc(_ text: String) -> String? {
        iso8601(text) ?? rfc822(text)
    }

    static func iso8601(_ text: String) -> String? {
        var s = Scanner(Array(text.utf8))
        s.skipSpaces()
        guard let year = s.number(digits: 4), s.take("-") || s.take("/"),
              let month = s.number(maxDigits: 2), s.take("-") || s.take("/"),
              let day = s.number(maxDigits: 2) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        if s.take("T") || s.take("t") || (s.peek == 0x20 && s.peekDigit(at: 1)) {
            if s.peek == 0x20 { s.index += 1 }
            guard let h = s.number(maxDigits: 2), s.take(":"), let m = s.number(maxDigits: 2) else { return nil }
            hour = h
            minute = m
            if s.take(":") {
                guard let sec = s.number(maxDigits: 2) else { return nil }
                second = sec
                if s.take(".") || s.take(",") { while s.peekDigit(at: 0) { s.index += 1 } }
            }
            s.skipSpaces()
            if s.take("Z") || s.take("z") {
                offset = 0
            } else if s.peek == UInt8(ascii: "+") || s.peek == UInt8(ascii: "-") {
                guard let o = s.offset() else { return nil }
                offset = o
            }
        }
        return format(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }

    static func rfc822(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" })
        var k = 0
        if k < words.count, words[k].first?.isLetter == true, month(words[k]) == nil { k += 1 }  // weekday
        guard k + 2 < words.count, let day = Int(words[k]), let month = month(words[k + 1]),
              var year = Int(words[k + 2]) else { return nil }
        if words[k + 2].count == 2 { year += year < 50 ? 2000 : 1900 }
        k += 3
        var hour = 0, minute = 0, second = 0, offset = 0
        if k < words.count {
            let parts = words[k].split(separator: ":")
            guard parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
            hour = h
            minute = m
            if parts.count > 2 { guard let sec = Int(parts[2]) else { return nil }; second = sec }
            k += 1
        }
        if k < words.count {
            let zone = words[k].uppercased()
            if let named = zones[zone] {
                offset = named
            } else {
                var s = Scanner(Array(zone.utf8))
                guard let o = s.offset() else { return nil }
                offset = o
            }
        }
        return format(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }

    private static let zones: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
        "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    ]

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func month(_ word: Substring) -> Int? {
        guard word.count >= 3 else { return nil }
        let prefix = word.prefix(3).lowercased()
        return months.firstIndex(of: prefix).map { $0 + 1 }
    }

    static func format(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetMinutes: Int) -> String? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
              (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              day <= daysIn(month: month, year: year) else { return nil }
        var seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + min(second, 59)
        seconds -= offsetMinutes * 60
        let days = Int((Double(seconds) / 86400).rounded(.down))
        var rest = seconds - days * 86400
        let (y, m, d) = civilFromDays(days)
        let h = rest / 3600
        rest %= 3600
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(rest / 60, 2)):\(pad(rest % 60, 2))Z"
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Howard Hinnant's days_from_civil.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func peekDigit(at offset: Int) -> Bool {
            let i = index + offset
            return i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39
        }

        mutating func skipSpaces() { while peek == 0x20 || peek == 0x09 || peek == 0x0A { index += 1 } }

        mutating func take(_ c: Unicode.Scalar) -> Bool {
            guard peek == UInt8(c.value) else { return false }
            index += 1
            return true
        }

        mutating func number(digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for k in 0..<digits {
                let b = bytes[index + k]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            index += digits
            return value
        }

        mutating func number(maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maxDigits, peekDigit(at: 0) {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                count += 1
            }
            return count > 0 ? value : nil
        }

        /// `+03:00`, `+0300`, `+03`, `-05:30`: minutes east of UTC.
        mutating func offset() -> Int? {
            guard let sign = peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
            index += 1
            guard let hours = number(digits: 2) else { return nil }
            _ = take(":")
            let minutes = number(digits: 2) ?? 0
            guard hours <= 14, minutes < 60 else { return nil }
            let total = hours * 60 + minutes
            return sign == UInt8(ascii: "-") ? -total : total
        }
    }
}
