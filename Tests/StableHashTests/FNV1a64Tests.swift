import StableHash
import Testing

/// The reference values are the published FNV-1a 64 test vectors: stored ids and hashes depend on
/// them not changing.
struct FNV1a64Tests {
    @Test func emptyInputIsTheOffsetBasis() {
        #expect(FNV1a64().value == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.hash([UInt8]()) == FNV1a64.offsetBasis)
    }

    @Test func matchesThePublishedVectors() {
        #expect(FNV1a64.hash(utf8: "a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.hash(utf8: "foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func everyEntryPointAgrees() {
        let bytes = Array("مرصد 2026".utf8)
        var byByte = FNV1a64()
        for byte in bytes { byByte.add(byte: byte) }
        var byBuffer = FNV1a64()
        bytes.withUnsafeBufferPointer { byBuffer.add(bytes: $0) }
        var byText = FNV1a64()
        byText.add(utf8: "مرصد 2026")
        #expect(byByte == byBuffer)
        #expect(byByte == byText)
        #expect(byByte.value == FNV1a64.hash(bytes))
        #expect(bytes.withUnsafeBufferPointer { FNV1a64.hash($0) } == byByte.value)
    }

    @Test func continuingEqualsHashingTheConcatenation() {
        let first = FNV1a64.hash(utf8: "مر")
        #expect(FNV1a64.hash(Array("صد".utf8), from: first) == FNV1a64.hash(utf8: "مرصد"))
    }

    @Test func fieldsAreSeparated() {
        var ab = FNV1a64(), a = FNV1a64()
        ab.add(field: "ab"); ab.add(field: "c")
        a.add(field: "a"); a.add(field: "bc")
        #expect(ab != a)
        var plain = FNV1a64()
        plain.add(utf8: "ab"); plain.add(utf8: "c")
        var other = FNV1a64()
        other.add(utf8: "a"); other.add(utf8: "bc")
        #expect(plain == other)
    }

    @Test func numbersAreLittleEndianBytes() {
        var number = FNV1a64()
        number.add(0x0102)
        #expect(number.value == FNV1a64.hash([0x02, 0x01, 0, 0, 0, 0, 0, 0] as [UInt8]))
    }

    @Test func hexIsSixteenDigits() {
        #expect(FNV1a64(value: 0xab).hex == "00000000000000ab")
        #expect(FNV1a64(value: .max).hex == "ffffffffffffffff")
    }

    @Test func widerUnitsStepLikeBytes() {
        #expect(FNV1a64.step(FNV1a64.offsetBasis, 0x61) == FNV1a64.hash(utf8: "a"))
    }
}

struct SplitMix64Tests {
    /// Seeded runs replay: training orders, k-means seeds and randomized tests depend on it.
    @Test func aSeedReplaysItsSequence() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42), c = SplitMix64(seed: 43)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(first != (0..<4).map { _ in c.next() })
        var d = SplitMix64(seed: 0)
        #expect(d.next() == BitMix.murmur3(0x9E37_79B9_7F4A_7C15))
    }
}

struct DisjointSetsTests {
    /// Roots are the smallest index of each set whatever the order of the unions, so that grouping
    /// keyed by roots is the same in every run.
    @Test func rootsAreTheSmallestIndexWhateverTheOrder() {
        let pairs = [(5, 3), (3, 8), (1, 9), (9, 2), (7, 7)]
        var generator = SplitMix64(seed: 3)
        for _ in 0..<10 {
            var sets = DisjointSets(10)
            for (a, b) in pairs.shuffled(using: &generator) { sets.union(a, b) }
            #expect((0..<10).map { sets.find($0) } == [0, 1, 1, 3, 4, 3, 6, 7, 3, 1])
        }
    }
}
