import Archive
import ArchiveSQLite
import ArgumentParser
import Foundation
import NewsExtraction
import NewsModel
import MarsadCLI

extension MarsadTools.Bench {
    /// `marsad bench fts`: pre-analyzed terms vs a custom FTS5 tokenizer (``FTS5FeedBenchmark``).
    struct FTS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fts", abstract: "Pre-analyzed terms vs a custom FTS5 tokenizer: indexing and query speed.")

        @Argument(help: "Pages or exports to take articles from (e.g. the ANT .jsonl.gz).")
        var files: [String]

        @Option(help: "Articles to use at most.")
        var limit: Int = 10_000

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let articles = try BenchInputs.articlesWithText(files, limit: limit)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-bench-fts-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            for result in try FTS5FeedBenchmark.run(articles, in: dir) {
                if json {
                    Output.write("{\"variant\": \"\(result.variant)\", \"articles\": \(result.articles), \"articles_per_s\": \(result.articlesPerSecond), \"query_ms\": \(result.queryMilliseconds), \"bytes\": \(result.bytes), \"hits\": \(result.hits)}\n")
                } else {
                    Output.write(String(format: "%@: %d articles, %.0f articles/s indexed (analysis included), %.3f ms/query, %.1f MB, %d hits\n", result.variant, result.articles, result.articlesPerSecond, result.queryMilliseconds, Double(result.bytes) / 1e6, result.hits))
                }
            }
        }
    }
}
