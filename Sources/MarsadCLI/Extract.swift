import ArgumentParser
import Foundation
import NewsExtraction
import NewsModel
import NIOCore

/// `marsad extract`: pages in, structured articles out.
struct Extract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the articles of news pages: text dumps, HTML, RSS/Atom feeds or JSONL exports.",
        discussion: """
            Inputs are files, directories (walked recursively) or http(s) URLs; '.gz' files are inflated.
            The output follows DOCUMENT-MODEL.md. Exits non-zero if any input could not be read.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case json, jsonl, text }
    enum InputKind: String, ExpressibleByArgument, CaseIterable {
        case auto, text, html, rss, atom, jsonl

        var format: Page.Format? {
            switch self {
            case .auto: return nil
            case .text: return .textDump
            case .html: return .html
            case .rss: return .rss
            case .atom: return .atom
            case .jsonl: return .jsonl
            }
        }
    }

    @Argument(help: "Files, directories or http(s) URLs. Reads standard input when none are given or for '-'.")
    var inputs: [String] = []

    @Option(help: "Output format: json (one document), jsonl (one article per line) or text.")
    var format: OutputFormat = .json

    @Option(help: "Input format; auto detects it from the content.")
    var input: InputKind = .auto

    @Option(help: "Largest input to read, in megabytes (after inflating gzip).")
    var maxMegabytes: Int = 512

    @Option(help: "Seconds to wait for a URL's response.")
    var timeout: Int = 20

    @Option(help: "Redirects to follow for a URL.")
    var maxRedirects: Int = 5

    @Flag(help: "Do not print the progress line on standard error.")
    var quiet = false

    func run() async throws {
        let extractor = NewsExtractor(maxBytes: maxMegabytes << 20)
        let fetcher = PageFetcher(maxRedirects: maxRedirects, timeout: .seconds(Int64(timeout)))
        let sources = try InputWalker.expand(inputs.isEmpty ? ["-"] : inputs)
        var writer = PageWriter(format: format)
        let progress = Progress(total: sources.count, enabled: !quiet && isatty(2) == 1)
        var failures = 0
        writer.begin()
        for (index, source) in sources.enumerated() {
            progress.update(done: index, current: source.name)
            let page: Page
            do {
                let fetched = try await source.read(maxBytes: maxMegabytes << 20, fetcher: fetcher)
                page = extractor.extract(fetched.bytes, source: source.name, format: input.format, contentType: fetched.contentType)
            } catch {
                failures += 1
                Output.warn("\(source.name): \(error)")
                continue
            }
            if page.articles.isEmpty && !page.errors.isEmpty {
                failures += 1
                Output.warn("\(source.name): \(page.errors.map(\.description).joined(separator: "; "))")
            }
            writer.write(page)
        }
        progress.finish(count: sources.count)
        writer.end()
        if failures > 0 {
            Output.warn("\(failures) of \(sources.count) inputs failed")
            throw ExitCode(1)
        }
    }
}

/// Writes pages as one JSON document, JSON lines or readable text, streaming as it goes.
struct PageWriter {
    let format: Extract.OutputFormat
    var wrotePage = false

    init(format: Extract.OutputFormat) { self.format = format }

    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
        return encoder
    }

    mutating func begin() {
        if format == .json { Output.write("{\"pages\": [\n") }
    }

    mutating func write(_ page: Page) {
        switch format {
        case .json:
            if wrotePage { Output.write(",\n") }
            Self.writePretty(page, to: Output.write)
        case .jsonl:
            for article in page.articles {
                Output.write(Self.encode(SourcedArticle(source: page.source, article: article), pretty: false))
                Output.write("\n")
            }
        case .text:
            Output.write(TextRendering.render(page))
        }
        wrotePage = true
    }

    func end() {
        if format == .json { Output.write("\n]}\n") }
    }

    /// One page as pretty JSON, the same document `encode(page, pretty: true)` gives, but with its
    /// articles encoded one at a time and written in chunks of about 1 MB. Encoding a whole page at
    /// once held the encoder's tree, its `Data` and a `String` copy of the entire output together:
    /// 2.1 GB of memory for a JSONL export of 500,000 small records (157 MB), 3× what extracting it takes.
    static func writePretty(_ page: Page, to sink: ([UInt8]) -> Void) {
        var shell = page
        shell.articles = []
        let frame = Array(encode(shell, pretty: true).utf8)
        // The page's other fields, with `"articles" : [` and the empty array's `]` to splice between.
        // JSON strings escape every quote, so the key is found only where it is the key.
        guard !page.articles.isEmpty, let open = frame.firstRange(of: Array("\"articles\" : [".utf8)),
              let close = frame[open.upperBound...].firstIndex(of: UInt8(ascii: "]")),
              frame[open.upperBound..<close].allSatisfy({ $0 == 0x0A || $0 == 0x20 }) else {
            sink(Array(encode(page, pretty: true).utf8))
            return
        }
        let encoder = encoder(pretty: true)
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 20)
        buffer += frame[..<open.upperBound]
        for (n, article) in page.articles.enumerated() {
            buffer += n == 0 ? [0x0A] : [0x2C, 0x0A]
            let json: Data
            do {
                json = try encoder.encode(article)
            } catch {
                json = Data("{\"error\": \"cannot encode: \(error)\"}".utf8)
            }
            // Nested two levels, as inside the page: four more spaces on every non-empty line (a JSON
            // string never holds a raw newline, so every 0x0A is between tokens).
            var lineStart = true
            for byte in json {
                if lineStart && byte != 0x0A { buffer.append(contentsOf: repeatElement(0x20, count: 4)) }
                buffer.append(byte)
                lineStart = byte == 0x0A
            }
            if buffer.count >= 1 << 20 {
                sink(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer += [0x0A, 0x20, 0x20]
        buffer += frame[close...]
        sink(buffer)
    }

    static func encode(_ value: some Encodable, pretty: Bool) -> String {
        do {
            return String(decoding: try encoder(pretty: pretty).encode(value), as: UTF8.self)
        } catch {
            return "{\"error\": \"cannot encode: \(error)\"}"
        }
    }
}

/// An article with `source` added, as `--format jsonl` prints it.
struct SourcedArticle: Encodable {
    var source: String
    var article: Article

    enum CodingKeys: String, CodingKey { case source }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try article.encode(to: encoder)
    }
}

/// `--format text`: for reading in a terminal.
enum TextRendering {
    static func render(_ page: Page) -> String {
        var out = "══ \(page.source) · \(page.format.rawValue) · \(page.encoding) · \(page.articles.count) articles\n"
        for error in page.errors { out += "!! \(error)\n" }
        for article in page.articles {
            out += "\n[\(article.role.rawValue)] \(article.title)\n"
            if let subtitle = article.subtitle { out += "   \(subtitle)\n" }
            var facts = [String]()
            if let section = article.section { facts.append("القسم: \(section)") }
            if let published = article.published { facts.append(published) }
            if !article.bylines.isEmpty {
                facts.append(article.bylines.map { byline in byline.place.map { "\(byline.name) (\($0))" } ?? byline.name }.joined(separator: "، "))
            }
            if !article.media.isEmpty { facts.append(article.media.joined(separator: ",")) }
            if let duplicate = article.duplicateOf { facts.append("duplicate of \(duplicate)") }
            if !facts.isEmpty { out += "   " + facts.joined(separator: " · ") + "\n" }
            for image in article.images { out += "   🖼 \(image.caption)" + (image.credit.map { " — \($0)" } ?? "") + "\n" }
            if let summary = article.summary { out += "   \(summary)\n" }
            for paragraph in article.paragraphs { out += "   \(paragraph)\n" }
        }
        return out + "\n"
    }
}

/// One line on standard error, rewritten in place, when it is a terminal.
struct Progress {
    let total: Int
    let enabled: Bool
    let start = Date()

    func update(done: Int, current: String) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let name = current.count > 50 ? "…" + current.suffix(49) : current
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total)] \(String(format: "%.0f", rate)) pages/s  \(name)".utf8))
    }

    func finish(count: Int) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(start)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(count) inputs in \(String(format: "%.2f", elapsed)) s\n".utf8))
    }
}
