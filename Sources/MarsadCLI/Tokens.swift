public import ArgumentParser
import ArabicText
import Foundation

extension Marsad {
    /// `marsad tokens`: prints tokens with kind and byte offsets.
    public struct Tokens: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Split text into tokens with their kind and UTF-8 byte offsets.",
            discussion: "Text format: one token a line, 'start end kind text'. JSON lines: {\"start\",\"end\",\"kind\",\"text\"}."
        )

        @Option(help: "text or jsonl.")
        public var format: Format = .text

        @OptionGroup public var input: InputOptions

        public init() {}

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, jsonl }

        public func run() throws {
            for (name, bytes) in try input.inputs() {
                let decoded = String(decoding: bytes, as: UTF8.self)
                if decoded.utf8.count != bytes.count {
                    Output.warn("\(name): invalid UTF-8 replaced with U+FFFD; offsets refer to the repaired text")
                }
                Output.write(Self.render(decoded, format: format))
            }
        }

        /// The command's output for one text.
        public static func render(_ text: String, format: Format) -> String {
            var out = ""
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for token in Tokenizer().tokens(in: text) {
                switch format {
                case .text:
                    out += "\(token.range.lowerBound)\t\(token.range.upperBound)\t\(token.kind.rawValue)\t\(token.text)\n"
                case .jsonl:
                    let record = Record(start: token.range.lowerBound, end: token.range.upperBound, kind: token.kind.rawValue, text: token.text)
                    if let data = try? encoder.encode(record) { out += String(decoding: data, as: UTF8.self) + "\n" }
                }
            }
            return out
        }

        struct Record: Encodable { var start: Int, end: Int, kind: String, text: String }
    }
}
