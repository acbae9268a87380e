public import ArabicText
import NewsModel

/// The form in which names are compared: search-normalized (alef forms, ta marbuta, harakat,
/// tatweel and presentation forms folded), trimmed. Filters, speakers and entities all use it.
public enum ArchiveKey {
    public static func of(_ text: String) -> String {
        MatchKey(text).description
    }

    /// A `LIKE … ESCAPE '\'` pattern that finds `name` as one string of a JSON array column (an
    /// entity row's `mentions`), with `LIKE`'s wildcards in it escaped.
    public static func mentionPattern(_ name: String) -> String {
        var escaped = ""
        for character in name {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\"\(escaped)\"%"
    }
}

/// Dates as the archive keeps them: ISO 8601 strings, compared as text.
public enum ArchiveDates {
    /// The stored `published` that sorts and filters: the same instant in UTC, since text order is
    /// time order only within one offset. The article keeps the source's offset for display.
    public static func sortKey(_ published: String?) -> String? {
        published.map { Timestamp.utcISO($0) ?? $0 }
    }

    /// True for `YYYY`, `YYYY-MM` and `YYYY-MM-DD` naming a real month and day, optionally followed
    /// by an ISO 8601 time (`T09:30:00Z`, `T09:30+04:00`): what a stored `published` begins with.
    public static func isDatePrefix(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxDateBytes, let date = calendarPart(bytes) else { return false }
        guard bytes.count > 10 else { return true }
        return date.count == 10 && isTimeSuffix(bytes[10...])
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real month and day: the forms a search filter takes.
    public static func isFilterDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count <= 10 && calendarPart(bytes) != nil
    }

    /// Longer than any ISO 8601 timestamp with fractions and an offset.
    static let maxDateBytes = 40

    /// The calendar part's bytes (4, 7 or 10 of them) when it is well formed and real.
    static func calendarPart(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let length = bytes.count >= 10 ? 10 : bytes.count
        guard length == 4 || length == 7 || length == 10 else { return nil }
        let pattern = Array("0000-00-00".utf8)
        for index in 0..<length {
            let byte = bytes[index]
            if pattern[index] == 0x2D ? byte != 0x2D : !(0x30...0x39).contains(byte) { return nil }
        }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        if length >= 7 {
            let month = number(5..<7)
            guard (1...12).contains(month) else { return nil }
            if length == 10 {
                let day = number(8..<10)
                guard day >= 1, day <= daysInMonth(year: number(0..<4), month: month) else { return nil }
            }
        }
        return bytes[0..<length]
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `THH:MM`, then optional `:SS`, fractions, and `Z` or `±HH:MM`; a space may stand for `T`.
    static func isTimeSuffix(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 6, let first = bytes.first, first == UInt8(ascii: "T") || first == 0x20 else { return false }
        let rest = bytes.dropFirst()
        let digits = rest.prefix(5)
        guard digits.count == 5, digits[digits.startIndex + 2] == 0x3A,
            digits.enumerated().allSatisfy({ $0.offset == 2 || (0x30...0x39).contains($0.element) })
        else { return false }
        return rest.dropFirst(5).allSatisfy { (0x30...0x39).contains($0) || $0 == 0x3A || $0 == 0x2E || $0 == 0x2B || $0 == 0x2D || $0 == UInt8(ascii: "Z") }
    }

    /// The upper bound for an inclusive `to` filter: `2026-02` covers the whole month.
    public static func inclusiveUpperBound(_ to: String) -> String {
        to + "\u{10FFFF}"
    }

    /// The day number (days since 1970-01-01) of an ISO date, for recency ranking.
    public static func dayNumber(_ iso: String) -> Int? {
        let bytes = Array(iso.utf8.prefix(10))
        guard bytes.count == 10, isDatePrefix(iso) else { return nil }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return CivilDays.days(year: year, month: month, day: day)
    }
}

/// Names the outlet an article came from: the host of its URL (without `www.`), else the outlet its
/// byline names («الشرق الأوسط»), else the host of the page's URL, else nothing. A host is what analysts filter by, and it is the same for every page of
/// a site whatever language its `og:site_name` is in.
public enum Outlet {
    public static func name(articleURL: String?, pageSource: String, bylineOutlet: String? = nil) -> String? {
        host(of: articleURL) ?? bylineOutlet ?? host(of: pageSource)
    }

    static func host(of url: String?) -> String? {
        guard let url else { return nil }
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = lower.dropFirst(8) } else if lower.hasPrefix("http://") { rest = lower.dropFirst(7) } else { return nil }
        var host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        if host.hasPrefix("www.") { host = host.dropFirst(4) }
        return host.isEmpty ? nil : String(host)
    }
}

extension ArchiveDates {
    /// `YYYY-MM-DD` of a day number.
    public static func isoDay(_ days: Int) -> String {
        let (year, month, day) = CivilDays.civil(days: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// The first day a filter date covers: `2026` is 2026-01-01, `2026-02` is 2026-02-01.
    public static func firstDay(of filter: String) -> String {
        switch filter.utf8.count {
        case 4: return filter + "-01-01"
        case 7: return filter + "-01"
        default: return String(filter.prefix(10))
        }
    }

    /// The last day a filter date covers: `2026` is 2026-12-31, `2024-02` is 2024-02-29.
    public static func lastDay(of filter: String) -> String {
        let bytes = Array(filter.utf8)
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 &- 0x30) } }
        switch bytes.count {
        case 4: return filter + "-12-31"
        case 7: return filter + "-" + String(daysInMonth(year: number(0..<4), month: number(5..<7)))
        default: return String(filter.prefix(10))
        }
    }
}
