import ArabicText
import NewsModel

/// Stable ids, and `duplicateOf` links between articles of one page.
enum Duplicates {
    /// Share of a teaser's terms that must occur in a full article for the teaser to be its duplicate.
    static let teaserContainment = 0.6
    /// Term-set Jaccard above which two full articles are copies.
    static let copyJaccard = 0.8
    /// Pairwise comparison is quadratic; larger inputs (JSONL exports, big feeds) use exact hashes only.
    static let pairwiseLimit = 300

    static func assignIdentities(_ page: inout Page) {
        let scratch = KeyScratch()
        // Normalized title and body, hashed once per article: ids and exact copies both use it.
        let contentHashes = page.articles.map { contentHash($0, scratch: scratch) }
        var seen = [String: Int]()
        for index in page.articles.indices {
            var hash = FNV1a()
            hash.add(page.source)
            hash.add(byte: 0)
            hash.add(value: contentHashes[index])
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

    /// FNV-1a of the search-normalized title and body (the summary for a teaser).
    static func contentHash(_ article: Article, scratch: KeyScratch) -> UInt64 {
        var hash = FNV1a()
        func add(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                Normalizer.search.withNormalized(bytes) { normalized in
                    // Trimmed as match keys are, so that the hash does not depend on edge spaces.
                    var start = 0, end = normalized.count
                    while start < end, normalized[start] == 0x20 { start += 1 }
                    while end > start, normalized[end - 1] == 0x20 { end -= 1 }
                    hash.add(bytes: normalized[start..<end])
                }
            }
        }
        add(article.title)
        hash.add(byte: 0)
        for paragraph in article.paragraphs.isEmpty ? [article.summary ?? ""] : article.paragraphs {
            add(paragraph)
            hash.add(byte: 0x0A)
        }
        return hash.value
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
                    var hash = FNV1a()
                    hash.add(bytes: term)
                    set.insert(hash.value)
                }
            }
        }
        return set
    }
}

/// 64-bit FNV-1a: a stable, fast, dependency-free content hash for ids (not for security).
struct FNV1a {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    mutating func add(bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte: byte) }
    }

    mutating func add(value other: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(byte: UInt8(truncatingIfNeeded: other >> UInt64(shift))) }
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
