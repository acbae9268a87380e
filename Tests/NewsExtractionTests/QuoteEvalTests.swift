import ExtractionEval
import Foundation
import NewsModel
import Testing

/// The real-text quote scorer: spans, matching and speakers, on composed text.
@Suite struct QuoteEvalTests {
    static let text = "افتتح الوزير المعرض صباح اليوم.\nوقال سامر النجار إن «الأسعار ستنخفض قريباً» في الأسواق.\nوأضاف أن الحكومة ستدعم المزارعين."

    func span(_ quote: String, kind: Quote.Kind, speaker: String?) -> QuoteGoldSpan {
        let scalars = Array(Self.text.unicodeScalars)
        let needle = Array(quote.unicodeScalars)
        let start = (0...(scalars.count - needle.count)).first { scalars[$0..<($0 + needle.count)].elementsEqual(needle) }!
        return QuoteGoldSpan(start: start, end: start + needle.count, kind: kind, cue: nil, speaker: speaker, mention: nil,
                             speakerKind: speaker == nil ? "none" : "person")
    }

    @Test func quotesArePlacedInTheirParagraphs() {
        let article = Article(
            id: "x", role: .main, title: "t", paragraphs: Self.text.components(separatedBy: "\n"),
            quotes: [Quote(text: "الأسعار ستنخفض قريباً", speaker: "سامر النجار", kind: .direct, paragraph: 1),
                     Quote(text: "الحكومة ستدعم المزارعين", speaker: "سامر النجار", kind: .indirect, paragraph: 2)])
        let placed = QuotePlacer.place(article, in: Self.text)
        #expect(placed.map(\.start) == [span("الأسعار ستنخفض قريباً", kind: .direct, speaker: nil).start,
                                        span("الحكومة ستدعم المزارعين", kind: .indirect, speaker: nil).start])
        #expect(placed.allSatisfy { $0.end > $0.start })
    }

    /// Of the quotes with the right speaker, the share whose speaker kind is the gold's too.
    @Test func speakerKindsAreScoredOnTheRightSpeakers() {
        let gold = [span("الأسعار ستنخفض قريباً", kind: .direct, speaker: "سامر النجار"),
                    span("الحكومة ستدعم المزارعين", kind: .indirect, speaker: "سامر النجار")]
        let found = [PlacedQuote(start: gold[0].start, end: gold[0].end, kind: .direct, speaker: "سامر النجار", speakerKind: .person),
                     PlacedQuote(start: gold[1].start, end: gold[1].end, kind: .indirect, speaker: "سامر النجار", speakerKind: .organization)]
        #expect(QuoteScores.score(found: found, gold: gold).speakerKinds == Tally(passed: 1, total: 2))
    }

    @Test func detectionAndAttributionByKind() {
        let gold = [span("الأسعار ستنخفض قريباً", kind: .direct, speaker: "سامر النجار"),
                    span("الحكومة ستدعم المزارعين", kind: .indirect, speaker: "سامر النجار")]
        let direct = gold[0], indirect = gold[1]
        let found = [
            // The right quote and speaker, written with another hamza form.
            PlacedQuote(start: direct.start, end: direct.end, kind: .direct, speaker: "سامر النّجار"),
            // The indirect one found a word long, and given to nobody.
            PlacedQuote(start: indirect.start - 2, end: indirect.end, kind: .indirect, speaker: nil),
            // A quote the gold does not have.
            PlacedQuote(start: 0, end: 10, kind: .indirect, speaker: "الوزير"),
        ]
        let scores = QuoteScores.score(found: found, gold: gold)
        #expect(scores.detection == retrieval(correct: 2, predicted: 3, gold: 2))
        #expect(scores.attribution == retrieval(correct: 1, predicted: 3, gold: 2))
        #expect(scores.direct.attribution == retrieval(correct: 1, predicted: 1, gold: 1))
        #expect(scores.indirect.detection == retrieval(correct: 1, predicted: 2, gold: 1))
        #expect(scores.indirect.attribution == retrieval(correct: 0, predicted: 2, gold: 1))
    }

    @Test func aSliverOfOverlapIsNoMatchAndEachGoldQuoteMatchesOnce() {
        let gold = [span("الحكومة ستدعم المزارعين", kind: .indirect, speaker: nil)]
        let sliver = [PlacedQuote(start: gold[0].end - 3, end: gold[0].end + 20, kind: .indirect, speaker: nil)]
        #expect(QuoteScores.score(found: sliver, gold: gold).detection.correct == 0)
        let twice = Array(repeating: PlacedQuote(start: gold[0].start, end: gold[0].end, kind: .indirect, speaker: nil), count: 2)
        let scores = QuoteScores.score(found: twice, gold: gold)
        #expect(scores.detection == retrieval(correct: 1, predicted: 2, gold: 1))
        // No speaker in the gold and none found: right.
        #expect(scores.attribution.correct == 1)
    }

    @Test func aBadGoldLineNamesTheFileAndLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quote-gold-\(UUID().uuidString).jsonl").path
        try Data("{\"file\": \"a.jsonl.gz\", \"record\": 1, \"outlet\": \"X\", \"quotes\": []}\n{\"file\": 3}\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: QuoteGoldError.self) { try QuoteGoldArticle.read(path) }
        do { _ = try QuoteGoldArticle.read(path) } catch { #expect("\(error)".contains("\(path):2:")) }
    }

    func retrieval(correct: Int, predicted: Int, gold: Int) -> Retrieval {
        var r = Retrieval()
        (r.correct, r.predicted, r.gold) = (correct, predicted, gold)
        return r
    }
}
