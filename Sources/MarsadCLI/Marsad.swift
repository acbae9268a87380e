public import ArgumentParser

/// The `marsad` command line.
@available(macOS 10.15, *)
public struct Marsad: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "marsad",
        abstract: "Marsad (مرصد): Arabic news extraction, analysis, archive and search.",
        subcommands: [Extract.self, Ingest.self, Search.self, Serve.self, Quotes.self, Stories.self, Stats.self, Eval.self, Train.self, Normalize.self, Tokens.self, Stem.self, Bench.self]
    )

    public init() {}
}
