import ArabicText
import ArgumentParser
import Foundation
import NewsAnalysis
import NewsExtraction
import NewsModel
import MarsadCLI

extension MarsadTools.Bench {
    /// `marsad bench analyze`: tokens per second of the full analysis (quotes, entities, quantities,
    /// dates) on real article text, one thread.
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tokens/s of the full analysis on the articles of pages or JSONL exports, one thread."
        )

        @Argument(help: "Pages or exports to take articles from (e.g. the ANT .jsonl.gz).")
        var files: [String]

        @Option(help: "Articles to use at most.")
        var limit: Int = 2000

        @Option(help: "Seconds to run.")
        var seconds: Double = 5

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let articles = try BenchInputs.articlesWithText(files, limit: limit)
            var tokens = 0
            var bytes = 0
            for article in articles {
                for var text in [article.title] + article.paragraphs {
                    bytes += text.utf8.count
                    text.withUTF8 { Tokenizer().forEachToken(in: $0) { kind, _ in if kind.isWordLike { tokens += 1 } } }
                }
            }
            let analyzer = NewsAnalyzer.standard
            var passes = 0
            var found = 0
            let start = DispatchTime.now().uptimeNanoseconds
            repeat {
                for var article in articles {
                    analyzer.analyze(&article)
                    found &+= article.quotes.count + article.entities.count + article.quantities.count + article.dates.count
                }
                passes += 1
            } while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < seconds
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let rate = Double(tokens * passes) / elapsed
            if json {
                Output.write("{\"peer\": \"marsad\", \"articles\": \(articles.count), \"tokens\": \(tokens), \"passes\": \(passes), \"seconds\": \(elapsed), \"tokens_per_s\": \(rate), \"mb_per_s\": \(Double(bytes * passes) / elapsed / 1e6), \"found\": \(found / passes)}\n")
            } else {
                Output.write(String(format: "%d articles, %d tokens × %d passes in %.2f s: %.0f tokens/s (%.1f MB/s); %d quotes+entities+quantities+dates per pass\n",
                                    articles.count, tokens, passes, elapsed, rate, Double(bytes * passes) / elapsed / 1e6, found / passes))
            }
        }
    }
}
