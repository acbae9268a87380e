/// A sentence of a CoNLL file: tokens and their BIO tags.
public struct CoNLLSentence: Sendable, Hashable {
    public var tokens: [String]
    public var tags: [String]

    public init(tokens: [String], tags: [String]) {
        self.tokens = tokens
        self.tags = tags
    }
}

/// A problem in a CoNLL file, with its line.
public struct CoNLLError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads `token TAG` files (one token a line, blank lines between sentences) and finds their spans.
public enum CoNLL {
    /// Parses a CoNLL file. The tag is the last whitespace-separated field; the token is the rest of
    /// the line and may be empty or hold spaces.
    ///
    /// - Throws: ``CoNLLError`` for a line without a tag or a tag that is not O, B-X or I-X.
    /// - Complexity: O(n) in the text's length.
    public static func parse(_ text: String, file: String = "input") throws(CoNLLError) -> [CoNLLSentence] {
        var sentences = [CoNLLSentence]()
        var current = CoNLLSentence(tokens: [], tags: [])
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            var line = raw[...]
            if line.last == "\r" { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.tokens.isEmpty { sentences.append(current) }
                current = CoNLLSentence(tokens: [], tags: [])
                continue
            }
            while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
            guard let cut = line.lastIndex(where: { $0 == " " || $0 == "\t" }) else {
                throw CoNLLError(file: file, line: number, message: "expected 'token TAG', found '\(line.prefix(40))'")
            }
            let tag = String(line[line.index(after: cut)...])
            guard tag == "O" || tag.hasPrefix("B-") || tag.hasPrefix("I-"), tag.count > 2 || tag == "O" else {
                throw CoNLLError(file: file, line: number, message: "'\(tag.prefix(20))' is not a BIO tag")
            }
            current.tokens.append(line[..<cut].trimmingWhitespace())
            current.tags.append(tag)
        }
        if !current.tokens.isEmpty { sentences.append(current) }
        return sentences
    }

    /// An entity span: token range and type.
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var type: String
    }

    /// The spans of a BIO sequence, as conlleval reads them: I-X after anything but B-X or I-X begins
    /// a span.
    public static func spans(_ tags: [String]) -> [Span] {
        var spans = [Span]()
        var open: (start: Int, type: Substring)?
        for (i, tag) in tags.enumerated() {
            let prefix = tag.prefix(2)
            let type = tag.count > 2 ? tag.dropFirst(2) : ""
            let continues = prefix == "I-" && open?.type == type
            if !continues, let o = open {
                spans.append(Span(start: o.start, end: i, type: String(o.type)))
                open = nil
            }
            if (prefix == "B-" || prefix == "I-") && !continues { open = (i, type) }
        }
        if let o = open { spans.append(Span(start: o.start, end: tags.count, type: String(o.type))) }
        return spans
    }

    /// How to carve a development split out of training sentences.
    public enum DevSplit: String, Sendable, CaseIterable {
        /// The last fraction of the sentences, in file order: later documents the model never saw.
        case tail
        /// Every k-th sentence (k = 1 / fraction): the same documents, so an easier split.
        case interleaved
    }

    /// Splits sentences into training and development sets, deterministically.
    public static func split(_ sentences: [CoNLLSentence], devFraction: Double, strategy: DevSplit) -> (train: [CoNLLSentence], dev: [CoNLLSentence]) {
        guard devFraction > 0, sentences.count > 1 else { return (sentences, []) }
        switch strategy {
        case .tail:
            let devCount = max(1, min(sentences.count - 1, Int((Double(sentences.count) * devFraction).rounded())))
            return (Array(sentences.dropLast(devCount)), Array(sentences.suffix(devCount)))
        case .interleaved:
            let every = max(2, Int((1 / devFraction).rounded()))
            var train = [CoNLLSentence](), dev = [CoNLLSentence]()
            for (i, s) in sentences.enumerated() {
                if i % every == every - 1 { dev.append(s) } else { train.append(s) }
            }
            return (train, dev)
        }
    }
}
