public import ArabicText
import Foundation
public import NewsModel

/// The real-text quote gold (`Eval/quotes/README.md`): articles named by corpus file and record, quotes
/// by offsets into the record's `text`, in Unicode scalars. No article text.
public struct QuoteGoldArticle: Sendable, Codable, Equatable {
    public var file: String
    public var record: Int
    public var outlet: String
    public var quotes: [QuoteGoldSpan]

    /// Reads a gold file, one article per line; an unreadable line is an error naming the file and line.
    public static func read(_ path: String) throws -> [QuoteGoldArticle] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var articles = [QuoteGoldArticle]()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do {
                articles.append(try JSONDecoder().decode(QuoteGoldArticle.self, from: Data(line.utf8)))
            } catch {
                throw QuoteGoldError(message: "\(path):\(number + 1): not a gold article: \(error)")
            }
        }
        return articles
    }
}

public struct QuoteGoldError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

public struct QuoteGoldSpan: Sendable, Codable, Equatable {
    public var start: Int
    public var end: Int
    public var kind: Quote.Kind
    public var cue: String?
    public var speaker: String?
    public var mention: String?
    public var speakerKind: String

    public init(start: Int, end: Int, kind: Quote.Kind, cue: String?, speaker: String?, mention: String?, speakerKind: String) {
        (self.start, self.end, self.kind, self.cue) = (start, end, kind, cue)
        (self.speaker, self.mention, self.speakerKind) = (speaker, mention, speakerKind)
    }
}

/// A quote Marsad found, placed in the record's text.
public struct PlacedQuote: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var kind: Quote.Kind
    public var speaker: String?
    public var speakerKind: Quote.SpeakerKind?

    public init(start: Int, end: Int, kind: Quote.Kind, speaker: String?, speakerKind: Quote.SpeakerKind? = nil) {
        (self.start, self.end, self.kind, self.speaker, self.speakerKind) = (start, end, kind, speaker, speakerKind)
    }
}

/// Places an article's quotes in the text it was read from: each paragraph is found in order, then the
/// quote inside it; a quote whose paragraph was rewritten by the reader is looked for in the whole text.
public enum QuotePlacer {
    /// - Complexity: O(text × quotes) in the worst case; the texts are articles.
    public static func place(_ article: Article, in text: String) -> [PlacedQuote] {
        let scalars = Array(text.unicodeScalars)
        var paragraphStarts = [Int?]()
        var cursor = 0
        for paragraph in article.paragraphs {
            let needle = Array(paragraph.unicodeScalars)
            let at = find(needle, in: scalars, from: cursor)
            paragraphStarts.append(at)
            if let at { cursor = at + needle.count }
        }
        return article.quotes.compactMap { quote in
            let needle = Array(quote.text.unicodeScalars)
            guard !needle.isEmpty else { return nil }
            var at: Int?
            if quote.paragraph < paragraphStarts.count, let base = paragraphStarts[quote.paragraph] {
                at = find(needle, in: scalars, from: base)
            }
            // A quote across paragraphs is joined with "\n" in the text too; one rewritten by the reader
            // (presentation forms, spaces) is looked for by its opening words.
            at = at ?? find(needle, in: scalars, from: 0) ?? find(Array(needle.prefix(openingScalars)), in: scalars, from: 0)
            guard let start = at else { return nil }
            return PlacedQuote(start: start, end: min(scalars.count, start + needle.count), kind: quote.kind, speaker: quote.speaker, speakerKind: quote.speakerKind)
        }
    }

    /// A quote's opening long enough to find it once in an article.
    static let openingScalars = 24

    static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count, from <= haystack.count - needle.count else { return nil }
        var i = from
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

/// Detection and attribution of quotes against the gold, overall and by kind.
public struct QuoteScores: Sendable, Equatable {
    public var detection = Retrieval()
    public var attribution = Retrieval()
    public var direct = KindScores()
    public var indirect = KindScores()
    /// Of the quotes found with the right speaker, those whose speaker kind is the gold's too.
    public var speakerKinds = Tally()

    public struct KindScores: Sendable, Equatable {
        public var detection = Retrieval()
        public var attribution = Retrieval()
    }

    public init() {}

    /// Spans overlapping by at least half of the shorter one name the same quote.
    static let minimumOverlap = 0.5

    /// For each gold quote, in order, the index of the found quote it matches: the unmatched one that
    /// overlaps it most, or nil.
    public static func matches(found: [PlacedQuote], gold: [QuoteGoldSpan]) -> [Int?] {
        var taken = Set<Int>()
        return gold.map { span in
            let match = bestMatch(for: span, in: found, excluding: taken)
            if let match { taken.insert(match) }
            return match
        }
    }

    /// Scores one article (``matches(found:gold:)``).
    public static func score(found: [PlacedQuote], gold: [QuoteGoldSpan]) -> QuoteScores {
        var scores = QuoteScores()
        scores.detection.predicted = found.count
        scores.attribution.predicted = found.count
        scores.detection.gold = gold.count
        scores.attribution.gold = gold.count
        for quote in found {
            scores.mutateKind(quote.kind) { $0.detection.predicted += 1; $0.attribution.predicted += 1 }
        }
        for (span, match) in zip(gold, matches(found: found, gold: gold)) {
            scores.mutateKind(span.kind) { $0.detection.gold += 1; $0.attribution.gold += 1 }
            guard let match else { continue }
            let right = sameSpeaker(found[match].speaker, span.speaker)
            scores.detection.correct += 1
            if right { scores.attribution.correct += 1 }
            if right, span.speaker != nil { scores.speakerKinds.record(found[match].speakerKind?.rawValue == span.speakerKind) }
            if found[match].kind == span.kind {
                scores.mutateKind(span.kind) { kind in
                    kind.detection.correct += 1
                    if right { kind.attribution.correct += 1 }
                }
            }
        }
        return scores
    }

    static func bestMatch(for span: QuoteGoldSpan, in found: [PlacedQuote], excluding taken: Set<Int>) -> Int? {
        var best: (index: Int, overlap: Int)?
        for (index, quote) in found.enumerated() where !taken.contains(index) {
            let overlap = min(span.end, quote.end) - max(span.start, quote.start)
            let shorter = min(span.end - span.start, quote.end - quote.start)
            guard overlap > 0, Double(overlap) >= minimumOverlap * Double(shorter) else { continue }
            if overlap > (best?.overlap ?? 0) { best = (index, overlap) }
        }
        return best?.index
    }

    /// Compared as search keys (hamza, alef, harakat folded); no speaker matches no speaker.
    public static func sameSpeaker(_ found: String?, _ gold: String?) -> Bool {
        switch (found, gold) {
        case (nil, nil): return true
        case let (found?, gold?): return MatchKey(found) == MatchKey(gold)
        default: return false
        }
    }

    mutating func mutateKind(_ kind: Quote.Kind, _ change: (inout KindScores) -> Void) {
        switch kind {
        case .direct: change(&direct)
        case .indirect: change(&indirect)
        }
    }

    public static func + (a: QuoteScores, b: QuoteScores) -> QuoteScores {
        var sum = QuoteScores()
        sum.detection = a.detection + b.detection
        sum.attribution = a.attribution + b.attribution
        sum.direct = KindScores(detection: a.direct.detection + b.direct.detection, attribution: a.direct.attribution + b.direct.attribution)
        sum.indirect = KindScores(detection: a.indirect.detection + b.indirect.detection, attribution: a.indirect.attribution + b.indirect.attribution)
        sum.speakerKinds = a.speakerKinds + b.speakerKinds
        return sum
    }
}
