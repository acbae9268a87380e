import ArabicText

/// How many articles a search matches per publication day: what a store counts, and what
/// ``Timeline`` rolls up into days, weeks or months.
///
/// Invariant: `days.values.sum() + undated` equals the search's total for the same query and filters.
public struct DayCounts: Sendable, Hashable {
    /// Day number (``CivilDays``, 1970-01-01 is 0) of the UTC publication date → matching articles.
    public var days: [Int: Int]
    /// Matching articles without a publication date.
    public var undated: Int

    public init(days: [Int: Int] = [:], undated: Int = 0) {
        self.days = days
        self.undated = undated
    }

    public var total: Int { days.values.reduce(undated, +) }

    /// Counts one article by its stored (UTC) `published`; nil or unreadable counts as undated.
    public mutating func add(published: String?, count: Int = 1) {
        if let day = published.flatMap(ArchiveDates.dayNumber) { days[day, default: 0] += count } else { undated += count }
    }
}

/// The periods of a timeline.
public enum TimelineInterval: String, Sendable, Hashable, CaseIterable {
    case day, week, month

    /// Spans up to this many days are drawn by day: a quarter's bars stay wide enough to click.
    static let dailySpanLimit = 92
    /// Up to this many by week (two years, about a hundred bars); longer spans by month.
    static let weeklySpanLimit = 731

    /// The interval that draws `days` days in a readable number of bars.
    public static func fitting(spanDays days: Int) -> TimelineInterval {
        days <= dailySpanLimit ? .day : days <= weeklySpanLimit ? .week : .month
    }

    /// The first day of the period holding `day`: itself, its Monday (ISO 8601 weeks), or the 1st.
    public func start(of day: Int) -> Int {
        switch self {
        case .day: return day
        // Day 0 (1970-01-01) was a Thursday, so Monday is 3 days before a multiple of 7.
        case .week: return day - ((day % 7 + 7 + 3) % 7)
        case .month:
            let (y, m, _) = CivilDays.civil(days: day)
            return CivilDays.days(year: y, month: m, day: 1)
        }
    }

    /// The first day of the next period after the one starting at `start`.
    public func next(after start: Int) -> Int {
        switch self {
        case .day: return start + 1
        case .week: return start + 7
        case .month:
            let (y, m, _) = CivilDays.civil(days: start)
            return m == 12 ? CivilDays.days(year: y + 1, month: 1, day: 1) : CivilDays.days(year: y, month: m + 1, day: 1)
        }
    }

    /// At most how many periods of this interval a span touches (months counted as 28 days), for
    /// bounding a span before walking it.
    func periods(from: Int, to: Int) -> Int {
        let days: Int
        switch self {
        case .day: days = 1
        case .week: days = 7
        case .month: days = 28
        }
        return (to - from) / days + 2
    }

    /// The next longer interval, if any.
    var coarser: TimelineInterval? {
        switch self {
        case .day: return .week
        case .week: return .month
        case .month: return nil
        }
    }

    /// The last day of the period starting at `start` (for a `to` filter that narrows to it).
    public func last(of start: Int) -> Int { next(after: start) - 1 }
}

public struct TimelinePoint: Sendable, Hashable {
    /// The period's first day, `YYYY-MM-DD`.
    public var date: String
    /// Its last day, `YYYY-MM-DD`: with `date`, the `from` and `to` that narrow a search to it.
    public var last: String
    public var count: Int
    /// `count` over the articles the same filters keep in the period (no query); nil when not asked
    /// for, 0 for a period with no articles at all.
    public var share: Double?
}

public struct TimelineSeries: Sendable, Hashable {
    /// The query as typed.
    public var query: String
    /// Every match: the points' counts plus `undated`, the search's total.
    public var total: Int
    public var undated: Int
    public var points: [TimelinePoint]
}

public struct Timeline: Sendable, Hashable {
    public var interval: TimelineInterval
    public var series: [TimelineSeries]

    /// The most queries one chart compares: more lines are not readable, and each is a search.
    public static let maxQueries = 4
    /// A timeline longer than this many periods is drawn at a coarser interval (a century by day
    /// still fits), and refused only when even months are too many (matches over three thousand years).
    public static let maxPoints = 40_000

