import ArgumentParser
import ExtractionEval
import Foundation
import NewsExtraction
import NewsModel
import MarsadCLI

/// `marsad eval` (`marsad eval extraction`): scores extraction against the gold pages, and peers'
/// outputs beside ours. It is the default subcommand of ``Eval``, so `marsad eval --verbose` still works.
struct EvalExtraction: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction",
        abstract: "Score extraction against gold pages (Eval/ and the real pages of ../shared/corpus).",
        discussion: """
            Prints per-page title, body precision/recall/F1, images, fields, snippets and UI leftovers.
            With --peers DIR, also scores DIR/<peer>/<page>.json ({"title", "text"}, from
            Benchmarks/peers/extract_peers.py) with the same scorer, side by side.
            """
    )

    @Option(help: "The folder holding gold/ and pages/.")
    var evalDirectory = "Eval"

    @Option(help: "The shared corpus folder; its real pages are scored when present.")
    var corpus = "../shared/corpus"

    @Option(help: "A folder of peer outputs to score beside ours.")
    var peers: String?

    @Option(help: "Fail (exit 1) when the micro-averaged body F1 on the project's own gold is below this.")
    var minF1: Double?

    @Flag(help: "List every failed check.")
    var verbose = false

    @Option(help: "Output format: text or json.")
    var format: Extract.OutputFormat = .text

    @Flag(help: "Skip the text-dump scores (HTML pages rendered with w3m and lynx, when installed).")
    var noDumps = false

    func run() throws {
        let evalURL = URL(fileURLWithPath: evalDirectory)
        var cases = try EvalSuite.ownCases(evalDirectory: evalURL)
        cases += try EvalSuite.realCases(manifest: evalURL.appendingPathComponent("real-pages.json"),
                                         corpus: URL(fileURLWithPath: corpus))
        let extractor = NewsExtractor()
        var scores = [PageScore]()
        for evalCase in cases {
            let (_, score) = try EvalSuite.run(evalCase, extractor: extractor)
            scores.append(score)
        }
        var peerScores = [String: [String: PageScore]]()
        if let peers {
            let peerNames = (try? FileManager.default.contentsOfDirectory(atPath: peers))?.sorted() ?? []
            for peer in peerNames {
                for evalCase in cases {
                    let url = URL(fileURLWithPath: peers).appendingPathComponent(peer).appendingPathComponent(evalCase.name + ".json")
                    if let score = EvalSuite.scorePeer(output: url, for: evalCase) { peerScores[peer, default: [:]][evalCase.name] = score }
                }
            }
        }
        let own = scores.filter { score in cases.first { $0.name == score.name }?.isReal == false }
        let ownBody = own.reduce(TokenScore()) { $0 + $1.body }
        let dumps = noDumps ? [] : try DumpEval.run(cases: cases, extractor: extractor)
        if format == .json {
            struct Report: Encodable {
                var pages: [PageScore]
                var peers: [String: [String: PageScore]]
                var ownBodyF1: Double
                var dumps: [DumpEval.Row]
            }
            Output.write(PageWriter.encode(Report(pages: scores, peers: peerScores, ownBodyF1: ownBody.f1, dumps: dumps), pretty: true) + "\n")
        } else {
            Output.write(EvalReport.render(scores: scores, cases: cases, peers: peerScores, verbose: verbose))
            if !dumps.isEmpty { Output.write(DumpEval.render(dumps)) }
        }
        if let minF1, ownBody.f1 < minF1 {
            Output.warn(String(format: "body F1 %.4f on the project's gold is below the floor %.4f", ownBody.f1, minF1))
            throw ExitCode(1)
        }
    }
}

