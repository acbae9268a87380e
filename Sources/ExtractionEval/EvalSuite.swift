public import Foundation
import NewsAnalysis
public import NewsExtraction
public import NewsModel

/// One page to score: where its input is and what it should give.
public struct EvalCase: Sendable {
    public var name: String
    public var input: URL
    public var gold: GoldPage
    /// Own gold (composed by the project) or a real page from ../shared/corpus.
    public var isReal: Bool
}

/// A problem with the gold itself (a missing file, bad JSON), named by file.
public struct EvalError: Error, CustomStringConvertible {
    public var description: String
}

/// Loads the gold pages: the project's own in `Eval/`, and the real ones listed in `Eval/real-pages.json`.
public enum EvalSuite {
    public static func ownCases(evalDirectory: URL) throws -> [EvalCase] {
        let goldDirectory = evalDirectory.appendingPathComponent("gold")
        let names = try FileManager.default.contentsOfDirectory(atPath: goldDirectory.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { file in
            let url = goldDirectory.appendingPathComponent(file)
            let gold: GoldPage
            do {
                gold = try JSONDecoder().decode(GoldPage.self, from: Data(contentsOf: url))
            } catch {
                throw EvalError(description: "\(url.path): \(error)")
            }
            return EvalCase(name: String(file.dropLast(5)), input: evalDirectory.appendingPathComponent(gold.input), gold: gold, isReal: false)
        }
    }

    /// The real pages whose files exist under `corpus` (../shared/corpus); absent ones are skipped.
    public static func realCases(manifest: URL, corpus: URL) throws -> [EvalCase] {
        struct Entry: Decodable {
            var name: String
            var input: String
            var gold: GoldSource
        }
        struct GoldSource: Decodable {
            var kind: String
            var path: String
            var text: String?
        }
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: manifest))
        } catch {
            throw EvalError(description: "\(manifest.path): \(error)")
        }
        var cases = [EvalCase]()
        for entry in entries {
            let input = corpus.appendingPathComponent(entry.input)
            let goldURL = corpus.appendingPathComponent(entry.gold.path)
            guard FileManager.default.fileExists(atPath: input.path), FileManager.default.fileExists(atPath: goldURL.path) else { continue }
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: goldURL))
            let gold: GoldPage
            switch entry.gold.kind {
            case "fundus":
                // {"V1": {"title": …, "body": {"sections": [{"headline": [...], "paragraphs": [...]}]}, "publishing_date": …}}
                guard let root = (object as? [String: Any])?.values.first as? [String: Any] else {
                    throw EvalError(description: "\(goldURL.path): not a fundus record")
                }
                let sections = ((root["body"] as? [String: Any])?["sections"] as? [[String: Any]]) ?? []
                let paragraphs = sections.flatMap { ($0["paragraphs"] as? [String]) ?? [] }
                let article = GoldArticle(role: .main, title: root["title"] as? String, paragraphs: paragraphs)
                gold = GoldPage(input: entry.input, format: "html", articles: [article])
            case "newspaper4k":
                let record = object as? [String: Any] ?? [:]
                var paragraphs = [String]()
                if let text = entry.gold.text {
                    let body = try String(contentsOf: corpus.appendingPathComponent(text), encoding: .utf8)
                    paragraphs = body.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
                gold = GoldPage(input: entry.input, format: "html",
                                articles: [GoldArticle(role: .main, title: record["title"] as? String, paragraphs: paragraphs)])
            case "trafilatura":
                // trafilatura's evaldata.json: {URL: {"file", "title", "with": [...], "without": [...]}}
                guard let record = (object as? [String: Any])?.values.first as? [String: Any] else {
                    throw EvalError(description: "\(goldURL.path): not an evaldata record")
                }
                gold = GoldPage(input: entry.input, format: "html",
                                articles: [GoldArticle(role: .main, title: record["title"] as? String)],
                                mustContain: record["with"] as? [String] ?? [], mustNotContain: record["without"] as? [String] ?? [])
            default:
                throw EvalError(description: "\(manifest.path): unknown gold kind '\(entry.gold.kind)'")
            }
            cases.append(EvalCase(name: entry.name, input: input, gold: gold, isReal: true))
        }
        return cases
    }

    /// Runs the extractor on a case and scores it.
    public static func run(_ evalCase: EvalCase, extractor: NewsExtractor = NewsExtractor(), scorer: Scorer = Scorer()) throws -> (Page, PageScore) {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: evalCase.input))
        } catch {
            throw EvalError(description: "\(evalCase.input.path): cannot read: \(error.localizedDescription)")
        }
        var page = extractor.extract(bytes, source: evalCase.input.lastPathComponent)
        NewsAnalyzer.standard.analyze(&page)
        return (page, scorer.score(page: page, gold: evalCase.gold, name: evalCase.name))
    }

    /// Scores a peer's output (`{"title": …, "text": …}`, paragraphs one per line) on a case.
    public static func scorePeer(output url: URL, for evalCase: EvalCase, scorer: Scorer = Scorer()) -> PageScore? {
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        let title = object["title"] as? String ?? ""
        let text = object["text"] as? String ?? ""
        let paragraphs = text.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        var article = Article(role: .main, title: title, paragraphs: paragraphs)
        article.id = "peer"
        let page = Page(source: url.path, format: .html, encoding: "utf-8", articles: [article])
        // A peer returns one article: score it against the gold page's main and continuation articles only.
        return scorer.score(page: page, gold: titleAndBody(evalCase.gold), name: evalCase.name)
    }

    /// The gold of the first main article's title and body (and the page's snippets): what a peer
    /// returns, and what a text dump of an HTML page still carries.
    public static func titleAndBody(_ gold: GoldPage) -> GoldPage {
        var gold = gold
        gold.articles = gold.articles.filter { $0.role != .related }.prefix(1).map { article in
            var copy = article
            copy.subtitle = .absent
            copy.section = .absent
            copy.summary = .absent
            copy.published = .absent
            copy.url = .absent
            copy.images = nil
            copy.bylines = nil
            copy.media = nil
            return copy
        }
        return gold
    }

    /// True for a case whose input is an HTML page (a text dump can be rendered from it).
    public static func isHTML(_ evalCase: EvalCase) -> Bool {
        let name = evalCase.input.lastPathComponent.lowercased()
        return evalCase.gold.format == "html" || name.hasSuffix(".html") || name.hasSuffix(".html.gz") || name.hasSuffix(".htm")
    }

    /// Scores the main article that `page` gives against the case's title and body gold: the HTML's
    /// extraction and its text dumps, side by side on the same terms.
    public static func scoreTitleAndBody(_ page: Page, for evalCase: EvalCase, scorer: Scorer = Scorer()) -> PageScore {
        var main = page
        main.articles = Array(page.articles.filter { $0.role != .related }.prefix(1))
        return scorer.score(page: main, gold: titleAndBody(evalCase.gold), name: evalCase.name)
    }
}
