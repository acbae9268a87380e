/// CoNLL-style exact-span scores: a predicted span counts only when its start, end and type all
/// match a gold span.
public struct NERScore: Sendable, Hashable, Codable {
    public struct Counts: Sendable, Hashable, Codable {
        public var correct = 0
        public var predicted = 0
        public var gold = 0

        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }

        enum CodingKeys: String, CodingKey { case precision, recall, f1, correct, predicted, gold }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            correct = try c.decode(Int.self, forKey: .correct)
            predicted = try c.decode(Int.self, forKey: .predicted)
            gold = try c.decode(Int.self, forKey: .gold)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(precision, forKey: .precision)
            try c.encode(recall, forKey: .recall)
            try c.encode(f1, forKey: .f1)
            try c.encode(correct, forKey: .correct)
            try c.encode(predicted, forKey: .predicted)
            try c.encode(gold, forKey: .gold)
        }
    }

    public var overall = Counts()
    /// Per type; ANERcorp's four types are always present.
    public var types: [String: Counts] = Dictionary(uniqueKeysWithValues: NERTags.types.map { ($0, Counts()) })

    public init() {}

    /// Scores predicted tag sequences against gold ones, sentence by sentence.
    ///
    /// - Complexity: O(total tokens).
    public init(gold: [[String]], predicted: [[String]]) {
        for (g, p) in zip(gold, predicted) { add(gold: g, predicted: p) }
    }

    public mutating func add(gold: [String], predicted: [String]) {
        let goldSpans = CoNLL.spans(gold), predictedSpans = CoNLL.spans(predicted)
        let goldSet = Set(goldSpans)
        for span in goldSpans {
            types[span.type, default: Counts()].gold += 1
            overall.gold += 1
        }
        for span in predictedSpans {
            types[span.type, default: Counts()].predicted += 1
            overall.predicted += 1
            if goldSet.contains(span) {
                types[span.type, default: Counts()].correct += 1
                overall.correct += 1
            }
        }
    }
}