/// The text table `marsad eval` prints.
enum EvalReport {
    static func render(scores: [PageScore], cases: [EvalCase], peers: [String: [String: PageScore]], verbose: Bool) -> String {
        func pct(_ value: Double) -> String { String(format: "%5.1f", value * 100) }
        func tally(_ t: Tally) -> String { t.total == 0 ? "   -  " : String(format: "%2d/%-3d", t.passed, t.total) }
        var out = "page                          titles  arts   P     R     F1   images fields  with  w/o   leftovers\n"
        for score in scores {
            let name = score.name.count > 28 ? String(score.name.prefix(27)) + "…" : score.name.padding(toLength: 28, withPad: " ", startingAt: 0)
            out += "\(name)  \(tally(score.titles)) \(tally(score.articlesFound)) \(pct(score.body.precision)) \(pct(score.body.recall)) \(pct(score.body.f1))  \(tally(score.images)) \(tally(score.fields)) \(tally(score.mustContain)) \(tally(score.mustNotContain)) \(score.leftovers.count)\n"
            if verbose { for failure in score.failures { out += "    ✗ \(failure)\n" } }
        }
        let own = scores.filter { score in cases.first { $0.name == score.name }?.isReal == false }
        let real = scores.filter { score in cases.first { $0.name == score.name }?.isReal == true }
        func summary(_ label: String, _ list: [PageScore]) -> String {
            guard !list.isEmpty else { return "" }
            let body = list.reduce(TokenScore()) { $0 + $1.body }
            let titles = list.reduce(Tally()) { $0 + $1.titles }
            let images = list.reduce(Tally()) { $0 + $1.images }
            let fields = list.reduce(Tally()) { $0 + $1.fields }
            let leftovers = list.reduce(0) { $0 + $1.leftovers.count }
            return "\(label): body P \(pct(body.precision)) R \(pct(body.recall)) F1 \(pct(body.f1)) · titles \(pct(titles.ratio))% · images \(pct(images.ratio))% · fields \(pct(fields.ratio))% · leftovers \(leftovers)\n"
        }
        out += "\n" + summary("own gold (\(own.count) pages)", own) + summary("real pages (\(real.count))", real)
        let analysed = scores.filter { $0.quotes.gold + $0.entities.gold + $0.quantities.gold + $0.dates.gold + $0.quoteNames.total > 0 }
        if !analysed.isEmpty {
            func pr(_ r: Retrieval) -> String { r.gold + r.predicted == 0 ? "     -     " : String(format: "%5.1f/%5.1f", r.precision * 100, r.recall * 100) }
            out += "\nanalysis (precision/recall %)   quotes+speaker  names   indirect  entities     quantities   dates\n"
            for score in analysed {
                let name = score.name.count > 28 ? String(score.name.prefix(27)) + "…" : score.name.padding(toLength: 28, withPad: " ", startingAt: 0)
                out += "\(name)    \(pr(score.quotes))   \(tally(score.quoteNames)) \(tally(score.indirectSpeakers))  \(pr(score.entities))  \(pr(score.quantities))  \(pr(score.dates))\n"
            }
            let quotes = analysed.reduce(Retrieval()) { $0 + $1.quotes }
            let entities = analysed.reduce(Retrieval()) { $0 + $1.entities }
            let quantities = analysed.reduce(Retrieval()) { $0 + $1.quantities }
            let dates = analysed.reduce(Retrieval()) { $0 + $1.dates }
            out += "all".padding(toLength: 28, withPad: " ", startingAt: 0) + "    \(pr(quotes))                     \(pr(entities))  \(pr(quantities))  \(pr(dates))\n"
        }
        if !peers.isEmpty {
            out += "\nbody F1 per page, same scorer (title exact ✓/✗):\n"
            let peerNames = peers.keys.sorted()
            out += "page".padding(toLength: 28, withPad: " ", startingAt: 0) + "  " + "marsad".padding(toLength: 13, withPad: " ", startingAt: 0) + peerNames.map { $0.padding(toLength: 13, withPad: " ", startingAt: 0) }.joined() + "\n"
            var sums = [String: (Double, Int)]()
            for score in scores {
                let peerCells = peerNames.map { peers[$0]?[score.name] }
                guard peerCells.contains(where: { $0 != nil }) else { continue }
                func cell(_ s: PageScore?) -> String {
                    guard let s else { return "   -         " }
                    let title = s.titles.total == 0 ? " " : (s.titles.passed == s.titles.total ? "✓" : "✗")
                    let snippets = s.mustContain.total + s.mustNotContain.total == 0 ? "" : " \(s.mustContain.passed + s.mustNotContain.passed)/\(s.mustContain.total + s.mustNotContain.total)"
                    return (pct(s.body.f1) + title + snippets).padding(toLength: 13, withPad: " ", startingAt: 0)
                }
                out += score.name.padding(toLength: 28, withPad: " ", startingAt: 0) + "  " + cell(score) + peerCells.map(cell).joined() + "\n"
                for (name, s) in [("marsad", score)] + zip(peerNames, peerCells).compactMap({ p in p.1.map { (p.0, $0) } }) {
                    var entry = sums[name] ?? (0, 0)
                    entry.0 += s.body.f1
                    entry.1 += 1
                    sums[name] = entry
                }
            }
            out += "mean".padding(toLength: 28, withPad: " ", startingAt: 0) + "  "
                + (["marsad"] + peerNames).map { name in
                    let (sum, n) = sums[name] ?? (0, 0)
                    return (n == 0 ? "-" : pct(sum / Double(n))).padding(toLength: 13, withPad: " ", startingAt: 0)
                }.joined() + "\n"
        }
        return out
    }
}

