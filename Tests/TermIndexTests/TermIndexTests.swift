import Foundation
import Testing
@testable import TermIndex

/// Postings held in memory, as a store would hand them out.
struct MemorySource: PostingsSource {
    var postings: [Int64: [UInt8]]
    func postings(in segment: SegmentView, _ entry: TermEntry) throws -> [UInt8] {
        Array(postings[segment.uid]![entry.offset..<(entry.offset + entry.length)])
    }
}

/// Builds one segment per group of documents: (seq, title terms, body terms, section code, published).
func makeIndex(_ groups: [[(Int64, String, String, UInt16, String?)]], deleted: [Int64: Int64] = [:]) -> (IndexSearcher, MemorySource) {
    var views = [SegmentView](), table = DocTable(), source = MemorySource(postings: [:])
    for (k, group) in groups.enumerated() {
        var builder = SegmentBuilder()
        for (seq, title, body, section, published) in group {
            builder.add(IndexedDoc(seq: seq, section: section, published: published.flatMap { PublishedKey.key($0) } ?? -1), fields: [(title, 10), ("", 4), ("", 4), (body, 1)])
        }
        let segment = builder.build()
        views.append(SegmentView(uid: Int64(k + 1), rank: Int64(k + 1), dictionary: segment.dictionary, docCount: segment.docCount, tokenCount: segment.tokenCount))
        source.postings[Int64(k + 1)] = segment.postings
        table.insert(segment.docs)
    }
    return (IndexSearcher(segments: views, docs: table, deleted: deleted), source)
}

let corpus: [[(Int64, String, String, UInt16, String?)]] = [
    [
        (1, "رئيس وزير", "رئيس حكوم اجتماع", 1, "2020-01-05T10:00:00Z"),
        (2, "مباريا منتخب", "منتخب فوز كأس عالم", 2, "2020-02-01"),
        (3, "اقتصاد", "نفط سعر ارتفاع نفط", 3, nil),
    ],
    [
        (4, "منتخب", "كأس عالم منتخب منتخب", 2, "2021-06-01T08:00:00Z"),
        (5, "رئيس", "زيار رئيس وزير خارج", 1, "2021-07-01"),
        (6, "نفط", "اوبك نفط انتاج", 3, "2019-03-03"),
    ],
]