    /// Rolls day counts into one series per query over the same periods: from the first to the last
    /// period that any series (or the filters' `from`/`to`) touches, with zero-count periods in
    /// between, so that the series line up point for point.
    ///
    /// - Parameters:
    ///   - interval: nil picks one from the span (``TimelineInterval/fitting(spanDays:)``); a span
    ///     with more than ``maxPoints`` periods of it gets a coarser one.
    ///   - baseline: the filters' articles with no query, for shares (nil: no shares).
    public static func build(
        queries: [(text: String, counts: DayCounts)], filters: SearchFilters, interval: TimelineInterval?, baseline: DayCounts?
    ) throws -> Timeline {
        let allDays = queries.flatMap { $0.counts.days.keys }
        // The filters' dates bound the axis, so that compared ranges line up.
        var first = filters.from.flatMap { ArchiveDates.dayNumber(ArchiveDates.firstDay(of: $0)) } ?? allDays.min()
        var lastDay = filters.to.flatMap { ArchiveDates.dayNumber(ArchiveDates.lastDay(of: $0)) } ?? allDays.max()
        var chosen = interval ?? first.flatMap { from in lastDay.map { TimelineInterval.fitting(spanDays: $0 - from + 1) } } ?? .day
        if let from = first, let to = lastDay, chosen.periods(from: from, to: to) > maxPoints {
            // A span too long for the interval (`from=1900` by day): the matches' own span within it,
            // then coarser intervals. The answer names the interval it was given at.
            let inside = allDays.filter { $0 >= from && $0 <= to }
            (first, lastDay) = (inside.min(), inside.max())
            if let from = first, let to = lastDay {
                while chosen.periods(from: from, to: to) > maxPoints, let coarser = chosen.coarser { chosen = coarser }
            }
        }
        guard let first, let lastDay, first <= lastDay else {
            return Timeline(interval: chosen, series: queries.map { TimelineSeries(query: $0.text, total: $0.counts.total, undated: $0.counts.undated, points: []) })
        }
        var starts = [Int]()
        var start = chosen.start(of: first)
        while start <= lastDay {
            starts.append(start)
            guard starts.count <= maxPoints else {
                throw ArchiveError.invalidRequest(field: "interval", reason: "more than \(maxPoints) periods by \(chosen.rawValue); choose a longer interval")
            }
            start = chosen.next(after: start)
        }
        func rolled(_ counts: DayCounts) -> [Int: Int] {
            var periods = [Int: Int]()
            for (day, n) in counts.days where day >= first && day <= lastDay { periods[chosen.start(of: day), default: 0] += n }
            return periods
        }
        let base = baseline.map(rolled)
        let series = queries.map { query -> TimelineSeries in
            let periods = rolled(query.counts)
            let points = starts.map { start -> TimelinePoint in
                let count = periods[start] ?? 0
                let share = base.map { base -> Double in
                    let all = base[start] ?? 0
                    return all > 0 ? min(1, Double(count) / Double(all)) : 0
                }
                return TimelinePoint(date: ArchiveDates.isoDay(start), last: ArchiveDates.isoDay(chosen.last(of: start)), count: count, share: share)
            }
            return TimelineSeries(query: query.text, total: query.counts.total, undated: query.counts.undated, points: points)
        }
        return Timeline(interval: chosen, series: series)
    }
}

extension ArchiveStore {
    /// One series per query (at most ``Timeline/maxQueries``), over the same filters, with shares
    /// when `share` is set. The baseline (the filters' articles with no query) comes from `baseline`
    /// when the caller keeps one, else from the store.
    public func timeline(
        queries: [String], filters: SearchFilters, interval: TimelineInterval? = nil, share: Bool = false,
        baseline: (@Sendable (SearchFilters) async throws -> DayCounts)? = nil
    ) async throws -> Timeline {
        guard !queries.isEmpty, queries.count <= Timeline.maxQueries else {
            throw ArchiveError.invalidRequest(field: "q", reason: "expected 1 to \(Timeline.maxQueries) queries, got \(queries.count)")
        }
        let filters = try filters.validated()
        var counted = [(text: String, counts: DayCounts)]()
        for text in queries { counted.append((text, try await dayCounts(SearchQuery(text), filters: filters))) }
        var base: DayCounts?
        if share {
            if let baseline { base = try await baseline(filters) } else { base = try await dayCounts(SearchQuery(""), filters: filters) }
        }
        return try Timeline.build(queries: counted, filters: filters, interval: interval, baseline: base)
    }
}
