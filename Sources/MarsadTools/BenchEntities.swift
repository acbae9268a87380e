import ArabicText
import ArgumentParser
import Foundation
import NewsAnalysis
import NewsExtraction
import NewsModel
import MarsadCLI

extension MarsadTools.Bench {
    /// `marsad bench entities`: tokens/s of entity recognition (gazetteers, cues, tagger, linking).
    struct Entities: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "entities",
            abstract: "Words/s of entity recognition on article text (JSONL with title and text), one thread."
        )

        @Argument(help: "JSONL files (gzip allowed) whose lines hold \"title\" and \"text\"; paragraphs are the text's lines.")
        var files: [String]

        @Option(help: "Articles to take (from the start of the files).")
        var articles = 2000

        @Option(help: "Seconds to spend (the best pass counts; at least two passes).")
        var seconds: Double = 5

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            var list = [Article]()
            for path in files where list.count < articles {
                guard var bytes = FileManager.default.contents(atPath: path).map([UInt8].init) else { throw ValidationError("Cannot read '\(path)'.") }
                if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes) }
                for line in bytes.split(separator: UInt8(ascii: "\n")) where list.count < articles {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
                    let paragraphs = ((object["text"] as? String) ?? "").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
                    list.append(Article(role: .main, title: (object["title"] as? String) ?? "", paragraphs: paragraphs))
                }
            }
            guard !list.isEmpty else { throw ValidationError("No articles in the input.") }
            // Word-like tokens, as `marsad bench analyze` counts them (punctuation left out).
            var tokens = 0
            for article in list {
                for var text in [article.title] + article.paragraphs {
                    text.withUTF8 { Tokenizer().forEachToken(in: $0) { kind, _ in if kind.isWordLike { tokens += 1 } } }
                }
            }
            let loadStart = Date()
            let recognizer = try EntityRecognizer.bundled()
            let load = Date().timeIntervalSince(loadStart)
            var entities = 0
            let best = MarsadTools.Bench.Text.measure(seconds: seconds) {
                var n = 0
                for var article in list {
                    recognizer.analyze(&article)
                    n += article.entities.count
                }
                entities = n
                return n
            }
            let rate = Double(tokens) / best
            if json {
                Output.write("{\"articles\": \(list.count), \"tokens\": \(tokens), \"entities\": \(entities), \"seconds\": \(best), \"tokensPerSecond\": \(Int(rate)), \"loadSeconds\": \(load)}\n")
            } else {
                Output.write(String(format: "%d articles, %d tokens, %d entities\nload %.2f s\n%.3f s a pass: %.0f tokens/s, %.0f articles/s\n",
                                    list.count, tokens, entities, load, best, rate, Double(list.count) / best))
            }
        }
    }
}
