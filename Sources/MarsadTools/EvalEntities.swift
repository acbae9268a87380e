import Archive
import ArchiveSQLite
import ArgumentParser
import ExtractionEval
import Foundation
import MarsadCLI
import NewsModel

extension Eval {
    /// `marsad eval entities`: which names the archive takes for one entity, against the alias gold.
    struct Entities: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "entities",
            abstract: "Score entity identity on the alias gold (Eval/entities/dev.jsonl or test.jsonl).",
            discussion: """
                A merge is a pair of names given one identity. With --store, a name's identity is the \
                entity the archive resolves it to (`marsad entities --name`); with --resolve the archive's \
                names are resolved first (it is written to). Without --store, the identity is the name's \
                search key, which merges only spellings that normalize alike. Reports merge precision and \
                recall over the gold's names, and with --show the pairs it got wrong.
                """
        )

        @Option(help: "The alias gold.")
        var data = "Eval/entities/dev.jsonl"

        @Option(help: "The archive (SQLite) built from the corpus the gold was drawn from.")
        var store: String?

        @Flag(help: "Resolve the archive's entities before scoring.")
        var resolve = false

        @Flag(help: "List the pairs merged wrongly and the gold pairs missed.")
        var show = false

        @Option(help: .hidden) var spellingCosine: Double?
        @Option(help: .hidden) var shortFormCosine: Double?
        @Option(help: .hidden) var dominance: Double?
        @Option(help: .hidden) var shortFormMass: Double?

        func validate() throws {
            guard FileManager.default.isReadableFile(atPath: data) else { throw ValidationError("Cannot read '\(data)'.") }
            if let store, !FileManager.default.isReadableFile(atPath: store) { throw ValidationError("Cannot read the archive '\(store)'.") }
        }

        func run() async throws {
            let gold = try AliasGroup.read(data)
            var identities = [String: String]()
            if let store {
                let archive = try SQLiteArchive(path: store)
                if resolve {
                    var resolver = EntityResolver()
                    if let spellingCosine { resolver.spellingCosine = spellingCosine }
                    if let shortFormCosine { resolver.shortFormCosine = shortFormCosine }
                    if let dominance { resolver.containerDominance = dominance }
                    if let shortFormMass { resolver.shortFormMass = shortFormMass }
                    let started = Date()
                    let summary = try await archive.resolveEntities(using: resolver)
                    Output.write(String(
                        format: "resolved %d names into %d entities in %.1f s\n", summary.names, summary.entities, Date().timeIntervalSince(started)))
                }
                for group in gold {
                    let type = Entity.Kind(rawValue: group.type) ?? .organization
                    for name in group.aliases {
                        let found = try await archive.entities(EntityRequest(type: type, name: name, limit: 1)).first
                        identities[group.type + "\u{1F}" + name] = found?.id.map { "#\($0)" } ?? ArchiveKey.of(name)
                    }
                }
                try await archive.close()
            }
            let identity = { (name: String, type: String) in identities[type + "\u{1F}" + name] ?? ArchiveKey.of(name) }
            let scores = MergeScores.score(gold, identity: identity)
            Output.write(String(
                format: "%d groups: merges P %.3f R %.3f (gold pairs %d, merged %d, right %d)\n", gold.count, scores.precision, scores.recall,
                scores.goldPairs, scores.predictedPairs, scores.correctPairs))
            if show { Output.write(MergeScores.mistakes(gold, identity: identity).joined(separator: "\n") + "\n") }
        }
    }
}
