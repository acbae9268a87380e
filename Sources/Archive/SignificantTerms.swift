import ArabicText
public import NewsModel

/// The archive's count of articles and of the articles holding each index term: the background
/// that ``SignificantTerms`` compares a result set against.
public struct ArchiveTermFrequencies: Sendable, Hashable {
    public var documents: Int
    public var frequencies: [String: Int]

    public init(documents: Int, frequencies: [String: Int]) {
        self.documents = documents
        self.frequencies = frequencies
    }
}

/// A word that a result set holds far more often than the archive does.
public struct SignificantTerm: Sendable, Hashable {
    /// The index term (normalized and stemmed), what a narrowed search asks for.
    public var term: String
    /// Its most frequent written form in the sample, for display.
    public var label: String
    /// Sampled matches that hold it, and the sample's size.
    public var foreground: Int
    public var sampled: Int
    /// Archive articles that hold it, and the archive's size.
    public var background: Int
    public var documents: Int
    public var score: Double
}

/// Distinctive words of a result set, by Elasticsearch's JLH score over document frequencies:
/// `(fg − bg) × fg / bg`, where fg is the share of the matches holding a term and bg the share of
/// the archive. It rewards terms both more common than usual and common in absolute terms.
///
/// The foreground is an even sample of the matches (a common word matches a fifth of the archive,
/// and reading every match's text would cost seconds); the background is the term index's document
/// frequencies, so no article outside the sample is read.
public enum SignificantTerms {
    /// Matches read for the foreground, spread evenly over the result set's date order.
    public static let sampleSize = 300
    /// A term held by fewer sampled matches is noise, however rare in the archive.
    public static let minimumForeground = 3
    /// Terms returned.
    public static let limit = 12

    /// The JLH score, 0 when the term is no more common in the matches than in the archive.
    public static func jlh(foreground: Int, sampled: Int, background: Int, documents: Int) -> Double {
        guard sampled > 0, documents > 0 else { return 0 }
        let fg = Double(foreground) / Double(sampled)
        // A term the background does not know yet (indexed since the statistics) counts as held once.
        let bg = Double(max(background, foreground > 0 ? 1 : 0)) / Double(documents)
        guard bg > 0, fg > bg else { return 0 }
        return (fg - bg) * (fg / bg)
    }

    /// Every `stride`-th row, so that the sample spans the whole result set.
    public static func sample(_ rows: [Int64], size: Int = sampleSize) -> [Int64] {
        guard rows.count > size else { return rows }
        let step = Double(rows.count) / Double(size)
        return (0..<size).map { rows[Int(Double($0) * step)] }
    }

    /// For each index term of the articles' titles and bodies: how many articles hold it, and its
    /// most frequent written form. Stopwords are not index terms, so they never count.
    public static func foreground(_ articles: [Article]) -> (documents: [String: Int], labels: [String: String]) {
        var documents = [String: Int]()
        var forms = [String: [String: Int]]()
        for article in articles {
            var seen = Set<String>()
            for var text in [article.title] + article.paragraphs {
                text.withUTF8 { bytes in
                    AnalysisChain.index.forEachTerm(in: bytes) { term, kind, _, range in
                        guard kind == .arabicWord || kind == .latinWord, term.count >= minimumTermBytes else { return }
                        let key = String(decoding: term, as: UTF8.self)
                        if seen.insert(key).inserted { documents[key, default: 0] += 1 }
                        forms[key, default: [:]][String(decoding: bytes[range], as: UTF8.self), default: 0] += 1
                    }
                }
            }
        }
        let labels = forms.mapValues { counts in counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? "" }
        return (documents, labels)
    }

    /// One Arabic letter, or two Latin ones, is not a word a reader learns from.
    static let minimumTermBytes = 4

    /// The best terms of a sample against the background, leaving out the query's own terms.
    public static func rank(
        foreground: (documents: [String: Int], labels: [String: String]), sampled: Int, background: ArchiveTermFrequencies, excluding: Set<String>
    ) -> [SignificantTerm] {
        foreground.documents.compactMap { term, count -> SignificantTerm? in
            guard count >= minimumForeground, !excluding.contains(term) else { return nil }
            let df = background.frequencies[term] ?? 0
            let score = jlh(foreground: count, sampled: sampled, background: df, documents: background.documents)
            guard score > 0 else { return nil }
            return SignificantTerm(
                term: term, label: foreground.labels[term] ?? term, foreground: count, sampled: sampled, background: df, documents: background.documents,
                score: score)
        }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }
        .prefix(limit).map { $0 }
    }
}

/// What a result set holds, from an even sample of its matches: its distinctive words and the
/// entities of each type that most of the sampled matches mention.
public struct ResultProfile: Sendable, Hashable {
    /// Every match, and how many were read.
    public var matches: Int
    public var sampled: Int
    public var terms: [SignificantTerm]
    /// Per type, names by how many sampled matches mention them, most first.
    public var entities: [Entity.Kind: [FacetCount]]

    /// Names listed per type.
    public static let entityLimit = 8

    /// Sampled articles mentioning each name, by type (ties by name, so the list is stable).
    static func entities(_ articles: [Article]) -> [Entity.Kind: [FacetCount]] {
        var counts = [Entity.Kind: [String: Int]]()
        for article in articles {
            for entity in Set(article.entities.map { EntityKey(kind: $0.type, name: $0.name) }) { counts[entity.kind, default: [:]][entity.name, default: 0] += 1 }
        }
        return counts.mapValues { names in
            names.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(entityLimit).map { FacetCount(value: $0.key, count: $0.value) }
        }
    }

    private struct EntityKey: Hashable {
        var kind: Entity.Kind
        var name: String
    }
}

extension ArchiveStore {
    /// The profile of a search's matches (``ResultProfile``): distinctive words against the store's
    /// document frequencies (none while it keeps none) and the entities of an even sample.
    public func resultProfile(_ query: SearchQuery, filters: SearchFilters) async throws -> ResultProfile {
        let rows = try await matchingRows(query, filters: filters)
        guard !rows.isEmpty else { return ResultProfile(matches: 0, sampled: 0, terms: [], entities: [:]) }
        let sample = try await storedArticles(rows: SignificantTerms.sample(rows)).map(\.article)
        let foreground = SignificantTerms.foreground(sample)
        let candidates = foreground.documents.filter { $0.value >= SignificantTerms.minimumForeground }.map(\.key)
        let terms = try await documentFrequencies(of: candidates).map {
            SignificantTerms.rank(foreground: foreground, sampled: sample.count, background: $0, excluding: Set(query.proximityTerms))
        } ?? []
        return ResultProfile(matches: rows.count, sampled: sample.count, terms: terms, entities: ResultProfile.entities(sample))
    }
}
