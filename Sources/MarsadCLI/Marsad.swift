public import ArgumentParser

/// The `marsad` command line: the product's commands. The executable adds the tools (`bench`,
/// `train`, `eval`) from the MarsadTools target.
@available(macOS 10.15, *)
public struct Marsad: AsyncParsableCommand {
    public static let abstract = "Marsad (مرصد): Arabic news extraction, analysis, archive and search."

    /// Every command of the product, in the order that help lists them.
    public static let productCommands: [any ParsableCommand.Type] = [
        Extract.self, Ingest.self, Link.self, Sources.self, Watch.self, Alerts.self, Search.self, Export.self, TimelineCommand.self, Serve.self, Quotes.self, Entities.self, Stories.self, Sagas.self, Stats.self, Normalize.self,
        Tokens.self, Stem.self, Enqueue.self, Worker.self, Jobs.self,
    ]

    public static let configuration = CommandConfiguration(commandName: "marsad", abstract: abstract, subcommands: productCommands)

    public init() {}
}
