import Foundation

/// The entity alias gold (Eval/entities/aliases.jsonl): groups of names that are one entity.
public struct AliasGroup: Sendable, Hashable {
    public var canonical: String
    public var type: String
    public var aliases: [String]

    public init(canonical: String, type: String, aliases: [String]) {
        self.canonical = canonical
        self.type = type
        self.aliases = aliases
    }

    /// Reads the gold; errors name the file and line.
    public static func read(_ path: String) throws -> [AliasGroup] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var groups = [AliasGroup]()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let canonical = object["canonical"] as? String, let type = object["type"] as? String,
                  let aliases = object["aliases"] as? [String], !aliases.isEmpty
            else { throw StoryEvalError("\(path):\(index + 1): needs \"canonical\", \"type\" and a non-empty \"aliases\" list") }
            groups.append(AliasGroup(canonical: canonical, type: type, aliases: aliases))
        }
        return groups
    }
}

/// Merges scored as pairs of names: a pair is merged when the linker gives both names one identity.
public struct MergeScores: Sendable, Hashable {
    public var goldPairs = 0, predictedPairs = 0, correctPairs = 0

    public init() {}

    public var precision: Double { predictedPairs > 0 ? Double(correctPairs) / Double(predictedPairs) : 1 }
    public var recall: Double { goldPairs > 0 ? Double(correctPairs) / Double(goldPairs) : 1 }

    /// Scores `identity` (a name's entity, as the linker resolves it) over every name of `gold`:
    /// the gold pairs are two names of one group, the predicted ones two names (of one type) that
    /// `identity` gives the same value.
    public static func score(_ gold: [AliasGroup], identity: (String, String) -> String) -> MergeScores {
        var scores = MergeScores()
        var groupOf = [String: Int]()
        var names = [(name: String, type: String)]()
        for (index, group) in gold.enumerated() {
            let distinct = Array(Set(group.aliases)).sorted()
            scores.goldPairs += distinct.count * (distinct.count - 1) / 2
            for name in distinct where groupOf[group.type + "\u{1F}" + name] == nil {
                groupOf[group.type + "\u{1F}" + name] = index
                names.append((name, group.type))
            }
        }
        var byIdentity = [String: [String]]()
        for (name, type) in names { byIdentity[type + "\u{1F}" + identity(name, type), default: []].append(type + "\u{1F}" + name) }
        for members in byIdentity.values where members.count > 1 {
            for i in members.indices {
                for j in members.indices where j > i {
                    scores.predictedPairs += 1
                    if groupOf[members[i]] == groupOf[members[j]] { scores.correctPairs += 1 }
                }
            }
        }
        return scores
    }

    /// The pairs `identity` merges across groups ("wrong") and the gold pairs it leaves apart
    /// ("missed"), one line each.
    public static func mistakes(_ gold: [AliasGroup], identity: (String, String) -> String) -> [String] {
        var lines = [String]()
        var owners = [String: [(group: Int, name: String)]]()
        for (index, group) in gold.enumerated() {
            let distinct = Array(Set(group.aliases)).sorted()
            for name in distinct { owners[group.type + "\u{1F}" + identity(name, group.type), default: []].append((index, name)) }
            for i in distinct.indices {
                for j in distinct.indices where j > i && identity(distinct[i], group.type) != identity(distinct[j], group.type) {
                    lines.append("missed: \(distinct[i]) | \(distinct[j])")
                }
            }
        }
        for members in owners.values where Set(members.map(\.group)).count > 1 {
            lines.append("wrong: " + members.map(\.name).sorted().joined(separator: " | "))
        }
        return lines.sorted()
    }
}
