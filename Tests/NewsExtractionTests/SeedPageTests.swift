import ArabicText
import Foundation
import NewsExtraction
import NewsModel
import Testing

/// The page the project started from (../shared/corpus/pages/000_…txt). Its text is not copied here:
/// expectations name the page's own line numbers and compare against the display-cleaned lines.
@Suite(.enabled(if: SeedPage.lines != nil, "../shared/corpus is absent"))
struct SeedPageTests {
    let page = NewsExtractor().extract(Array(SeedPage.text!.utf8), source: SeedPage.path)

    func line(_ number: Int) -> String {
        Normalizer.display.normalize(SeedPage.lines![number - 1]).trimmingCharacters(in: .whitespaces)
    }

    @Test func givesFourFullArticlesAndFiveTeasersInPageOrder() {
        #expect(page.articles.map(\.role) == [.main] + Array(repeating: .related, count: 5) + Array(repeating: .continuation, count: 3))
        #expect(page.errors.isEmpty)
    }

    @Test func titlesAreExact() {
        #expect(page.articles.map(\.title) == [1, 34, 45, 52, 59, 66, 72, 98, 114].map(line))
        #expect(page.articles[2].title.contains("ب205"))
    }

    @Test func mainArticleHasSubtitleOneImageAndSixteenParagraphs() {
        let main = page.articles[0]
        #expect(main.subtitle == line(3))
        #expect(main.images.count == 1)
        #expect(main.images[0].credit == "رويترز")
        #expect(!main.images[0].caption.contains("("))
        #expect(main.paragraphs.count == 16)
        #expect(main.paragraphs.first == line(14))
        #expect(main.paragraphs.last == line(29))
    }

    @Test func everyCaptionIsSplitFromItsCredit() {
        let credits = page.articles.map { $0.images.map { $0.credit ?? "-" } }
        #expect(credits == [["رويترز"], ["د.ب.أ"], ["رويترز"], ["رويترز"], ["أ.ف.ب"], ["رويترز"],
                            ["رويترز", "رويترز"], ["أ.ب"], ["رويترز", "رويترز"]])
        for article in page.articles {
            for image in article.images { #expect(!image.caption.hasSuffix(")")) }
        }
    }

    @Test func teasersHaveSectionBylinesPlacesAndVideoMarkers() {
        let teasers = page.articles.filter { $0.role == .related }
        #expect(teasers.allSatisfy { $0.section == "أوروبا" })
        #expect(teasers.map { $0.bylines.map { "\($0.name)|\($0.kind.rawValue)|\($0.place ?? "")" } } == [
            ["الشرق الأوسط|outlet|لندن"], ["الشرق الأوسط|outlet|لندن"], ["الشرق الأوسط|outlet|كييف"],
            ["رائد جبر|author|موسكو", "الشرق الأوسط|outlet|بروكسل"], ["الشرق الأوسط|outlet|كوبنهاغن"],
        ])
        #expect(teasers.map(\.media) == [[], [], ["video"], ["video"], []])
        #expect(teasers.allSatisfy { $0.summary != nil && $0.paragraphs.isEmpty })
    }

    @Test func theArcticTeaserIsADuplicateOfTheFullArticle() {
        let teaser = page.articles[1]
        let full = page.articles[7]
        #expect(teaser.duplicateOf == full.id)
        #expect(page.articles.filter { $0.duplicateOf != nil }.count == 1)
    }

    @Test func noUILeftoverAnywhere() {
        for article in page.articles {
            var fields = [article.title, article.subtitle, article.section, article.summary].compactMap { $0 } + article.paragraphs
            fields += article.images.flatMap { [$0.caption, $0.credit ?? ""] }
            for field in fields {
                let words = field.split(separator: " ")
                #expect(!words.contains("TT"))
                #expect(!words.contains("p-circle"))
                #expect(field != "مقالات ذات صلة")
            }
        }
    }
}

enum SeedPage {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/pages/000_ecd5386201b8d277.txt").path
    static let text: String? = try? String(contentsOfFile: path, encoding: .utf8)
    static let lines: [String]? = text?.components(separatedBy: "\n")
}
