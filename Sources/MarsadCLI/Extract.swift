import ArgumentParser
import Foundation
import NewsAnalysis
import NewsExtraction
import NewsModel
import NIOCore
import Ingestion

/// `marsad extract`: pages in, structured articles out.
package struct Extract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the articles of news pages: text dumps, HTML, RSS/Atom feeds or JSONL exports.",
        discussion: """
            Inputs are files, directories (walked recursively) or http(s) URLs; '.gz' files are inflated.
            The output follows DOCUMENT-MODEL.md. Exits non-zero if any input could not be read.
            """
    )

    package enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case json, jsonl, text }
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

    @Option(help: ArgumentHelp(
        "A folder of extra rules files (ui-leftovers.txt, block-headers.txt, credits.txt, sections.txt, media-markers.txt, outlets.txt, trailing-boilerplate.txt) added to the built-in ones.",
        valueName: "dir"))
    var rules: String?

    @Flag(help: "Skip analysis (quotes, entities, quantities, dates): extraction only.")
    var noAnalysis = false

    @Option(help: "Inputs extracted at once (default: one per core). Output keeps the input order.")
    var jobs: Int?

    func run() async throws {
        var ruleSet = ExtractionRules.standard
        if let rules {
            do {
                ruleSet = try ruleSet.extended(with: URL(fileURLWithPath: rules))
            } catch {
                throw CLIError("rules: \(error)")
            }
        }
        let extractor = NewsExtractor(rules: ruleSet, maxBytes: maxMegabytes << 20)
        let fetcher = PageFetcher(maxRedirects: maxRedirects, timeout: .seconds(Int64(timeout)))
        let sources = try InputWalker.expand(inputs.isEmpty ? ["-"] : inputs)
        var writer = PageWriter(format: format)
        let progress = Progress(total: sources.count, enabled: !quiet && isatty(2) == 1)
        var failures = 0
        writer.begin()
        let limit = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let maxBytes = maxMegabytes << 20
        let format = input.format
        let analyzer: NewsAnalyzer? = noAnalysis ? nil : .standard
        // Read and extract up to `limit` inputs at once; write results in input order as they complete.
        await withTaskGroup(of: (Int, Result<Page, any Error>).self) { group in
            var next = 0
            var done = 0
            var finished = [Int: Result<Page, any Error>]()
            func submit() {
                let index = next
                let source = sources[index]
                next += 1
                group.addTask {
                    do {
                        let fetched = try await source.read(maxBytes: maxBytes, fetcher: fetcher)
                        var page = extractor.extract(fetched.bytes, source: source.name, format: format, contentType: fetched.contentType)
                        analyzer?.analyze(&page)
                        return (index, .success(page))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            while next < sources.count && next < limit { submit() }
            while let (index, result) = await group.next() {
                finished[index] = result
                while let ready = finished.removeValue(forKey: done) {
                    let source = sources[done]
                    done += 1
                    progress.update(done: done, current: source.name)
                    switch ready {
                    case .failure(let error):
                        failures += 1
                        Output.warn("\(source.name): \(error)")
                    case .success(let page):
                        if page.articles.isEmpty && !page.errors.isEmpty {
                            failures += 1
                            Output.warn("\(source.name): \(page.errors.map(\.description).joined(separator: "; "))")
                        }
                        writer.write(page)
                    }
                }
                // `limit` in flight; and a bounded window, so that a slow input cannot make finished
                // pages pile up in memory behind it.
                while next < sources.count, next - done - finished.count < limit, next - done < limit * 4 { submit() }
            }
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
package struct PageWriter {
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
                Output.write(DocumentJSON.string(DocumentJSON.value(article, source: page.source), pretty: false))
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

    /// One page as pretty JSON in DOCUMENT-MODEL.md order, written in chunks of about 1 MB with its
    /// articles encoded one at a time: encoding a 500,000-record JSONL page in one piece held the
    /// whole document in memory several times over (2.1 GB for a 157 MB export).
    static func writePretty(_ page: Page, to sink: ([UInt8]) -> Void) {
        DocumentJSON.stream(page, pretty: true) { sink(Array($0.utf8)) }
    }

    package static func encode(_ value: some Encodable, pretty: Bool) -> String {
        do {
            return String(decoding: try encoder(pretty: pretty).encode(value), as: UTF8.self)
        } catch {
            return "{\"error\": \"cannot encode: \(error)\"}"
        }
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
                facts.append(article.bylines.map { byline in
                    (byline.place.map { "\(byline.name) (\($0))" } ?? byline.name) + (byline.note.map { " — \($0)" } ?? "")
                }.joined(separator: "، "))
            }
            if !article.media.isEmpty { facts.append(article.media.joined(separator: ",")) }
            if let duplicate = article.duplicateOf { facts.append("duplicate of \(duplicate)") }
            if !facts.isEmpty { out += "   " + facts.joined(separator: " · ") + "\n" }
            for image in article.images { out += "   🖼 \(image.caption)" + (image.credit.map { " — \($0)" } ?? "") + "\n" }
            if let summary = article.summary { out += "   \(summary)\n" }
            for paragraph in article.paragraphs { out += "   \(paragraph)\n" }
            for quote in article.quotes {
                let who = quote.speaker.map { name in quote.mention.map { $0 == name ? name : "\(name) («\($0)»)" } ?? name } ?? "?"
                out += "   ❝ [\(quote.kind.rawValue) · \(quote.cue ?? "-") · \(who) · ¶\(quote.paragraph)] \(quote.text)\n"
            }
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
