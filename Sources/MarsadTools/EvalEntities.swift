import Archive
import ArgumentParser
import ExtractionEval
import Foundation
import MarsadCLI

extension Eval {
    /// `marsad eval entities`: which names the archive takes for one entity, against the alias gold.
    struct Entities: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "entities",
            abstract: "Score entity identity on the alias gold (Eval/entities/aliases.jsonl).",
            discussion: """
                A merge is a pair of names given one identity. Today the archive's identity of a name is its \
                search key (ArchiveKey: the search normalization, which folds hamza, alef, ta marbuta and \
                harakat), so two spellings are one entity only when they normalize alike. Reports merge \
                precision and recall over the gold's names.
                """
        )

        @Option(help: "The alias gold.")
        var data = "Eval/entities/aliases.jsonl"

        func validate() throws {
            guard FileManager.default.isReadableFile(atPath: data) else { throw ValidationError("Cannot read '\(data)'.") }
        }

        func run() throws {
            let gold = try AliasGroup.read(data)
            let scores = MergeScores.score(gold) { name, _ in ArchiveKey.of(name) }
            Output.write(String(
                format: "%d groups: merges P %.3f R %.3f (gold pairs %d, merged %d, right %d)\n", gold.count, scores.precision, scores.recall,
                scores.goldPairs, scores.predictedPairs, scores.correctPairs))
        }
    }
}
