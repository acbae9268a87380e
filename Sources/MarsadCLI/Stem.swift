public import ArgumentParser
public import ArabicText

extension Marsad {
    /// `marsad stem`: prints the stems of each line's words, one output line per input line.
    public struct Stem: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Stem Arabic words, line by line.",
            discussion: "Each input line gives one output line: the stems of its words, separated by spaces. Words are search-normalized first unless --no-normalize is given."
        )

        @Option(help: "light10 (Lucene/Elasticsearch compatible) or marsad (more clitics, guards).")
        public var mode: LightStemmer.Mode = .marsad

        @Flag(name: .customLong("normalize"), inversion: .prefixedNo, help: "Search-normalize before stemming.")
        public var normalize = true

        @OptionGroup public var input: InputOptions

        public init() {}

        public func run() throws {
            for (_, bytes) in try input.inputs() {
                Output.write(Self.render(String(decoding: bytes, as: UTF8.self), mode: mode, normalize: normalize))
            }
        }

        public static func render(_ text: String, mode: LightStemmer.Mode, normalize: Bool = true) -> String {
            let stemmer = LightStemmer(mode: mode)
            let tokenizer = Tokenizer()
            var out = ""
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            for line in lines {
                let words = tokenizer.tokens(in: String(line)).filter { $0.kind.isWordLike }.map { token in
                    let word = normalize ? Normalizer.search.normalize(token.text) : token.text
                    return token.kind == .arabicWord ? stemmer.stem(word) : word
                }
                out += words.joined(separator: " ") + "\n"
            }
            return out
        }
    }
}

extension LightStemmer.Mode: ExpressibleByArgument {}
