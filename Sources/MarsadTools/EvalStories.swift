import ArgumentParser
import ExtractionEval
import Foundation
import GRDB
import Ingestion
import Archive
import MarsadCLI
import StableHash

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

        @Option(help: ArgumentHelp("Score as if stories this close (centroid cosine) within --merge-days were one: the merge of converging stories, measured before building it (docs/benchmarks.md).", visibility: .hidden))
        var mergeClose: Float?

        @Option(help: .hidden) var mergeDays: Double = 2

        func validate() throws {
            guard FileManager.default.isReadableFile(atPath: data) else { throw ValidationError("Cannot read '\(data)'.") }
            guard FileManager.default.isReadableFile(atPath: store) else { throw ValidationError("Cannot read the archive '\(store)'.") }
        }

        func run() throws {
            let gold = try StoryGoldPair.read(data)
            var stories = try Self.storiesByRecord(store)
            if let mergeClose { stories = try Self.mergingClose(stories, store: store, at: mergeClose, days: mergeDays) }
            let (total, strata) = PairScores.score(gold) { stories[$0] }
            try Self.write(total, strata: strata, format: format)
        }

        /// Prints pairwise scores in all and per stratum; `unit` names what was scored.
        static func write(_ total: PairScores, strata: [String: PairScores], format: Format, unit: String = "pairs") throws {
            switch format {
            case .json:
                var object: [String: Any] = ["total": json(total)]
                object["strata"] = strata.mapValues(json)
                let bytes = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                Output.write(String(decoding: bytes, as: UTF8.self) + "\n")
            case .text:
                Output.write(line("all", total, unit: unit))
                for (name, scores) in strata.sorted(by: { $0.key < $1.key }) { Output.write(line(name, scores, unit: unit)) }
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

        /// Stories whose centroids are at least `threshold` close and whose mean days
        /// are within `days` are scored as one.
        static func mergingClose(_ stories: [StoryGoldPair.Record: Int64?], store: String, at threshold: Float, days: Double) throws -> [StoryGoldPair.Record: Int64?] {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: store, configuration: configuration)
            defer { try? queue.close() }
            let profiles = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT story, articles, centroid, day_sum, dated FROM story_profiles WHERE dated > 0")
                    .map { StoryProfile(story: $0[0], articles: $0[1], centroid: [UInt8]($0[2] as Data), daySum: $0[3], dated: $0[4]) }
                    .sorted { $0.meanDay! < $1.meanDay! }
            }
            let policy = FingerprintSimilarity.standard
            var sets = DisjointSets(profiles.count)
            for i in profiles.indices {
                var j = i + 1
                while j < profiles.count, profiles[j].meanDay! - profiles[i].meanDay! <= days {
                    if let score = policy.closeness(of: profiles[i], to: profiles[j]), score >= threshold { sets.union(i, j) }
                    j += 1
                }
            }
            var label = [Int64: Int64]()
            for i in profiles.indices { label[profiles[i].story] = profiles[sets.find(i)].story }
            return stories.mapValues { story in story.map { label[$0] ?? $0 } }
        }

        static func json(_ scores: PairScores) -> [String: Any] {
            [
                "pairs": scores.pairs, "missing": scores.missing, "precision": scores.precision, "recall": scores.recall, "f1": scores.f1,
                "truePositives": scores.truePositives, "falsePositives": scores.falsePositives, "falseNegatives": scores.falseNegatives,
            ]
        }

        static func line(_ name: String, _ scores: PairScores, unit: String = "pairs") -> String {
            String(
                format: "%-14@ %4d \(unit)  P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)%@\n", name as NSString, scores.pairs, scores.precision, scores.recall,
                scores.f1, scores.truePositives, scores.falsePositives, scores.falseNegatives, scores.missing > 0 ? " \(scores.missing) missing" as NSString : "" as NSString)
        }
    }
}
