public import NewsModel

/// The JSON of `marsad timeline --format json`, shared with `GET /api/v1/timeline`.
public enum TimelineJSON {
    public static func value(_ timeline: Timeline) -> DocumentJSON.Value {
        .object([
            ("interval", .string(timeline.interval.rawValue)),
            ("series", .array(timeline.series.map { series in
                .object([
                    ("query", .string(series.query)),
                    ("total", .integer(series.total)),
                    ("undated", .integer(series.undated)),
                    ("points", .array(series.points.map(value))),
                ])
            })),
        ])
    }

    static func value(_ point: TimelinePoint) -> DocumentJSON.Value {
        var members: [(String, DocumentJSON.Value)] = [("date", .string(point.date)), ("to", .string(point.last)), ("count", .integer(point.count))]
        if let share = point.share { members.append(("share", .number(share))) }
        return .object(members)
    }

    /// One row per period and query: `query,date,to,count[,share]`, as ``ArticleExport`` writes CSV.
    public static func csv(_ timeline: Timeline) -> String {
        let shares = timeline.series.contains { $0.points.contains { $0.share != nil } }
        var out = ArticleExport.byteOrderMark + ArticleExport.csvLine(["query", "date", "to", "count"] + (shares ? ["share"] : []))
        for series in timeline.series {
            for point in series.points {
                out += ArticleExport.csvLine([series.query, point.date, point.last, String(point.count)] + (shares ? [point.share.map { String($0) } ?? ""] : []))
            }
        }
        return out
    }
}
