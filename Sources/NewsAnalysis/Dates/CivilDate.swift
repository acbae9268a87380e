import ArabicText

/// A day of the proleptic Gregorian calendar, counted from 1970-01-01 (day 0).
///
/// The conversions are Howard Hinnant's `days_from_civil` and `civil_from_days`: exact for any year,
/// no Foundation `Calendar`, no time zones.
struct CivilDate: Hashable, Comparable, Sendable {
    let days: Int

    init(days: Int) { self.days = days }

    /// Nil for a day that the month does not have (31 April, 29 February 2025).
    init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), (1...9999).contains(year) else { return nil }
        days = CivilDays.days(year: year, month: month, day: day)
    }

    /// The date of an ISO 8601 timestamp or date (`2026-02-11T09:30:00Z`, `2026-02-11`): its calendar
    /// day as written, whatever the zone.
    init?(iso text: String) {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    var civil: (year: Int, month: Int, day: Int) { CivilDays.civil(days: days) }

    var year: Int { civil.year }
    var month: Int { civil.month }

    /// ISO 8601 weekday: 1 Monday … 7 Sunday. 1970-01-01 was a Thursday.
    var isoWeekday: Int { ((days % 7) + 7 + 3) % 7 + 1 }

    func adding(days count: Int) -> CivilDate { CivilDate(days: days + count) }

    /// `YYYY-MM-DD`.
    var iso: String {
        let (year, month, day) = civil
        return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// The ISO 8601 week, `YYYY-Www`: weeks start on Monday and belong to the year of their Thursday.
    var isoWeek: String {
        let thursday = adding(days: 4 - isoWeekday)
        let year = thursday.year
        let week = (thursday.days - CivilDate(year: year, month: 1, day: 1)!.days) / 7 + 1
        return "\(Self.pad(year, 4))-W\(Self.pad(week, 2))"
    }

    static func < (a: CivilDate, b: CivilDate) -> Bool { a.days < b.days }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `YYYY-MM`.
    static func isoMonth(year: Int, month: Int) -> String { "\(pad(year, 4))-\(pad(month, 2))" }
}

/// The tabular (arithmetical) Islamic calendar: 30-year cycles with leap years 2, 5, 7, 10, 13, 16,
/// 18, 21, 24, 26 and 29, months of 30 and 29 days in turn, epoch 16 July 622 (Julian).
///
/// It is an approximation: the months that Saudi Arabia (Umm al-Qura) or a moon sighting fix may
/// start a day earlier or later, so a converted date is right to within ±1 day (rarely 2).
enum HijriCalendar {
    /// Julian day number of 1 Muharram 1 AH, less one.
    static let epoch = 1_948_439
    /// Julian day number of 1970-01-01.
    static let unixEpoch = 2_440_588

    /// The Gregorian day of a Hijri date, or nil for an impossible one (day 31, month 13).
    static func date(year: Int, month: Int, day: Int) -> CivilDate? {
        guard (1...9666).contains(year), (1...12).contains(month), (1...30).contains(day) else { return nil }
        let julianDay = day + (59 * (month - 1) + 1) / 2 + (year - 1) * 354 + (3 + 11 * year) / 30 + epoch
        return CivilDate(days: julianDay - unixEpoch)
    }

    /// The Hijri year that a Gregorian day falls in.
    static func year(of date: CivilDate) -> Int {
        let julianDay = date.days + unixEpoch
        return (30 * (julianDay - epoch - 1) + 10646) / 10631
    }
}
