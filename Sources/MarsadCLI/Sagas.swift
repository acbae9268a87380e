import Archive
import ArgumentParser
import Foundation

/// `marsad sagas`: developing stories, the events of one affair over weeks.
struct Sagas: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List sagas: developing stories made of several events over weeks.",
        discussion: """
            A saga links stories (events) whose centroids stay close from one week to the next, such as an \
            investigation's successive revelations. `marsad ingest` and `marsad link` build them after linking; \
            `marsad sagas build` builds them again alone.
            """,
        subcommands: [List.self, Build.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The sagas, the most articles first, or one saga's stories.")

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Show one saga's stories.") var id: Int64?
        @Option(help: "Sagas to show.") var limit: Int = 20
        @Option(help: "Sagas to skip first, to page through the list.") var offset: Int = 0
        @Option(help: "Output: text or json.") var format: ListFormat = .text

        func validate() throws {
            guard limit >= 0, offset >= 0 else { throw ValidationError("--limit and --offset must be 0 or more") }
        }

        func run() async throws {
            let archive = try await storeOptions.open()
            defer { Task { try? await archive.close() } }
            if let id {
                guard let saga = try await archive.saga(id: id) else { throw CLIError("no saga \(id)") }
                switch format {
                case .json: Output.write(PageWriter.encode(SagaJSON(summary: saga.summary, stories: saga.stories), pretty: true) + "\n")
                case .text:
                    Output.write("saga \(saga.summary.id): \(saga.summary.title) (\(saga.summary.stories) stories, \(saga.summary.articles) articles)\n")
                    for story in saga.stories {
                        Output.write("  \(story.first.map { String($0.prefix(10)) } ?? "----------")  \(story.id)\t\(story.articles) articles\t\(story.title)\n")
                    }
                }
                return
            }
            let sagas = try await archive.sagas(limit: limit, offset: offset)
            switch format {
            case .json: Output.write(PageWriter.encode(sagas, pretty: true) + "\n")
            case .text:
                for saga in sagas {
                    let span = [saga.first, saga.last].compactMap { $0.map { String($0.prefix(10)) } }.joined(separator: " → ")
                    Output.write("\(saga.id)\t\(saga.stories) stories, \(saga.articles) articles\t\(span)\t\(saga.title)\n")
                }
            }
        }
    }

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Build the sagas again from the stories (ingest and link do it).")

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("The least centroid cosine that links two stories (for evaluation).", visibility: .hidden)) var closeness: Float?
        @Option(help: ArgumentHelp("The largest gap in days between linked stories (for evaluation).", visibility: .hidden)) var gapDays: Double?
        @Option(help: ArgumentHelp("The share of nearby saga stories a story must be linked to (for evaluation).", visibility: .hidden)) var linkedShare: Double?

        func run() async throws {
            let archive = try await storeOptions.open()
            let started = Date()
            let count: Int
            var builder = SagaBuilder()
            if let closeness { builder.minimumCloseness = closeness }
            if let gapDays { builder.maximumGapDays = gapDays }
            if let linkedShare { builder.minimumLinkedShare = linkedShare }
            do {
                count = try await archive.buildSagas(using: builder)
            } catch {
                try? await archive.close()
                throw CLIError("\(error)")
            }
            try await archive.close()
            Output.warn(String(format: "%d sagas built in %.1f s", count, Date().timeIntervalSince(started)))
        }
    }

    struct SagaJSON: Encodable {
        var summary: SagaSummary
        var stories: [StorySummary]
    }
}
