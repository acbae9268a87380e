import ArgumentParser
import Foundation
import NewsExtraction
import NewsModel
import Ingestion
import MarsadCLI

extension MarsadTools.Bench {
    /// `marsad bench extract`: pages per second of `marsad extract`'s core, one thread, per input format.
    struct ExtractPages: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Pages/s of extraction (decode, sniff, read, segment, ids) on a set of pages, one thread."
        )

        @Option(help: "A JSON array of {\"name\", \"path\"} (as Benchmarks/extract-bench.sh writes).")
        var manifest: String?

        @Argument(help: "Page files to measure on, besides the manifest's.")
        var files: [String] = []

        @Option(help: "Seconds per format.")
        var seconds: Double = 5

        @Flag(help: "Print one JSON line per format.")
        var json = false

        func run() throws {
            var paths = files
            if let manifest {
                guard let data = FileManager.default.contents(atPath: manifest),
                      let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
                    throw ValidationError("Cannot read the manifest '\(manifest)'.")
                }
                paths += entries.compactMap { $0["path"] as? String }
            }
            guard !paths.isEmpty else { throw ValidationError("Give page files or --manifest.") }
            let extractor = NewsExtractor()
            var byFormat = [Page.Format: [(String, [UInt8])]]()
            for path in paths {
                var bytes = try FileReading.read(path, maxBytes: 1 << 30)
                // Pages are stored inflated, as the peers read them: gzip is not what is measured.
                if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes) }
                // Group by what the page is, so text dumps and HTML get their own figures.
                let page = extractor.extract(bytes, source: path)
                byFormat[page.format, default: []].append((path, bytes))
            }
            for format in Page.Format.allCases {
                guard let pages = byFormat[format] else { continue }
                let totalBytes = pages.reduce(0) { $0 + $1.1.count }
                var count = 0
                var articles = 0
                let start = DispatchTime.now().uptimeNanoseconds
                let budget = UInt64(seconds * 1e9)
                repeat {
                    for (path, bytes) in pages {
                        articles &+= extractor.extract(bytes, source: path).articles.count
                        count += 1
                    }
                } while DispatchTime.now().uptimeNanoseconds - start < budget
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let passes = Double(count) / Double(pages.count)
                let rate = Double(count) / elapsed
                let megabytes = Double(totalBytes) * passes / elapsed / 1_000_000
                if json {
                    Output.write("{\"peer\": \"marsad\", \"format\": \"\(format.rawValue)\", \"pages\": \(count), \"seconds\": \(elapsed), \"pages_per_s\": \(rate), \"bytes_per_s\": \(megabytes * 1_000_000), \"avg_page_bytes\": \(totalBytes / pages.count), \"articles\": \(articles)}\n")
                } else {
                    Output.write(String(format: "%@: %d pages (avg %d bytes) in %.2f s: %.0f pages/s, %.1f MB/s\n", format.rawValue, count, totalBytes / pages.count, elapsed, rate, megabytes))
                }
            }
        }
    }
}