@Suite struct TermIndexTests {
    @Test func bm25MatchesTheFormulaFTS5Uses() throws {
        let (searcher, source) = makeIndex(corpus)
        let hits = try searcher.search(TokenQuery(groups: [[.token("نفط")]]), limit: 10, facets: false, source: source)
        #expect(hits.total == 2)
        // Doc 6: title نفط (×10) + body نفط (×1) = 11; 4 tokens. Doc 3: body twice = 2; 5 tokens.
        let n = 6.0, df = 2.0, average = 30.0 / 6.0
        let idf = log((n - df + 0.5) / (df + 0.5))
        func bm25(_ tf: Double, _ length: Double) -> Double { idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / average)) }
        #expect(hits.top.map(\.seq) == [6, 3])
        #expect(abs(hits.top[0].score - bm25(11, 4)) < 1e-9)
        #expect(abs(hits.top[1].score - bm25(2, 5)) < 1e-9)
    }

    @Test func groupsAreRequiredAlternativesAreNotAndExclusionsRemove() throws {
        let (searcher, source) = makeIndex(corpus)
        func seqs(_ query: TokenQuery) throws -> Set<Int64> {
            Set(try searcher.search(query, limit: 10, facets: false, source: source).top.map(\.seq))
        }
        #expect(try seqs(TokenQuery(groups: [[.token("رئيس")], [.token("وزير")]])) == [1, 5])
        #expect(try seqs(TokenQuery(groups: [[.token("اوبك"), .token("حكوم")]])) == [1, 6])
        #expect(try seqs(TokenQuery(groups: [[.token("منتخب")]], excluded: [.token("مباريا")])) == [4])
        #expect(try seqs(TokenQuery(groups: [[.prefix("منت")]])) == [2, 4])
        #expect(try seqs(TokenQuery(groups: [[.token("غائب")]])) == [])
        // A phrase needs its tokens and the store's word on where it occurs.
        #expect(try seqs(TokenQuery(groups: [[.phrase(["كأس", "عالم"], matching: [4, 9])]])) == [4])
        #expect(try seqs(TokenQuery(groups: [[.token("منتخب")]], excluded: [.phrase(["كأس", "عالم"], matching: [2])])) == [4])
    }

    @Test func filtersFacetsAndOrders() throws {
        let (searcher, source) = makeIndex(corpus)
        let all = TokenQuery(groups: [[.token("رئيس"), .token("منتخب"), .token("نفط")]])
        let faceted = try searcher.search(all, limit: 2, facets: true, source: source)
        #expect(faceted.total == 6)
        #expect(faceted.top.count == 2)
        #expect(faceted.sections == [1: 2, 2: 2, 3: 2])
        let sport = try searcher.search(all, filter: DocFilter(section: 2), limit: 10, facets: false, source: source)
        #expect(Set(sport.top.map(\.seq)) == [2, 4])
        let dated = try searcher.search(all, filter: DocFilter(from: PublishedKey.key("2020-01-01"), to: PublishedKey.key("2020-12-31", upperBound: true)), limit: 10, facets: false, source: source)
        #expect(Set(dated.top.map(\.seq)) == [1, 2])
        let newest = try searcher.search(all, ranking: .newest, limit: 10, facets: false, source: source)
        #expect(newest.top.map(\.seq) == [5, 4, 2, 1, 6, 3])
        let allowed = try searcher.search(all, filter: DocFilter(allowed: [3, 5]), limit: 10, facets: false, source: source)
        #expect(Set(allowed.top.map(\.seq)) == [3, 5])
    }

    @Test func deletionsHideOnlyTheSegmentsWrittenBeforeThem() throws {
        // Seq 2 deleted before segment 2 was written: its postings in segment 1 no longer count.
        let (searcher, source) = makeIndex(corpus, deleted: [2: 2])
        let hits = try searcher.search(TokenQuery(groups: [[.token("منتخب")]]), limit: 10, facets: false, source: source)
        #expect(hits.top.map(\.seq) == [4])
        #expect(hits.total == 1)
    }

    /// With a deletion, the order is kept; scores move a little, because document counts and
    /// frequencies include deleted articles until a merge drops them (as Lucene's do).
    @Test(arguments: [[:], [3: 2]] as [[Int64: Int64]])
    func mergedSegmentsAnswerAsTheirInputsDid(deleted: [Int64: Int64]) throws {
        let (searcher, source) = makeIndex(corpus, deleted: deleted)
        var merged = [UInt8]()
        let output = try SegmentMerger.merge(
            searcher.segments.map { view in
                SegmentMerger.Input(
                    view: view, docs: IndexedDoc.decodeAll(IndexedDoc.encodeAll(corpusDocs(view.uid, searcher.docs)))) { offset, length in
                        Array(source.postings[view.uid]![offset..<(offset + length)])
                    }
            },
            isLive: { seq, rank in deleted[seq].map { rank >= $0 } ?? true },
            emit: { merged += $0 })
        #expect(output.docs.map(\.seq) == (deleted.isEmpty ? [1, 2, 3, 4, 5, 6] : [1, 2, 4, 5, 6]))
        #expect(output.postingsLength == merged.count)
        let view = SegmentView(uid: 9, rank: 2, dictionary: output.dictionary, docCount: output.docs.count, tokenCount: output.tokenCount)
        var table = DocTable()
        table.insert(output.docs)
        let single = IndexSearcher(segments: [view], docs: table, deleted: deleted)
        let query = TokenQuery(groups: [[.token("نفط"), .token("منتخب")]])
        let before = try searcher.search(query, limit: 10, facets: false, source: source)
        let after = try single.search(query, limit: 10, facets: false, source: MemorySource(postings: [9: merged]))
        #expect(before.top.map(\.seq) == after.top.map(\.seq))
        #expect(after.top.map(\.seq).contains(3) == deleted.isEmpty)
        if deleted.isEmpty {
            #expect(zip(before.top, after.top).allSatisfy { abs($0.score - $1.score) < 1e-9 })
        }
    }

    /// The dense union (a sum per seq over the span) gives what the sorted merge gives.
    @Test func denseAndSortedUnionsAgree() {
        var random = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let lists = (0..<Int.random(in: 2..<40, using: &random)).map { _ -> PostingList in
                var list = PostingList()
                var seq = Int64(round * 1_000)
                for _ in 0..<Int.random(in: 0..<600, using: &random) {
                    seq += Int64.random(in: 1...3, using: &random)
                    list.seqs.append(seq)
                    list.weights.append(UInt32.random(in: 1...40, using: &random))
                }
                return list
            }
            let total = lists.reduce(0) { $0 + $1.count }
            var sums = [Int64: UInt32]()
            for list in lists { for (seq, weight) in zip(list.seqs, list.weights) { sums[seq, default: 0] += weight } }
            let union = PostingList.union(lists)
            #expect(union.seqs == sums.keys.sorted())
            #expect(union.weights == sums.keys.sorted().map { sums[$0]! })
            #expect((PostingList.denseUnion(lists) != nil) == (total >= 4_096))
        }
        // A sparse span is merged by sorting.
        var far = PostingList()
        far.seqs = Array(stride(from: 0, to: 8_000_000, by: 1_000)).map(Int64.init)
        far.weights = Array(repeating: 1, count: far.seqs.count)
        #expect(PostingList.denseUnion([far, far]) == nil)
        #expect(PostingList.union([far, far]).weights.allSatisfy { $0 == 2 })
    }

    /// Prefixes share one expansion budget; one written twice is expanded once and scores as one.
    @Test func prefixesShareTheExpansionBudget() throws {
        #expect(IndexSearcher.prefixLimit(TokenQuery(groups: [[.prefix("منت")]])) == IndexSearcher.prefixExpansionLimit)
        #expect(IndexSearcher.prefixLimit(TokenQuery(groups: [[.prefix("منت")], [.prefix("منت")]])) == IndexSearcher.prefixExpansionLimit)
        #expect(IndexSearcher.prefixLimit(TokenQuery(groups: [[.prefix("ا")], [.prefix("ب")]])) == IndexSearcher.prefixExpansionLimit / 2)
        let sixtyFour = TokenQuery(groups: (0..<64).map { [.prefix(String(UnicodeScalar(0x0621 + $0 % 26)!) + String($0))] })
        #expect(IndexSearcher.prefixLimit(sixtyFour) == IndexSearcher.prefixExpansionLimit / 64)
        let hundred = TokenQuery(groups: (0..<100).map { [.prefix("ب" + String($0))] })
        #expect(IndexSearcher.prefixLimit(hundred) == IndexSearcher.prefixExpansionFloor)
        let (searcher, source) = makeIndex(corpus)
        let once = try searcher.search(TokenQuery(groups: [[.prefix("منت")]]), limit: 10, facets: false, source: source)
        let twice = try searcher.search(TokenQuery(groups: [[.prefix("منت"), .prefix("منت")]]), limit: 10, facets: false, source: source)
        #expect(once.top.map(\.seq) == twice.top.map(\.seq) && once.total == twice.total)
    }

    @Test func damagedBytesNeverTrap() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let junk = (0..<Int.random(in: 0..<64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let view = SegmentView(uid: 1, rank: 1, dictionary: junk, docCount: 0, tokenCount: 0)
            _ = view.entry(for: Array("نفط".utf8))
            _ = view.entries(withPrefix: [0xD9], limit: 10)
            _ = PostingList(decoding: junk, count: 3)
            _ = IndexedDoc.decodeAll(junk)
        }
    }

    @Test func publishedKeysOrderAsTheISOStringsDo() {
        let key = { (s: String) in PublishedKey.key(s)! }
        #expect(key("2020-01-05T10:00:00Z") == 20200105100000)
        #expect(key("2020-01-05") == 20200105000000)
        #expect(PublishedKey.key("2020-01", upperBound: true) == 20200199999999)
        #expect(key("2019-12-31T23:59:59+03:00") < key("2020-01-01"))
        #expect(PublishedKey.key("أمس") == nil)
        #expect(PublishedKey.day(key("1970-01-02")) == 1)
        #expect(PublishedKey.day(key("2020-03-01")) == 18322)
    }

    @Test func tokensAreCutAsFTS5AsciiCutsThem() {
        #expect(SegmentBuilder.tokens(of: "رئيس  COVID-19 x_y") == ["رئيس", "covid", "19", "x", "y"])
    }
}

func corpusDocs(_ uid: Int64, _ table: DocTable) -> [IndexedDoc] {
    corpus[Int(uid) - 1].map { seq, _, _, section, published in
        IndexedDoc(seq: seq, length: table.lengths[Int(seq)], section: section, published: published.flatMap { PublishedKey.key($0) } ?? -1)
    }
}
