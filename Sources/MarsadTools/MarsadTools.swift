public import ArgumentParser

/// The commands that measure, train and evaluate Marsad rather than run it: `marsad bench`,
/// `marsad train` and `marsad eval`. The `marsad` executable lists them beside the product's commands
/// (``MarsadCLI/Marsad``); the product modules do not link them.
public enum MarsadTools {
    public static let commands: [any ParsableCommand.Type] = [Eval.self, Train.self, Bench.self]
}
