import ExtractionEval
import Foundation
import NewsExtraction
import NewsModel
import Testing

/// Golden tests over whole pages: every gold page in Eval/ is extracted and scored, and the scores
/// may not drop below the committed floor (Eval/floor.json). This is the CI gate on extraction quality.
@Suite struct GoldPagesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let evalDirectory = root.appendingPathComponent("Eval")
    static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    struct Floor: Decodable {
        var ownBodyF1: Double
        var ownTitles: Double
        var ownImages: Double
        var ownFields: Double
        var ownSnippets: Double
        var realBodyF1: Double
    }

    let floor: Floor
    let own: [EvalCase]

    init() throws {
        floor = try JSONDecoder().decode(Floor.self, from: Data(contentsOf: Self.evalDirectory.appendingPathComponent("floor.json")))
        own = try EvalSuite.ownCases(evalDirectory: Self.evalDirectory)
    }

    @Test func everyFormatAndLayoutHasGold() {
        let formats = Set(own.compactMap(\.gold.format))
        #expect(formats == Set(Page.Format.allCases.map(\.rawValue)))
        #expect(own.filter { $0.gold.format == "text-dump" }.count >= 6)
    }

    @Test func ownGoldScoresStayAboveTheFloor() throws {
        var body = TokenScore(), titles = Tally(), images = Tally(), fields = Tally(), snippets = Tally()
        for evalCase in own {
            let (page, score) = try EvalSuite.run(evalCase)
            #expect(score.leftovers.isEmpty, "\(evalCase.name): UI leftovers \(score.leftovers)")
            if let format = evalCase.gold.format { #expect(page.format.rawValue == format, "\(evalCase.name)") }
            if let encoding = evalCase.gold.encoding { #expect(page.encoding == encoding, "\(evalCase.name)") }
            body = body + score.body
            titles = titles + score.titles
            images = images + score.images
            fields = fields + score.fields
            snippets = snippets + score.mustContain + score.mustNotContain
            if !score.failures.isEmpty { print("eval \(evalCase.name): \(score.failures.joined(separator: "; "))") }
        }
        #expect(body.f1 >= floor.ownBodyF1, "body F1 \(body.f1)")
        #expect(titles.ratio >= floor.ownTitles, "titles \(titles.ratio)")
        #expect(images.ratio >= floor.ownImages, "images \(images.ratio)")
        #expect(fields.ratio >= floor.ownFields, "fields \(fields.ratio)")
        #expect(snippets.ratio >= floor.ownSnippets, "snippets \(snippets.ratio)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path), "../shared/corpus is absent"))
    func realPagesScoreAboveTheFloor() throws {
        let cases = try EvalSuite.realCases(manifest: Self.evalDirectory.appendingPathComponent("real-pages.json"), corpus: Self.corpus)
        var body = TokenScore()
        for evalCase in cases {
            let (_, score) = try EvalSuite.run(evalCase)
            body = body + score.body
            #expect(score.mustNotContain.passed == score.mustNotContain.total, "\(evalCase.name) leaks boilerplate")
            #expect(score.mustContain.passed == score.mustContain.total, "\(evalCase.name) misses body text")
        }
        #expect(body.f1 >= floor.realBodyF1, "real-page body F1 \(body.f1)")
    }
}
