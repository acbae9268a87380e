import Benchmark
import Foundation
import NewsExtraction
import NewsModel

/// Extraction throughput, one thread: pages/s for text dumps and for HTML pages.
///
/// Pages: the project's own (`Eval/pages`), plus the seed text dump and the real HTML pages of
/// `../shared/corpus` when present. Throughput counts pages; divide bytes by time for MB/s.
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 2000
    )
    let extractor = NewsExtractor()

    for (name, pages) in Pages.groups() where !pages.isEmpty {
        let bytes = pages.reduce(0) { $0 + $1.count }
        Benchmark("extract \(name) (\(pages.count) pages, avg \(bytes / pages.count / 1000) KB)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                for page in pages {
                    blackHole(extractor.extract(page, source: "bench").articles.count)
                }
            }
        }
    }
}

enum Pages {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ url: URL) -> [UInt8]? {
        guard var bytes = FileManager.default.contents(atPath: url.path).map({ [UInt8]($0) }) else { return nil }
        if Gzip.isGzip(bytes), let inflated = try? Gzip.decompress(bytes) { bytes = inflated }
        return bytes
    }

    /// Text dumps and HTML pages, each group in its own benchmark.
    static func groups() -> [(String, [[UInt8]])] {
        let eval = repository.appendingPathComponent("Eval/pages")
        let shared = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: eval.path))?.sorted() ?? []
        var text = files.filter { $0.hasSuffix(".txt") }.compactMap { read(eval.appendingPathComponent($0)) }
        var html = files.filter { $0.hasSuffix(".html") }.compactMap { read(eval.appendingPathComponent($0)) }
        if let seed = read(shared.appendingPathComponent("pages/000_ecd5386201b8d277.txt")) { text.append(seed) }
        for path in ["html/fundus_lbc/LBCGroup_2026_01_08.html.gz", "html/newspaper4k/arabic_article.html",
                     "html/trafilatura/assabah.com.tn.article.html"] {
            if let page = read(shared.appendingPathComponent(path)) { html.append(page) }
        }
        return [("text dumps", text), ("HTML pages", html)]
    }
}
