import Foundation

/// One pair of the story gold (Eval/stories): two corpus records, and whether they report one event.
public struct StoryGoldPair: Sendable, Hashable {
    public struct Record: Sendable, Hashable {
        /// The corpus file's name (`ant_v2.1_multisource.jsonl.gz`).
        public var file: String
        /// The 0-based line in the decompressed file.
        public var record: Int

        public init(file: String, record: Int) {
            self.file = file
            self.record = record
        }
    }

    public var a: Record
    public var b: Record
    public var stratum: String
    public var sameEvent: Bool

    public init(a: Record, b: Record, stratum: String, sameEvent: Bool) {
        self.a = a
        self.b = b
        self.stratum = stratum
        self.sameEvent = sameEvent
    }

    /// Reads a gold file: one JSON object a line, `{"a": {"file", "record"}, "b": {…}, "stratum",
    /// "label": "same" | "different"}`. Errors name the file and line.
    public static func read(_ path: String) throws -> [StoryGoldPair] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var pairs = [StoryGoldPair]()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let where_ = "\(path):\(index + 1)"
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw StoryEvalError("\(where_): not a JSON object")
            }
            func record(_ key: String) throws -> Record {
                guard let side = object[key] as? [String: Any], let file = side["file"] as? String, let number = side["record"] as? Int, number >= 0 else {
                    throw StoryEvalError("\(where_): \"\(key)\" needs a file and a record number")
                }
                return Record(file: file, record: number)
            }
            guard let label = object["label"] as? String, label == "same" || label == "different" else {
                throw StoryEvalError("\(where_): \"label\" must be \"same\" or \"different\"")
            }
            pairs.append(StoryGoldPair(a: try record("a"), b: try record("b"), stratum: object["stratum"] as? String ?? "", sameEvent: label == "same"))
        }
        return pairs
    }
}

public struct StoryEvalError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Pairwise counts: a pair is predicted "same" when the archive put both articles in one story.
public struct PairScores: Sendable, Hashable {
    public var truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0
    /// Gold pairs whose records the archive does not hold.
    public var missing = 0

    public init() {}

    public mutating func add(predictedSame: Bool, goldSame: Bool) {
        switch (predictedSame, goldSame) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, true): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    public var pairs: Int { truePositives + falsePositives + falseNegatives + trueNegatives }

    private func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }

    /// Scores `gold` against the archive's stories, given as a story id for each record (nil when
    /// the record is not in the archive). Returns the total and the scores of each stratum.
    public static func score(_ gold: [StoryGoldPair], story: (StoryGoldPair.Record) -> Int64??) -> (total: PairScores, strata: [String: PairScores]) {
        var total = PairScores()
        var strata = [String: PairScores]()
        for pair in gold {
            guard let a = story(pair.a), let b = story(pair.b) else {
                total.missing += 1
                strata[pair.stratum, default: PairScores()].missing += 1
                continue
            }
            let predicted = a != nil && a == b
            total.add(predictedSame: predicted, goldSame: pair.sameEvent)
            strata[pair.stratum, default: PairScores()].add(predictedSame: predicted, goldSame: pair.sameEvent)
        }
        return (total, strata)
    }
}
