public import ArgumentParser
public import ArabicText

extension Marsad {
    /// `marsad normalize`: prints text normalized with a profile and optional rule switches.
    public struct Normalize: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Normalize Arabic text.",
            discussion: """
                Profiles: 'search' folds letter variants, strips diacritics and tatweel, folds digits and \
                presentation forms; 'display' only cleans presentation forms, invisible controls and spaces.
                Switch single rules with --rule +name or --rule -name. Rules: \
                \(Normalizer.Rules.named.map(\.name).joined(separator: ", ")).
                """
        )

        @Option(help: "The rule set: search or display.")
        public var profile: Profile = .search

        @Option(name: .customLong("rule"), help: "Turn one rule on (+name) or off (-name). Repeatable.")
        public var ruleSwitches: [String] = []

        @OptionGroup public var input: InputOptions

        public init() {}

        public enum Profile: String, ExpressibleByArgument, CaseIterable, Sendable {
            case search, display
            var rules: Normalizer.Rules { self == .search ? .search : .display }
        }

        public func validate() throws { _ = try rules() }

        /// The profile's rules with the switches applied.
        public func rules() throws -> Normalizer.Rules {
            var rules = profile.rules
            for item in ruleSwitches {
                guard let sign = item.first, sign == "+" || sign == "-",
                      let rule = Normalizer.Rules.named.first(where: { $0.name == item.dropFirst() })?.rule
                else {
                    throw ValidationError(
                        "Unknown rule switch '\(item)'. Use +name or -name with one of: "
                            + Normalizer.Rules.named.map(\.name).joined(separator: ", "))
                }
                if sign == "+" { rules.insert(rule) } else { rules.remove(rule) }
            }
            return rules
        }

        public func run() throws {
            let normalizer = Normalizer(rules: try rules())
            for (name, bytes) in try input.inputs() {
                let output = normalizer.normalize(utf8: bytes)
                if output.replacedSequences > 0 {
                    Output.warn("\(name): \(output.replacedSequences) invalid UTF-8 sequence(s) replaced with U+FFFD")
                }
                Output.write(output.text)
            }
        }
    }
}
