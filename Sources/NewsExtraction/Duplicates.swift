import ArabicText
import NewsModel
import StableHash

/// Stable ids, and `duplicateOf` links between articles of one page.
enum Duplicates {
    /// Share of a teaser's terms that must occur in a full article for the teaser to be its duplicate.
    static let teaserContainment = 0.6
    /// Term-set Jaccard above which two full articles are copies.
    static let copyJaccard = 0.8
    /// Pairwise comparison is quadratic; larger inputs (JSONL exports, big feeds) use exact hashes only.
    static let pairwiseLimit = 300

    static func assignIdentities(_ page: inout Page) {
        // Normalized title and body, hashed once per article: ids and exact copies both use it.
        let contentHashes = page.articles.map(\.exactCopyHash)
        var seen = [String: Int]()
        for index in page.articles.indices {
            var hash = FNV1a64()
            hash.add(utf8: page.source)
            hash.add(byte: 0)
            hash.add(contentHashes[index])
            var id = hash.hex
            // Two identical articles on one page still need distinct ids.
            if let count = seen[id] {
                seen[id] = count + 1
                id += "-\(count + 1)"
            } else {
                seen[id] = 1
            }
            page.articles[index].id = id
        }
        // JSONL records are independent articles, not a page with teasers of its own articles:
        // exact copies only (the archive finds near copies across the whole corpus).
        linkDuplicates(&page.articles, contentHashes: contentHashes, pairwise: page.format != .jsonl)
    }

    static func linkDuplicates(_ articles: inout [Article], contentHashes: [UInt64], pairwise: Bool = true) {
        guard articles.count > 1 else { return }
        // Exact copies: same normalized title and body.
        var byContent = [UInt64: Int]()
        for index in articles.indices {
            if let first = byContent[contentHashes[index]] {
                articles[index].duplicateOf = articles[first].id
            } else {
                byContent[contentHashes[index]] = index
            }
        }
        guard pairwise, articles.count <= pairwiseLimit else { return }
        let terms = articles.map { termSet(of: $0) }
        let fullness = articles.map { $0.paragraphs.reduce(0) { $0 + $1.utf8.count } }
        let titles = articles.map { MatchKey($0.title) }
        for index in articles.indices where articles[index].duplicateOf == nil && !terms[index].isEmpty {
            var best: (index: Int, score: Double)?
            for other in articles.indices where other != index && articles[other].duplicateOf == nil {
                guard fullness[other] > fullness[index] || (fullness[other] == fullness[index] && other < index) else { continue }
                let score: Double
                if articles[index].role == .related && articles[other].role != .related {
                    if titles[index] == titles[other] {
                        score = 1
                    } else {
                        score = Double(shared(terms[index], terms[other])) / Double(terms[index].count)
                        guard score >= teaserContainment else { continue }
                    }
                } else if articles[index].role != .related && articles[other].role != .related {
                    let common = shared(terms[index], terms[other])
                    let union = terms[index].count + terms[other].count - common
                    score = union == 0 ? 0 : Double(common) / Double(union)
                    guard score >= copyJaccard else { continue }
                } else {
                    continue
                }
                if best == nil || score > best!.score { best = (other, score) }
            }
            if let best { articles[index].duplicateOf = articles[best.index].id }
        }
    }

    static func shared(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Int {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var count = 0
        for term in small where large.contains(term) { count += 1 }
        return count
    }

    /// Paragraphs compared: a teaser restates the lead, and copies share it, so the lead decides.
    static let leadParagraphs = 2

    /// Search-normalized words without stopwords: stemming costs more than it helps on two texts
    /// that share their wording.
    static let comparisonChain = AnalysisChain(stemmer: nil)

    /// Hashes of the index terms of the title, summary and lead paragraphs.
    static func termSet(of article: Article) -> Set<UInt64> {
        var set = Set<UInt64>()
        for var text in [article.title, article.summary ?? ""] + article.paragraphs.prefix(leadParagraphs) where !text.isEmpty {
            text.withUTF8 { bytes in
                comparisonChain.forEachTerm(in: bytes) { term, _, _, _ in
                    set.insert(FNV1a64.hash(term))
                }
            }
        }
        return set
    }
}
