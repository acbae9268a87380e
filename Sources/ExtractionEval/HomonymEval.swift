import Foundation

/// One mention of the homonym gold (Eval/homonyms): a one-word form the analysis read as a listed
/// person, and whether it names that person.
public struct HomonymMention: Sendable, Hashable {
    public var id: Int
    public var stratum: String
    public var file: String
    public var record: Int
    /// The gazetteer's name of the person.
    public var person: String
    /// The word the article wrote.
    public var form: String
    /// The form names the person (`same`), not someone or something else (`other`).
    public var isPerson: Bool

    public init(id: Int, stratum: String, file: String, record: Int, person: String, form: String, isPerson: Bool) {
        (self.id, self.stratum, self.file, self.record) = (id, stratum, file, record)
        (self.person, self.form, self.isPerson) = (person, form, isPerson)
    }

    /// Reads the gold; errors name the file and line.
    public static func read(_ path: String) throws -> [HomonymMention] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var mentions = [HomonymMention]()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["id"] as? Int, let file = object["file"] as? String, let record = object["record"] as? Int,
                  let person = object["person"] as? String, let form = object["form"] as? String,
                  let label = object["label"] as? String, label == "same" || label == "other"
            else {
                throw StoryEvalError("\(path):\(index + 1): needs \"id\", \"file\", \"record\", \"person\", \"form\" and a \"label\" of same or other")
            }
            mentions.append(HomonymMention(id: id, stratum: object["stratum"] as? String ?? "", file: file, record: record,
                                           person: person, form: form, isPerson: label == "same"))
        }
        return mentions
    }

    /// Scores `readAsPerson` (whether the analysis reads the mention as its person) over `gold`: a
    /// true positive is a mention read as the person that names them. Returns the total and each
    /// stratum's scores.
    public static func score(_ gold: [HomonymMention], readAsPerson: (HomonymMention) -> Bool) -> (total: PairScores, strata: [String: PairScores]) {
        var total = PairScores()
        var strata = [String: PairScores]()
        for mention in gold {
            let predicted = readAsPerson(mention)
            total.add(predictedSame: predicted, goldSame: mention.isPerson)
            strata[mention.stratum, default: PairScores()].add(predictedSame: predicted, goldSame: mention.isPerson)
        }
        return (total, strata)
    }
}
