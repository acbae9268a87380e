import ExtractionEval
import Foundation
import Testing

/// The scorers behind `marsad eval stories`, `marsad eval entities` and `marsad eval homonyms`.
@Suite struct PairwiseEvalTests {
    typealias Record = StoryGoldPair.Record

    func pair(_ a: Int, _ b: Int, same: Bool, stratum: String = "s") -> StoryGoldPair {
        StoryGoldPair(a: Record(file: "f.jsonl.gz", record: a), b: Record(file: "f.jsonl.gz", record: b), stratum: stratum, sameEvent: same)
    }

    @Test func storyPairsCountAgainstTheArchivesStories() {
        let stories: [Int: Int64?] = [0: 1, 1: 1, 2: 2, 3: 2, 4: nil, 5: nil]
        let gold = [
            pair(0, 1, same: true),  // same story, same event: true positive
            pair(2, 3, same: false, stratum: "t"),  // same story, different events: false positive
            pair(0, 2, same: true),  // apart, same event: false negative
            pair(1, 3, same: false),  // apart, different: true negative
            pair(4, 5, same: true),  // unlinked articles are in no story together
            pair(0, 9, same: true),  // not in the archive
        ]
        let (total, strata) = PairScores.score(gold) { record in stories[record.record] }
        #expect(total.truePositives == 1 && total.falsePositives == 1 && total.falseNegatives == 2 && total.trueNegatives == 1)
        #expect(total.missing == 1 && total.pairs == 5)
        #expect(total.precision == 0.5 && abs(total.recall - 1.0 / 3) < 1e-9)
        #expect(strata["t"]?.falsePositives == 1 && strata["s"]?.missing == 1)
    }

    @Test func theGoldFileIsReadAndErrorsNameTheLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-pairs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.jsonl")
        try """
            {"a": {"file": "x.gz", "record": 3}, "b": {"file": "x.gz", "record": 7}, "stratum": "cross", "label": "same"}
            {"a": {"file": "x.gz", "record": 4}, "b": {"file": "y.gz", "record": 0}, "label": "different"}

            """.write(to: good, atomically: true, encoding: .utf8)
        let pairs = try StoryGoldPair.read(good.path)
        #expect(pairs.map(\.sameEvent) == [true, false])
        #expect(pairs[1].b == Record(file: "y.gz", record: 0))
        let bad = dir.appendingPathComponent("bad.jsonl")
        try "{\"a\": {\"file\": \"x.gz\", \"record\": 3}, \"b\": {\"file\": \"x.gz\", \"record\": 7}, \"label\": \"maybe\"}\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect { try StoryGoldPair.read(bad.path) } throws: { "\($0)".contains("bad.jsonl:1") && "\($0)".contains("label") }
    }

    @Test func mergesArePairsOfNamesWithinOneType() {
        let gold = [
            AliasGroup(canonical: "A B", type: "person", aliases: ["A B", "B", "Ab"]),
            AliasGroup(canonical: "C", type: "person", aliases: ["C"]),
            AliasGroup(canonical: "B Corp", type: "organization", aliases: ["B"]),
        ]
        // An identity that merges "A B" with "B" (right) and "C" with "Ab" (wrong), but not across types.
        let identity: (String, String) -> String = { name, _ in ["A B": "1", "B": "1", "Ab": "2", "C": "2"][name] ?? name }
        let scores = MergeScores.score(gold, identity: identity)
        #expect(scores.goldPairs == 3 && scores.predictedPairs == 2 && scores.correctPairs == 1)
        #expect(scores.precision == 0.5 && abs(scores.recall - 1.0 / 3) < 1e-9)
        // No merges at all: nothing wrong, nothing found.
        let none = MergeScores.score(gold) { name, _ in name }
        #expect(none.precision == 1 && none.recall == 0)
    }

    @Test func homonymReadingsScoreAgainstTheLabels() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-homonyms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.jsonl")
        try """
            {"id": 1, "stratum": "sport", "file": "x.gz", "record": 3, "person": "P Q", "form": "Q", "label": "other"}
            {"id": 2, "stratum": "other", "file": "x.gz", "record": 4, "person": "P Q", "form": "Q", "label": "same"}
            {"id": 3, "stratum": "other", "file": "x.gz", "record": 5, "person": "R S", "form": "S", "label": "same"}

            """.write(to: good, atomically: true, encoding: .utf8)
        let gold = try HomonymMention.read(good.path)
        #expect(gold.map(\.isPerson) == [false, true, true])
        // Read as the person: 1 (wrong) and 2 (right); 3 is missed.
        let (total, strata) = HomonymMention.score(gold) { $0.id != 3 }
        #expect(total.truePositives == 1 && total.falsePositives == 1 && total.falseNegatives == 1)
        #expect(strata["sport"]?.falsePositives == 1 && strata["other"]?.truePositives == 1)
        let bad = dir.appendingPathComponent("bad.jsonl")
        try "{\"id\": 1, \"file\": \"x.gz\", \"record\": 3, \"person\": \"P\", \"form\": \"P\", \"label\": \"maybe\"}\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect { try HomonymMention.read(bad.path) } throws: { "\($0)".contains("bad.jsonl:1") && "\($0)".contains("label") }
    }
}
