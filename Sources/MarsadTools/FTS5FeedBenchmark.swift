public import Archive
public import Foundation
import GRDB
public import NewsModel
import MarsadCLI
import ArchiveSQLite

/// Measures the two ways to feed FTS5 our Arabic analysis on the same articles (`marsad bench fts`):
///
/// 1. `pre-analyzed`: ``IndexDocument`` terms computed in Swift, stored in an `ascii`-tokenized table
///    (what the archive does);
/// 2. `custom-tokenizer`: display text stored in a table whose tokenizer, ``ArabicFTS5Tokenizer``,
///    runs the chain inside SQLite.
///
/// Each indexes title, subtitle, captions and body in one transaction in a temporary file; the rate
/// includes the analysis. Then a fixed query set runs against each.
public enum FTS5FeedBenchmark {
    public struct Result: Sendable {
        public var variant: String
        public var articles: Int
        public var articlesPerSecond: Double
        public var queryMilliseconds: Double
        public var bytes: Int
        /// Hits of the query set, summed: the same for both when they index the same terms.
        public var hits: Int
    }

    public static let queries = ["الحكومة", "وزير الخارجية", "الانتخابات", "الاقتصاد", "\"كرة القدم\"", "النفط", "\"الأمم المتحدة\"", "مفاوضات", "الرئيس", "تونس"]

    public static func run(_ articles: [Article], in directory: URL) throws -> [Result] {
        var results = [Result]()
        for variant in ["pre-analyzed", "custom-tokenizer"] {
            var configuration = Configuration()
            configuration.prepareDatabase { db in db.add(tokenizer: ArabicFTS5Tokenizer.self) }
            let path = directory.appendingPathComponent("\(variant).sqlite").path
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let tokenizer = variant == "pre-analyzed" ? "ascii" : ArabicFTS5Tokenizer.name
            try queue.write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE fts USING fts5(title, subtitle, captions, body, tokenize = '\(tokenizer)')")
            }
            let start = DispatchTime.now().uptimeNanoseconds
            try queue.write { db in
                let statement = try db.makeStatement(sql: "INSERT INTO fts (title, subtitle, captions, body) VALUES (?, ?, ?, ?)")
                for article in articles {
                    if variant == "pre-analyzed" {
                        let index = IndexDocument(article)
                        try statement.execute(arguments: [index.title, index.subtitle, index.captions, index.body])
                    } else {
                        try statement.execute(arguments: [
                            article.title, [article.subtitle, article.summary].compactMap { $0 }.joined(separator: "\n"),
                            article.images.map(\.caption).joined(separator: "\n"), article.paragraphs.joined(separator: "\n"),
                        ])
                    }
                }
            }
            let indexSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let expressions = queries.compactMap { FTS5Render.expression(SearchQuery($0)) }
            let rounds = 20
            var hits = 0
            let queryStart = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds {
                for expression in expressions {
                    hits += try queue.read { db in
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM fts WHERE fts MATCH ?", arguments: [expression]) ?? 0
                    }
                }
            }
            let queryMs = Double(DispatchTime.now().uptimeNanoseconds - queryStart) / 1e6 / Double(rounds * max(1, expressions.count))
            try queue.close()
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            results.append(Result(variant: variant, articles: articles.count, articlesPerSecond: Double(articles.count) / indexSeconds, queryMilliseconds: queryMs, bytes: size, hits: hits / rounds))
        }
        return results
    }
}
