import ArgumentParser
import NewsExtraction
import NewsModel
import Ingestion
import MarsadCLI

/// The articles benchmarks measure on: those with paragraphs, from pages or exports, up to a limit.
enum BenchInputs {
    static func articlesWithText(_ files: [String], limit: Int) throws -> [Article] {
        let extractor = NewsExtractor()
        var articles = [Article]()
        for file in files where articles.count < limit {
            let page = extractor.extract(try FileReading.read(file, maxBytes: 1 << 30), source: file)
            articles += page.articles.filter { !$0.paragraphs.isEmpty }.prefix(limit - articles.count)
        }
        guard !articles.isEmpty else { throw ValidationError("No articles with text in the inputs.") }
        return articles
    }
}
