import Testing
@testable import TermIndex

@Suite struct DocCodesTests {
    @Test func listsReadBackAscendingWithoutDuplicates() {
        var table = DocCodes()
        table.set(7, encoded: DocCodes.encode([30, 2, 900_000, 2]))
        table.set(3, encoded: DocCodes.encode([5]))
        var seen = [Int64]()
        table.forEach(7) { seen.append($0) }
        #expect(seen == [2, 30, 900_000])
        seen = []
        table.forEach(3) { seen.append($0) }
        #expect(seen == [5])
        // Unknown, negative and never-set seqs have no codes.
        for seq: Int64 in [0, 4, 8, 1_000, -1] {
            table.forEach(seq) { _ in Issue.record("seq \(seq) has codes") }
        }
    }

    @Test func rewritingAndClearingReplaceTheList() {
        var table = DocCodes()
        table.set(1, encoded: DocCodes.encode([1, 2, 3]))
        table.set(1, encoded: DocCodes.encode([4]))
        var seen = [Int64]()
        table.forEach(1) { seen.append($0) }
        #expect(seen == [4])
        table.clear(1)
        table.forEach(1) { _ in Issue.record("cleared list has codes") }
    }

    /// Many rewrites leave the arena mostly stale; compaction must keep every live list intact.
    @Test func compactionKeepsLiveLists() {
        var table = DocCodes()
        var expected = [Int64: [Int64]]()
        for round in 0..<40 {
            for seq in Int64(0)..<500 {
                let codes = (0..<Int64(1 + (seq + Int64(round)) % 20)).map { $0 * 37 + seq + Int64(round) }
                table.set(seq, encoded: DocCodes.encode(codes))
                expected[seq] = codes
            }
        }
        for (seq, codes) in expected {
            var seen = [Int64]()
            table.forEach(seq) { seen.append($0) }
            #expect(seen == codes, "seq \(seq)")
        }
        let live = expected.values.reduce(0) { $0 + DocCodes.encode($1).count }
        // 40 rounds wrote some 40 × live bytes; at most half the arena (and at most 64 KB) stays stale.
        #expect(table.byteCount <= max(1 << 16, 2 * live) + 1_000 * 16)
    }

    @Test func countsMatchANaiveTally() {
        var table = DocCodes()
        var naive = [Int64: Int]()
        let sample = Array(Int64(0)..<3_000).filter { $0 % 3 != 0 }
        for seq in Int64(0)..<3_000 {
            // Enough distinct codes to make the counter grow several times.
            let codes = Set((0..<Int64(seq % 13)).map { ($0 * 7_919 + seq * 31) % 20_000 })
            table.set(seq, encoded: DocCodes.encode(codes))
            if seq % 3 != 0 { for code in codes { naive[code, default: 0] += 1 } }
        }
        let counted = table.counts(sample)
        #expect(counted.count == naive.count)
        #expect(Dictionary(uniqueKeysWithValues: counted.map { ($0.code, $0.count) }) == naive)
        #expect(table.counts([Int64]()).isEmpty)
    }
}

extension DocCodesTests {
    /// The most common codes: all those reaching the limit-th count, ties at the cut included.
    @Test func mostCommonKeepsTiesAtTheCut() {
        var table = DocCodes()
        // Code 1 in 5 articles, code 2 in 4, codes 3 and 4 in 3, code 5 in 1.
        let lists: [[Int64]] = [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2], [1, 5]]
        for (seq, codes) in lists.enumerated() { table.set(Int64(seq), encoded: DocCodes.encode(codes)) }
        let all = Array(Int64(0)..<5)
        #expect(table.mostCommon(all, limit: 1).map(\.code) == [1])
        #expect(table.mostCommon(all, limit: 2).map(\.code) == [1, 2])
        #expect(Set(table.mostCommon(all, limit: 3).map(\.code)) == [1, 2, 3, 4])
        #expect(table.mostCommon(all, limit: 3).map(\.count) == [5, 4, 3, 3])
        #expect(table.mostCommon(all, limit: 10).count == 5)
        #expect(table.mostCommon([4, 3], limit: 10).map(\.code).sorted() == [1, 2, 5])
        #expect(table.mostCommon(all, limit: 0).isEmpty)
        #expect(table.mostCommon([], limit: 10).isEmpty)
    }
}
