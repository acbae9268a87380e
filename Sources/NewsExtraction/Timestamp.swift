import ArabicText
/// Machine-written timestamps (ISO 8601 and RFC 822, as feeds, meta tags and exports write them),
/// converted to ISO 8601 in UTC: `2026-02-11T06:30:00Z`.
public enum Timestamp {
    /// The UTC ISO 8601 form of `text`, or nil when it is not a timestamp Marsad reads.
    public static func utcISO(_ text: String) -> String? {
        let trimmed = text.trimmingASCIISpaces()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else { return nil }
        if let first = trimmed.utf8.first, first >= 0x30 && first <= 0x39 {
            return iso8601(Array(trimmed.utf8))
        }
        return rfc822(trimmed)
    }

    /// A Unix time in seconds (or milliseconds, when it is too large for seconds) as UTC ISO 8601.
    public static func utcISO(unixTime: Double) -> String? {
        guard unixTime.isFinite else { return nil }
        let seconds = unixTime > 100_000_000_000 ? unixTime / 1000 : unixTime
        guard seconds > -2_000_000_000_00, seconds < 253_402_300_800 else { return nil }
        let whole = Int(seconds.rounded(.down))
        let days = Int((Double(whole) / 86_400).rounded(.down))
        let rest = whole - days * 86_400
        let (y, m, d) = civilFromDays(days)
        return "\(y)-\(pad(m))-\(pad(d))T\(pad(rest / 3600)):\(pad(rest % 3600 / 60)):\(pad(rest % 60))Z"
    }

    /// 2026-02-11, 2026-02-11T09:30, 2026-02-11T09:30:00.123+03:00, 2026-02-11 09:30:00Z, 2017-01-22T181500.
    static func iso8601(_ s: [UInt8]) -> String? {
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var value = 0
            for k in i..<(i + digits) {
                guard s[k] >= 0x30 && s[k] <= 0x39 else { return nil }
                value = value * 10 + Int(s[k] - 0x30)
            }
            i += digits
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            if i < s.count && s[i] == byte { i += 1; return true }
            return false
        }
        guard let year = number(4), skip(0x2D), let month = number(2), skip(0x2D), let day = number(2) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        if i < s.count && (s[i] == 0x54 || s[i] == 0x20 || s[i] == 0x74) {
            i += 1
            // Extended (09:30:00) or basic (093000, 0930) time, as some exports write it.
            guard let h = number(2) else { return nil }
            let extended = skip(0x3A)
            guard let m = number(2) else { return nil }
            hour = h
            minute = m
            if extended {
                if skip(0x3A) { guard let sec = number(2) else { return nil }; second = sec }
            } else if i + 1 < s.count, s[i] >= 0x30 && s[i] <= 0x39 {
                guard let sec = number(2) else { return nil }
                second = sec
            }
            if skip(0x2E) || skip(0x2C) { while i < s.count && s[i] >= 0x30 && s[i] <= 0x39 { i += 1 } }
            while i < s.count && s[i] == 0x20 { i += 1 }
            if i < s.count {
                if s[i] == 0x5A || s[i] == 0x7A { i += 1 } else if s[i] == 0x2B || s[i] == 0x2D {
                    let sign = s[i] == 0x2D ? -1 : 1
                    i += 1
                    guard let oh = number(2) else { return nil }
                    _ = skip(0x3A)
                    let om = number(2) ?? 0
                    offset = sign * (oh * 60 + om)
                }
            }
        }
        guard i == s.count else { return nil }
        return utc(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }

    static let monthAbbreviations = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
                                     "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let zones = ["gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
                        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420]

    /// "Sun, 18 Feb 2018 21:35:43 +0400", "18 Feb 2018 21:35 GMT".
    static func rfc822(_ text: String) -> String? {
        var parts = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = parts.first, Int(first) == nil { parts.removeFirst() }
        guard parts.count >= 3, let day = Int(parts[0]), let month = monthAbbreviations[String(parts[1].prefix(3))],
              var year = Int(parts[2]) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        var hour = 0, minute = 0, second = 0, offset = 0
        if parts.count >= 4 {
            let clock = parts[3].split(separator: ":").map { Int($0) }
            guard clock.count >= 2, let h = clock[0], let m = clock[1] else { return nil }
            hour = h
            minute = m
            if clock.count > 2 { second = clock[2] ?? 0 }
        }
        if parts.count >= 5 {
            let zone = parts[4]
            if let known = zones[zone] {
                offset = known
            } else if zone.count == 5, let sign = zone.first, sign == "+" || sign == "-", let value = Int(zone.dropFirst()) {
                offset = (sign == "-" ? -1 : 1) * ((value / 100) * 60 + value % 100)
            }
        }
        return utc(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }

    /// Applies a UTC offset with civil-calendar arithmetic (no Foundation calendars in the hot path).
    static func utc(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetMinutes: Int) -> String? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second), (1000...9999).contains(year) else { return nil }
        var total = daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offsetMinutes
        let days = Int((Double(total) / 1440).rounded(.down))
        total -= days * 1440
        let (y, m, d) = civilFromDays(days)
        return "\(y)-\(pad(m))-\(pad(d))T\(pad(total / 60)):\(pad(total % 60)):\(pad(second))Z"
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int { CivilDays.days(year: year, month: month, day: day) }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) { CivilDays.civil(days: days) }
}
