import ArgumentParser
import ExtractionEval
import Foundation
import NewsAnalysis
import NewsExtraction
import NewsModel
import MarsadCLI

extension Eval {
    /// `marsad eval homonyms`: whether bare names are read as the listed person they may name.
    struct Homonyms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "homonyms",
            abstract: "Score the reading of bare names as listed people on real articles (Eval/homonyms/*.jsonl).",
            discussion: """
                Each gold line names a corpus record, a person of the gazetteer and the one-word form the \
                article wrote, labelled same (it names that person) or other. The record is read from \
                --corpus and run through extraction and analysis; the mention counts as read as the person \
                when the article's entity of that name lists the form. Reports precision (of the readings \
                as the person) and recall (of the mentions that name them), in all and per stratum. The \
                JSON form is {"total": {…}, "strata": {NAME: {…}}}.
                """
        )

        @Option(help: "The gold file (Eval/homonyms/test.jsonl or dev.jsonl).")
        var data: String

        @Option(help: "The directory holding the corpus files the gold names.")
        var corpus = "../shared/corpus/news"

        @Option(help: "Output format: text or json.")
        var format: Stories.Format = .text

        @Flag(help: "Also list, on standard error, each mention read wrongly.")
        var errors = false

        func validate() throws {
            guard FileManager.default.isReadableFile(atPath: data) else { throw ValidationError("Cannot read '\(data)'.") }
        }

        func run() throws {
            let gold = try HomonymMention.read(data)
            let records = try QuoteRecords.read(gold.map { ($0.file, $0.record) }, in: corpus)
            var readings = [Int: Bool]()
            for mention in gold {
                guard let line = records[QuoteRecords.Key(file: mention.file, record: mention.record)] else {
                    throw CLIError("\(data): \(mention.file) has no record \(mention.record)")
                }
                let entities = try Self.entities(line, source: "\(mention.file)#\(mention.record)")
                let read = entities.contains { $0.type == .person && $0.name == mention.person && $0.mentions.contains(mention.form) }
                readings[mention.id] = read
                if errors, read != mention.isPerson {
                    FileHandle.standardError.write(Data("\(mention.id) \(mention.stratum): «\(mention.form)» \(read ? "read as" : "not read as") \(mention.person)\n".utf8))
                }
            }
            let (total, strata) = HomonymMention.score(gold) { readings[$0.id] ?? false }
            try Stories.write(total, strata: strata, format: format, unit: "mentions")
        }

        /// The entities of a JSONL record's main article, as extraction and analysis find them.
        static func entities(_ line: [UInt8], source: String) throws -> [Entity] {
            var page = NewsExtractor().extract(line, source: source, format: .jsonl)
            NewsAnalyzer.standard.analyze(&page)
            return page.articles.first(where: { $0.role != .related })?.entities ?? []
        }
    }
}
