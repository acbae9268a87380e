/// Machine-written timestamps (ISO 8601 and RFC 822, as feeds, meta tags and exports write them),
/// written as RFC 3339 in the source's own offset (`2026-02-11T09:30:00+03:00`, so the date the site
/// printed survives) or moved to UTC (`2026-02-11T06:30:00Z`, the archive's sort key).
///
/// Invariant: both forms of one timestamp name the same instant, and `Z` stands for UTC or for a
/// source that gave no zone.
public enum Timestamp {
    /// The parts of a timestamp as the source wrote them; `offsetMinutes` is nil without a zone.
    public struct Parts: Sendable, Hashable {
        public var year, month, day, hour, minute, second: Int
        public var offsetMinutes: Int?

        public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, offsetMinutes: Int? = nil) {
            (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
            self.offsetMinutes = offsetMinutes
        }
    }

    /// `text` as RFC 3339 in the source's own offset, or nil when it is not a timestamp Marsad reads.
    public static func iso(_ text: String) -> String? { parts(text).flatMap(local) }

    /// The UTC ISO 8601 form of `text`, or nil when it is not a timestamp Marsad reads.
    public static func utcISO(_ text: String) -> String? { parts(text).flatMap(utc) }

    /// The fields of `text`, ISO 8601 or RFC 822.
    public static func parts(_ text: String) -> Parts? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.endIndex
        bytes.removeFirst(start)
        guard !bytes.isEmpty, bytes.count <= maxBytes else { return nil }
        if bytes[0] >= 0x30 && bytes[0] <= 0x39 { return iso8601(bytes) }
        return rfc822(String(decoding: bytes, as: UTF8.self))
    }

    /// Longer than any timestamp with fractions, a weekday and a zone: longer text is prose.
    static let maxBytes = 64

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
    static func iso8601(_ s: [UInt8]) -> Parts? {
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
        var hour = 0, minute = 0, second = 0
        var offset: Int?
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
                if s[i] == 0x5A || s[i] == 0x7A { i += 1; offset = 0 } else if s[i] == 0x2B || s[i] == 0x2D {
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
        return Parts(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }

    static let monthAbbreviations = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
                                     "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let zones = ["gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
                        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420]

    /// "Sun, 18 Feb 2018 21:35:43 +0400", "18 Feb 2018 21:35 GMT".
    static func rfc822(_ text: String) -> Parts? {
        var parts = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = parts.first, Int(first) == nil { parts.removeFirst() }
        guard parts.count >= 3, let day = Int(parts[0]), let month = monthAbbreviations[String(parts[1].prefix(3))],
              var year = Int(parts[2]) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        var hour = 0, minute = 0, second = 0
        var offset: Int?
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
        return Parts(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }

    /// True when the fields name a real time (the day within its month, an offset within a day).
    static func isValid(_ p: Parts) -> Bool {
        guard (1000...9999).contains(p.year), (1...12).contains(p.month), (0...23).contains(p.hour),
              (0...59).contains(p.minute), (0...60).contains(p.second), abs(p.offsetMinutes ?? 0) < 1440 else { return false }
        let lastDay = CivilDays.days(year: p.month == 12 ? p.year + 1 : p.year, month: p.month % 12 + 1, day: 1)
            - CivilDays.days(year: p.year, month: p.month, day: 1)
        return (1...lastDay).contains(p.day)
    }

    /// RFC 3339 as the source wrote it: its own offset, or `Z` for UTC and for no zone.
    public static func local(_ p: Parts) -> String? {
        guard isValid(p) else { return nil }
        return "\(p.year)-\(pad(p.month))-\(pad(p.day))T\(pad(p.hour)):\(pad(p.minute)):\(pad(p.second))" + zone(p.offsetMinutes ?? 0)
    }

    /// The same instant in UTC, with civil-calendar arithmetic (no Foundation calendars in the hot path).
    public static func utc(_ p: Parts) -> String? {
        guard isValid(p) else { return nil }
        var total = daysFromCivil(p.year, p.month, p.day) * 1440 + p.hour * 60 + p.minute - (p.offsetMinutes ?? 0)
        let days = Int((Double(total) / 1440).rounded(.down))
        total -= days * 1440
        let (y, m, d) = civilFromDays(days)
        return "\(y)-\(pad(m))-\(pad(d))T\(pad(total / 60)):\(pad(total % 60)):\(pad(p.second))Z"
    }

    /// `Z`, `+03:00`, `-02:30`.
    static func zone(_ minutes: Int) -> String {
        guard minutes != 0 else { return "Z" }
        return (minutes < 0 ? "-" : "+") + pad(abs(minutes) / 60) + ":" + pad(abs(minutes) % 60)
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int { CivilDays.days(year: year, month: month, day: day) }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) { CivilDays.civil(days: days) }
}