/// The text-dump evaluation: every HTML page with gold, rendered by each text browser installed,
/// read as a text dump, and scored on its main article's title and body beside the HTML's own
/// extraction scored the same way. The target is parity: a dump gives what its HTML gives.
enum DumpEval {
    struct Row: Encodable {
        var page: String
        var real: Bool
        /// "html", then each renderer's name, with the score of what was read from it.
        var scores: [String: PageScore]
        /// A renderer that failed on this page, and why.
        var errors: [String: String] = [:]
    }

    /// A page is right when its title is exact and its body F1 reaches this.
    static let rightF1 = 0.95

    static func run(cases: [EvalCase], extractor: NewsExtractor) throws -> [Row] {
        let renderers = TextRenderer.available()
        guard !renderers.isEmpty else { return [] }
        var rows = [Row]()
        for evalCase in cases where EvalSuite.isHTML(evalCase) {
            var bytes = [UInt8](try Data(contentsOf: evalCase.input))
            if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes) }
            let html = extractor.extract(bytes, source: evalCase.input.lastPathComponent, format: .html)
            var row = Row(page: evalCase.name, real: evalCase.isReal, scores: ["html": EvalSuite.scoreTitleAndBody(html, for: evalCase)])
            for (renderer, path) in renderers {
                do {
                    let dump = try renderer.render(bytes, encoding: html.encoding, executablePath: path)
                    let page = extractor.extract(dump, source: evalCase.name + "." + renderer.name + ".txt", format: .textDump)
                    row.scores[renderer.name] = EvalSuite.scoreTitleAndBody(page, for: evalCase)
                } catch {
                    row.errors[renderer.name] = "\(error)"
                }
            }
            rows.append(row)
        }
        return rows
    }

    static func isRight(_ score: PageScore) -> Bool {
        score.titles.total > 0 && score.titles.passed == score.titles.total && score.body.f1 >= rightF1
    }

    static func render(_ rows: [Row]) -> String {
        let labelWidth = max(30, (rows.map(\.page.count).max() ?? 0) + 2)
        let columns = ["html"] + TextRenderer.known.map(\.name).filter { name in rows.contains { $0.scores[name] != nil || $0.errors[name] != nil } }
        func cell(_ score: PageScore?, error: String?) -> String {
            guard let score else { return (error == nil ? "   -" : "  err").padding(toLength: 12, withPad: " ", startingAt: 0) }
            let title = score.titles.total == 0 ? " " : (score.titles.passed == score.titles.total ? "✓" : "✗")
            return (String(format: "%5.1f", score.body.f1 * 100) + title).padding(toLength: 12, withPad: " ", startingAt: 0)
        }
        var out = "\ntext dumps: main article's body F1 and title (✓/✗), same gold for the HTML and its renderings\n"
        out += "page".padding(toLength: labelWidth, withPad: " ", startingAt: 0) + columns.map { $0.padding(toLength: 12, withPad: " ", startingAt: 0) }.joined() + "\n"
        for row in rows {
            out += row.page.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + columns.map { cell(row.scores[$0], error: row.errors[$0]) }.joined() + "\n"
        }
        out += "right: title exact and body F1 ≥ \(Int(rightF1 * 100))\n"
        for (label, subset) in [("  own pages", rows.filter { !$0.real }), ("  real pages", rows.filter(\.real))] where !subset.isEmpty {
            out += label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            out += columns.map { column in
                "\(subset.filter { $0.scores[column].map(isRight) ?? false }.count)/\(subset.count)".padding(toLength: 12, withPad: " ", startingAt: 0)
            }.joined() + "\n"
        }
        return out
    }
}
