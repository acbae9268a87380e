import ArgumentParser
import ExtractionEval
import Foundation
import NewsAnalysis
import NewsExtraction
import NewsModel
import Ingestion
import MarsadCLI

extension Eval {
    /// `marsad eval quotes`: who said what on real articles, against offset-only gold.
    struct Quotes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quotes",
            abstract: "Score quote detection and speakers on real articles (Eval/quotes/*.jsonl).",
            discussion: """
                Each gold line names a corpus file and record; the record is read from --corpus, run \
                through extraction and analysis, and its quotes are placed by offsets in the record's \
                text. A found quote matches a gold one when their spans overlap by half the shorter. \
                The JSON form is {"detection": {…}, "attribution": {…}, "direct": {…}, "indirect": {…}, \
                "outlets": {…}}.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(help: "The gold file (Eval/quotes/test.jsonl or dev.jsonl).")
        var data: String

        @Option(help: "The directory holding the corpus files the gold names.")
        var corpus = "../shared/corpus/news"

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Flag(help: "Also list, on standard error, each gold quote missed or given the wrong speaker.")
        var errors = false

        func validate() throws {
            guard FileManager.default.isReadableFile(atPath: data) else { throw ValidationError("Cannot read '\(data)'.") }
        }

        func run() throws {
            let gold = try QuoteGoldArticle.read(data)
            let records = try QuoteRecords.read(gold.map { ($0.file, $0.record) }, in: corpus)
            var byOutlet = [String: QuoteScores]()
            var total = QuoteScores()
            for article in gold {
                guard let line = records[QuoteRecords.Key(file: article.file, record: article.record)] else {
                    throw CLIError("\(data): \(article.file) has no record \(article.record)")
                }
                let found = try QuoteRecords.placedQuotes(line, source: "\(article.file)#\(article.record)")
                let scores = QuoteScores.score(found: found, gold: article.quotes)
                if errors { QuoteReport.errors(found: found, article: article) }
                byOutlet[article.outlet, default: QuoteScores()] = byOutlet[article.outlet, default: QuoteScores()] + scores
                total = total + scores
            }
            switch format {
            case .json: Output.write(QuoteReport.json(total, outlets: byOutlet) + "\n")
            case .text: Output.write(QuoteReport.text(total, outlets: byOutlet, articles: gold.count))
            }
        }
    }
}

/// Corpus records for the quote gold, read at run time.
enum QuoteRecords {
    struct Key: Hashable {
        var file: String
        var record: Int
    }

    /// The lines of the records named, each file read once; a named file missing is an error.
    static func read(_ wanted: [(String, Int)], in corpus: String) throws -> [Key: [UInt8]] {
        var byFile = [String: Set<Int>]()
        for (file, record) in wanted { byFile[file, default: []].insert(record) }
        var lines = [Key: [UInt8]]()
        for (file, records) in byFile {
            let path = (corpus as NSString).appendingPathComponent(file)
            guard FileManager.default.isReadableFile(atPath: path) else { throw CLIError("\(path): cannot read the corpus file the gold names") }
            let chunks = try LineChunks(path: path)
            let last = records.max() ?? -1
            while let (bytes, firstLine) = try chunks.next() {
                var record = firstLine - 1
                for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) where !line.isEmpty {
                    if records.contains(record) { lines[Key(file: file, record: record)] = Array(line) }
                    record += 1
                }
                if record > last { break }
            }
        }
        return lines
    }

    /// Extracts and analyzes one JSONL record, and places its quotes in the record's `text`.
    static func placedQuotes(_ line: [UInt8], source: String) throws -> [PlacedQuote] {
        guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw CLIError("\(source): not a JSON object")
        }
        let text = object["text"] as? String ?? ""
        var page = NewsExtractor().extract(line, source: source, format: .jsonl)
        NewsAnalyzer.standard.analyze(&page)
        guard let article = page.articles.first(where: { $0.role != .related }) else { return [] }
        return QuotePlacer.place(article, in: text)
    }
}

/// The text and JSON forms of the quote scores.
enum QuoteReport {
    static func json(_ total: QuoteScores, outlets: [String: QuoteScores]) -> String {
        func retrieval(_ r: Retrieval) -> String {
            String(format: "{\"precision\": %.4f, \"recall\": %.4f, \"f1\": %.4f, \"correct\": %d, \"predicted\": %d, \"gold\": %d}",
                   r.precision, r.recall, r.f1, r.correct, r.predicted, r.gold)
        }
        func scores(_ s: QuoteScores) -> String {
            "{\"detection\": \(retrieval(s.detection)), \"attribution\": \(retrieval(s.attribution)), "
                + "\"direct\": {\"detection\": \(retrieval(s.direct.detection)), \"attribution\": \(retrieval(s.direct.attribution))}, "
                + "\"indirect\": {\"detection\": \(retrieval(s.indirect.detection)), \"attribution\": \(retrieval(s.indirect.attribution))}, "
                + String(format: "\"speakerKind\": {\"accuracy\": %.4f, \"right\": %d, \"total\": %d}", s.speakerKinds.ratio, s.speakerKinds.passed, s.speakerKinds.total)
        }
        let perOutlet = outlets.keys.sorted().map { "\(jsonString($0)): \(scores(outlets[$0]!))}" }.joined(separator: ", ")
        return scores(total) + ", \"outlets\": {\(perOutlet)}}"
    }

    static func jsonString(_ text: String) -> String {
        // Encoding a String cannot fail.
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    /// One line per gold quote missed or misattributed: where it is, its kind, both speakers.
    static func errors(found: [PlacedQuote], article: QuoteGoldArticle) {
        for (span, match) in zip(article.quotes, QuoteScores.matches(found: found, gold: article.quotes)) {
            let where_ = "\(article.file)#\(article.record) [\(span.start), \(span.end)) \(span.kind.rawValue)"
            guard let match else {
                FileHandle.standardError.write(Data("missed  \(where_) gold=\(span.speaker ?? "-")\n".utf8))
                continue
            }
            if !QuoteScores.sameSpeaker(found[match].speaker, span.speaker) {
                FileHandle.standardError.write(Data("speaker \(where_) gold=\(span.speaker ?? "-") found=\(found[match].speaker ?? "-")\n".utf8))
            }
        }
    }

    static func text(_ total: QuoteScores, outlets: [String: QuoteScores], articles: Int) -> String {
        func cell(_ r: Retrieval) -> String { String(format: "%5.1f/%5.1f/%5.1f", r.precision * 100, r.recall * 100, r.f1 * 100) }
        func row(_ name: String, _ s: QuoteScores) -> String {
            name.padding(toLength: 12, withPad: " ", startingAt: 0) + String(format: "%5d  ", s.detection.gold)
                + [s.detection, s.attribution, s.direct.attribution, s.indirect.attribution].map(cell).joined(separator: "  ") + "\n"
        }
        var out = "quotes on \(articles) real articles: P/R/F1 %\n"
        out += "outlet       gold  detection          +speaker           direct +speaker    indirect +speaker\n"
        for outlet in outlets.keys.sorted() { out += row(outlet, outlets[outlet]!) }
        return out + row("all", total)
            + String(format: "speaker kind right for %.1f%% of the right speakers (%d of %d)\n",
                     total.speakerKinds.ratio * 100, total.speakerKinds.passed, total.speakerKinds.total)
    }
}
