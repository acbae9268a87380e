import ArgumentParser
import ExtractionEval
import Foundation
import GRDB
import Ingestion
import Archive
import MarsadCLI

extension Eval {
    /// `marsad eval stories`: the archive's stories against pairs labelled "same event" or not.
    struct Stories: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stories",
            abstract: "Score an archive's stories on labelled article pairs (Eval/stories/*.jsonl).",
            discussion: """
                Each gold line names two corpus records and says whether they report the same event. The \
                archive (a SQLite file built by `marsad ingest` from those corpus files, linked) predicts \
                "same" when it put both articles in one story. Reports pairwise precision, recall and F1, \
                in all and per stratum. The JSON form is {"total": {…}, "strata": {NAME: {…}}}.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(help: "The gold file (Eval/stories/test.jsonl or dev.jsonl).")
        var data: String

        @Option(help: "The archive, a SQLite file holding the corpus files the gold names.")
        var store = "marsad.sqlite"

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Option(help: ArgumentHelp("EXPERIMENT: score as if articles under this cosine to their story's centroid were stories of their own.", visibility: .hidden))
        var splitOutliers: Float?

        func validate() throws {
            guard FileManager.default.isReadableFile(atPath: data) else { throw ValidationError("Cannot read '\(data)'.") }
            guard FileManager.default.isReadableFile(atPath: store) else { throw ValidationError("Cannot read the archive '\(store)'.") }
        }

        func run() throws {
            let gold = try StoryGoldPair.read(data)
            var stories = try Self.storiesByRecord(store)
            if let splitOutliers { stories = try Self.splittingOutliers(stories, store: store, under: splitOutliers) }
            let (total, strata) = PairScores.score(gold) { stories[$0] }
            switch format {
            case .json:
                var object: [String: Any] = ["total": Self.json(total)]
                object["strata"] = strata.mapValues(Self.json)
                let bytes = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                Output.write(String(decoding: bytes, as: UTF8.self) + "\n")
            case .text:
                Output.write(Self.line("all", total))
                for (name, scores) in strata.sorted(by: { $0.key < $1.key }) { Output.write(Self.line(name, scores)) }
            }
        }

        /// Every JSONL record's story in the archive, by corpus file name and 0-based record; the page
        /// of a record is keyed `PATH#N` with N counted from 1.
        static func storiesByRecord(_ path: String) throws -> [StoryGoldPair.Record: Int64?] {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                var out = [StoryGoldPair.Record: Int64?]()
                let rows = try Row.fetchCursor(db, sql: "SELECT p.source, a.story_id FROM articles a JOIN pages p ON p.id = a.page_id WHERE p.source LIKE '%#%'")
                while let row = try rows.next() {
                    let source: String = row["source"]
                    guard let hash = source.lastIndex(of: "#"), let number = Int(source[source.index(after: hash)...]), number >= 1 else { continue }
                    let file = URL(fileURLWithPath: String(source[..<hash])).lastPathComponent
                    out[StoryGoldPair.Record(file: file, record: number - 1)] = .some(row["story_id"])
                }
                return out
            }
        }

        /// EXPERIMENT: each record whose article is under `threshold` to its story's centroid gets a
        /// story of its own.
        static func splittingOutliers(_ stories: [StoryGoldPair.Record: Int64?], store: String, under threshold: Float) throws -> [StoryGoldPair.Record: Int64?] {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: store, configuration: configuration)
            defer { try? queue.close() }
            let policy = FingerprintSimilarity.standard
            let far: Set<String> = try queue.read { db in
                var far = Set<String>()
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT p.source, a.signature, s.centroid, s.story, s.articles, s.day_sum, s.dated FROM articles a JOIN pages p ON p.id = a.page_id
                    JOIN story_profiles s ON s.story = a.story_id WHERE a.signature IS NOT NULL AND s.articles > 2
                    """)
                while let row = try rows.next() {
                    let profile = StoryProfile(story: row[3], articles: row[4], centroid: [UInt8](row[2] as Data), daySum: row[5], dated: row[6])
                    if let score = policy.centrality(of: ArticleFingerprint(exact: 0, signature: [UInt8](row[1] as Data)), in: profile), score < threshold {
                        far.insert(row[0])
                    }
                }
                return far
            }
            var out = stories
            var fresh: Int64 = -1
            for source in far {
                guard let hash = source.lastIndex(of: "#"), let number = Int(source[source.index(after: hash)...]) else { continue }
                let record = StoryGoldPair.Record(file: URL(fileURLWithPath: String(source[..<hash])).lastPathComponent, record: number - 1)
                out[record] = .some(fresh)
                fresh -= 1
            }
            return out
        }

        static func json(_ scores: PairScores) -> [String: Any] {
            [
                "pairs": scores.pairs, "missing": scores.missing, "precision": scores.precision, "recall": scores.recall, "f1": scores.f1,
                "truePositives": scores.truePositives, "falsePositives": scores.falsePositives, "falseNegatives": scores.falseNegatives,
            ]
        }

        static func line(_ name: String, _ scores: PairScores) -> String {
            String(
                format: "%-14@ %4d pairs  P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)%@\n", name as NSString, scores.pairs, scores.precision, scores.recall,
                scores.f1, scores.truePositives, scores.falsePositives, scores.falseNegatives, scores.missing > 0 ? " \(scores.missing) missing" as NSString : "" as NSString)
        }
    }
}
