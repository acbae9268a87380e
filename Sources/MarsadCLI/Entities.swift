import Archive
import ArgumentParser
import Foundation
import NewsModel

/// `marsad entities`: the people, places and organisations of the archive, each one entity under
/// all its names, and the user's corrections of that.
struct Entities: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show, resolve and correct the archive's entities (people, places, organisations).",
        discussion: """
            An entity is one person, place or organisation under all its names: spellings (ترمب, ترامب), \
            short and full forms (الجبير, عادل الجبير), and an outlet's dateline forms. `marsad ingest` and \
            `marsad link` resolve names into entities once linking is done; corrections made with `merge` \
            and `split` are kept by name and applied again whenever the archive is resolved.
            """,
        subcommands: [List.self, Resolve.self, Merge.self, Split.self],
        defaultSubcommand: List.self
    )

    /// A type as users write it: `place` is a location.
    static func kind(_ name: String?) throws -> Entity.Kind? {
        guard let name else { return nil }
        if name == "place" { return .location }
        guard let kind = Entity.Kind(rawValue: name) else { throw ValidationError("--type must be person, place or organization") }
        return kind
    }

    static func write(_ entities: [EntitySummary], format: ListFormat, single: Bool) {
        switch format {
        case .json:
            Output.write((single ? PageWriter.encode(entities[0], pretty: true) : PageWriter.encode(entities, pretty: true)) + "\n")
        case .text:
            for entity in entities {
                let id = entity.id.map { "#\($0)" } ?? "-"
                Output.write("\(id)  \(entity.name) (\(entity.type.rawValue)): \(entity.articles) articles, \(entity.mentions) mentions, \(entity.quotes) quotes\n")
                if entity.aliases.count > 1 { Output.write("      also: " + entity.aliases.filter { $0 != entity.name }.joined(separator: "، ") + "\n") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The entity a name resolves to, or the top entities.")

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "A name or any alias of the entity.") var name: String?
        @Option(help: "Only this type: person, place or organization.") var type: String?
        @Option(help: "Entities to list without --name.") var limit: Int = 20
        @Option(help: "Output: text or json.") var format: ListFormat = .text

        func run() async throws {
            let kind = try Entities.kind(type)
            let archive = try await storeOptions.open()
            defer { Task { try? await archive.close() } }
            let found = try await archive.entities(EntityRequest(type: kind, name: name, limit: name == nil ? limit : 1))
            if let name, found.isEmpty { throw CLIError("no entity is named '\(name)'") }
            Entities.write(found, format: format, single: name != nil)
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Group the archive's names into entities again (ingest and link do it).")

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let archive = try await storeOptions.open()
            let started = Date()
            let summary: EntityResolutionSummary
            do {
                summary = try await archive.resolveEntities()
            } catch {
                try? await archive.close()
                throw CLIError("\(error)")
            }
            try await archive.close()
            Output.warn(String(
                format: "%d names resolved into %d entities (%d corrections applied) in %.1f s", summary.names, summary.entities,
                summary.corrections, Date().timeIntervalSince(started)))
        }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make two entities one: the second's names become the first's aliases.",
            discussion: "Kept as a correction by name, so it holds after the archive is resolved again or re-ingested.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The entity that stays.") var id: Int64
        @Argument(help: "The entity merged into it.") var other: Int64
        @Option(help: "Output: text or json.") var format: ListFormat = .text

        func run() async throws {
            try await Entities.correct(.merge(other, into: id), storeOptions, format)
        }
    }

    struct Split: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a name out of an entity: it becomes an entity of its own.",
            discussion: "Kept as a correction by name, so it holds after the archive is resolved again or re-ingested.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The entity.") var id: Int64
        @Option(help: "The name to take out.") var alias: String
        @Option(help: "Output: text or json.") var format: ListFormat = .text

        func run() async throws {
            try await Entities.correct(.split(id, alias: alias), storeOptions, format)
        }
    }

    static func correct(_ edit: EntityEdit, _ storeOptions: StoreOptions, _ format: ListFormat) async throws {
        let archive = try await storeOptions.open()
        let changed: [EntitySummary]
        do {
            changed = try await archive.correctEntity(edit)
        } catch {
            try? await archive.close()
            throw CLIError("\(error)")
        }
        try await archive.close()
        write(changed, format: format, single: false)
    }
}
