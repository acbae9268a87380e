import Archive
public import ArgumentParser
import Foundation
import Ingestion

/// `marsad sources`: the feeds, sitemaps and pages that `marsad watch` follows.
struct Sources: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, list and remove the sources that `marsad watch` follows.",
        subcommands: [Add.self, List.self, Remove.self], defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow feeds, news sitemaps or pages.",
            discussion: """
                auto reads a feed or a sitemap as such; on an HTML page it follows the feeds that the page
                announces (<link rel="alternate">), or else the page's article links. Adding a known URL
                changes its period and kind and keeps its state.
                """)

        @Argument(help: "http(s) URLs.") var urls: [String]
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "How often to fetch each source: 90s, 10m, 2h, 1d (at least 1m).") var every: String = "10m"
        @Option(help: "What the URLs serve: auto, feed, sitemap or page.") var kind: WatchedSource.Kind = .auto

        func run() async throws {
            guard let seconds = WatchPeriod.seconds(every), seconds >= WatchPeriod.minimumSeconds else {
                throw ValidationError("--every must be a duration of at least 1m, such as 90s, 10m, 2h or 1d (got '\(every)')")
            }
            let canonical = try urls.map { url -> String in
                guard let canonical = CanonicalURL.canonical(url) else { throw ValidationError("not an http(s) URL: '\(url)'") }
                return canonical
            }
            let archive = try await storeOptions.open()
            defer { Task { try? await archive.close() } }
            let known = Dictionary(try await archive.watchedSources().map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
            let now = Timestamps.iso(Date())
            for url in canonical {
                var source = known[url] ?? WatchedSource(url: url, added: now, nextDue: now)
                source.kind = kind
                source.everySeconds = seconds
                try await archive.saveSource(source)
                Output.warn("\(known[url] == nil ? "following" : "updated") \(url) (\(kind.rawValue), every \(every))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each source's state: last fetch, status, new articles, errors, next due time.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Output: text or json.") var format: ListFormat = .text

        func run() async throws {
            let archive = try await storeOptions.open()
            defer { Task { try? await archive.close() } }
            let sources = try await archive.watchedSources()
            switch format {
            case .json: Output.write(PageWriter.encode(sources, pretty: true) + "\n")
            case .text: Output.write(sources.map(Self.line).joined())
            }
        }

        static func line(_ source: WatchedSource) -> String {
            var line = "\(source.url)  [\(source.kind.rawValue), every \(WatchPeriod.text(source.everySeconds))]\n"
            line += "    last fetch \(source.lastFetch ?? "never"): \(source.lastStatus ?? "-"), \(source.lastNew) new (\(source.totalNew) in all)"
            line += "; next due \(source.nextDue)\n"
            if source.failures > 0 { line += "    failing \(source.failures) times in a row: \(source.lastError ?? "")\n" }
            return line
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop following sources (their stored articles stay).")
        @Argument(help: "Source URLs, as listed.") var urls: [String]
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let archive = try await storeOptions.open()
            defer { Task { try? await archive.close() } }
            var missing = [String]()
            for url in urls where !(try await archive.removeSource(url: CanonicalURL.canonical(url) ?? url)) { missing.append(url) }
            guard missing.isEmpty else { throw CLIError("not a source: \(missing.joined(separator: ", "))") }
        }
    }
}

extension WatchedSource.Kind: ExpressibleByArgument {}
