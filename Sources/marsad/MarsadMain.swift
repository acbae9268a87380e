import ArgumentParser
import MarsadCLI
import MarsadTools

/// The executable: the product's commands (MarsadCLI, kept in a library so that tests run them
/// in-process) and the tools that measure, train and evaluate it (MarsadTools).
@main
struct MarsadExecutable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marsad", abstract: Marsad.abstract, subcommands: Marsad.productCommands + MarsadTools.commands)
}
