public import ArgumentParser

/// The `marsad` command line.
public struct Marsad: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "marsad",
        abstract: "Marsad (مرصد): Arabic news extraction, analysis, archive and search.",
        subcommands: [Normalize.self, Tokens.self, Stem.self, Bench.self]
    )

    public init() {}
}
