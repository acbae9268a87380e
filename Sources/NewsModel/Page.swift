/// One input (a file, a URL, a feed, a JSONL export) and the articles it holds.
public struct Page: Sendable, Hashable, Codable {
    /// The path or URL as given.
    public var source: String
    public var format: Format
    /// The encoding the bytes were decoded from (`utf-8`, `windows-1256`, …).
    public var encoding: String
    public var articles: [Article]
    public var errors: [Issue]

    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        case textDump = "text-dump"
        case html, rss, atom, jsonl
    }

    /// A problem met while reading: the page is still returned with what could be read.
    public struct Issue: Sendable, Hashable, Codable, CustomStringConvertible {
        public var message: String
        public var line: Int?

        public init(_ message: String, line: Int? = nil) {
            self.message = message
            self.line = line
        }

        public var description: String {
            line.map { "line \($0): \(message)" } ?? message
        }

        enum CodingKeys: String, CodingKey { case message, line }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(message, forKey: .message)
            try c.encodeIfPresent(line, forKey: .line)
        }
    }

    public init(source: String, format: Format, encoding: String, articles: [Article] = [], errors: [Issue] = []) {
        self.source = source
        self.format = format
        self.encoding = encoding
        self.articles = articles
        self.errors = errors
    }
}

/// What `marsad extract --format json` prints.
public struct ExtractionOutput: Sendable, Hashable, Codable {
    public var pages: [Page]
    public init(pages: [Page]) { self.pages = pages }
}
