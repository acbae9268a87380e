import Archive
import Foundation

/// A timeline drawn on the server as SVG: no script, no library, nothing fetched. One query is drawn as
/// bars, two to four as lines in the palette's colours. Every period is a link (a transparent column
/// over the plot) that narrows the search to it, titled with its counts for a tooltip.
///
/// Time runs left to right, as on the Arabic outlets' own charts; the labels around it are Arabic.
enum TimelineChart {
    /// Distinguishable with the common colour-vision deficiencies (Okabe–Ito), in legend order.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]
    /// More periods than this are drawn at the interval that fits the span: a bar under a pixel
    /// wide cannot be seen or clicked.
    static let maxColumns = 400
    static let width = 720.0
    static let height = 220.0
    /// Room for the y axis's label on the left and the dates below.
    static let left = 48.0, right = 8.0, top = 10.0, bottom = 26.0

    /// The chart, or nil when there is nothing to draw (no dated match).
    /// - Parameter href: where a click on a period goes (nil: the period is not a link).
    static func svg(_ timeline: Timeline, share: Bool, href: (TimelinePoint) -> String?) -> String? {
        guard let periods = timeline.series.first?.points, !periods.isEmpty,
            timeline.series.contains(where: { $0.points.contains { $0.count > 0 } })
        else { return nil }
        func value(_ point: TimelinePoint) -> Double { share ? point.share ?? 0 : Double(point.count) }
        let largest = max(timeline.series.flatMap { $0.points.map(value) }.max() ?? 0, share ? 1e-9 : 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let column = plotWidth / Double(periods.count)
        func x(_ index: Int) -> Double { left + column * Double(index) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - v / largest) }
        let label = share ? "حصة المقالات" : "عدد المقالات"
        var svg = """
            <svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" role="img" direction="ltr" \
            aria-label="\(HTMLText.escape(label)) \(HTMLText.escape(Self.intervalLabel(timeline.interval)))">
            <line class="axis" x1="\(n(left))" y1="\(n(top + plotHeight))" x2="\(n(width - right))" y2="\(n(top + plotHeight))" stroke="#888"/>
            <text class="ymax" x="\(n(left - 4))" y="\(n(top + 10))" text-anchor="end" font-size="11">\(share ? percent(largest) : Views.count(Int(largest)))</text>
            <text class="ymin" x="\(n(left - 4))" y="\(n(top + plotHeight))" text-anchor="end" font-size="11">0</text>

            """
        for (k, series) in timeline.series.enumerated() {
            let colour = palette[k % palette.count]
            svg += "<g class=\"series\" data-query=\"\(HTMLText.escape(series.query))\" pointer-events=\"none\">"
            if timeline.series.count == 1 {
                svg += "<g fill=\"\(colour)\">"
                for (i, point) in series.points.enumerated() where value(point) > 0 {
                    let top = y(value(point))
                    svg += "<rect x=\"\(n(x(i) + column * 0.1))\" y=\"\(n(top))\" width=\"\(n(max(column * 0.8, 0.5)))\" height=\"\(n(self.top + plotHeight - top))\"/>"
                }
                svg += "</g>"
            } else {
                let points = series.points.enumerated().map { "\(n(x($0.offset) + column / 2)),\(n(y(value($0.element))))" }
                svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            }
            svg += "</g>\n"
        }
        for (i, point) in periods.enumerated() {
            let counts = timeline.series.map { series -> String in
                let p = series.points[i]
                return "\(series.query): \(Views.count(p.count))" + (p.share.map { " (\(percent($0)))" } ?? "")
            }
            let title = HTMLText.escape(([point.date == point.last ? point.date : "\(point.date) – \(point.last)"] + counts).joined(separator: "\n"))
            let rect = "<rect class=\"period\" x=\"\(n(x(i)))\" y=\"\(n(top))\" width=\"\(n(column))\" height=\"\(n(plotHeight))\" fill=\"transparent\"><title>\(title)</title></rect>"
            if let link = href(point) { svg += "<a href=\"\(HTMLText.escape(link))\">\(rect)</a>" } else { svg += rect }
        }
        svg += "\n"
        for i in Set([0, periods.count / 2, periods.count - 1]).sorted() {
            let anchor = i == 0 ? "start" : i == periods.count - 1 ? "end" : "middle"
            let at = i == 0 ? x(0) : i == periods.count - 1 ? x(i) + column : x(i) + column / 2
            svg += "<text class=\"date\" x=\"\(n(at))\" y=\"\(n(height - 8))\" text-anchor=\"\(anchor)\" font-size=\"11\">\(periods[i].date)</text>"
        }
        return svg + "</svg>"
    }

    /// The legend: each query with its colour, for the page around the chart.
    static func legend(_ timeline: Timeline) -> [Views.Values] {
        timeline.series.enumerated().map { k, series in
            ["query": series.query, "colour": palette[k % palette.count], "total": Views.count(series.total)]
        }
    }

    static func intervalLabel(_ interval: TimelineInterval) -> String {
        switch interval {
        case .day: return "يومياً"
        case .week: return "أسبوعياً"
        case .month: return "شهرياً"
        }
    }

    private static func n(_ value: Double) -> String { String(format: "%.1f", value) }
    private static func percent(_ share: Double) -> String { String(format: "%.2f%%", share * 100) }
}
