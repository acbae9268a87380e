import NewsAnalysis
import NewsModel
import Testing

/// The building blocks: hashes, MinHash, banding, LSH lookup, term vectors and sets, IDF.
@Suite struct FingerprintTests {
    // MARK: Hashes

    @Test func termHashOfStringEqualsHashOfItsBytes() {
        let bytes = Array("مدرسة".utf8)
        let fromBytes = bytes.withUnsafeBufferPointer { FingerprintHash.term($0) }
        #expect(FingerprintHash.term("مدرسة") == fromBytes)
        #expect(FingerprintHash.term("مدرسة") != FingerprintHash.term("مدارس"))
    }

    @Test func hashValuesAreStableAcrossRuns() {
        // Stored in the archive: a change of these functions must be a deliberate format change.
        #expect(FingerprintHash.term("a") == FingerprintHash.mix(0xaf63_dc4c_8601_ec8c))
        #expect(FingerprintHash.mix(0) == 0xe220_a839_7b1d_cdaf)
    }

    @Test func mixSpreadsNearbyInputsAndCombineKeepsOrder() {
        let mixed = Set((0..<10_000).map { FingerprintHash.mix(UInt64($0)) })
        #expect(mixed.count == 10_000)
        // Low bits vary too (band keys and table slots use them).
        #expect(Set((0..<256).map { FingerprintHash.mix(UInt64($0)) & 0xFF }).count > 150)
        #expect(FingerprintHash.combine(1, 2) != FingerprintHash.combine(2, 1))
    }

    // MARK: MinHash

    /// Two sets of 1,000 elements sharing `shared` of them.
    static func sets(shared: Int) -> ([UInt64], [UInt64]) {
        let a = (0..<1000).map { FingerprintHash.mix(UInt64($0)) }
        let b = (0..<1000).map { FingerprintHash.mix(UInt64($0 < shared ? $0 : 10_000 + $0)) }
        return (a, b)
    }

    @Test func minHashEstimatesJaccardWithinThreeStandardErrors() {
        let hasher = MinHasher(count: 128)
        for shared in [0, 250, 500, 667, 900, 1000] {
            let (a, b) = Self.sets(shared: shared)
            let truth = Double(shared) / Double(2000 - shared)
            let estimate = hasher.signature(of: a).jaccard(hasher.signature(of: b))
            let error = (truth * (1 - truth) / 128).squareRoot()
            #expect(abs(estimate - truth) <= max(3 * error, 0.02), "J = \(truth): estimated \(estimate)")
        }
    }

    @Test func signaturesAreDeterministicAndIgnoreRepeats() {
        let (a, _) = Self.sets(shared: 0)
        #expect(MinHasher().signature(of: a) == MinHasher().signature(of: a + a.prefix(100)))
        #expect(MinHasher().signature(of: a) != MinHasher(seed: 7).signature(of: a))
        #expect(MinHasher(count: 64).signature(of: a).values.count == 64)
    }

    @Test func emptySignatureIsSimilarToNothing() {
        let empty = MinHasher().signature(of: [UInt64]())
        #expect(empty.isEmpty)
        #expect(empty.jaccard(empty) == 0)
        #expect(empty.bandKeys(bands: 32).isEmpty)
        let (a, _) = Self.sets(shared: 0)
        #expect(MinHasher(count: 64).signature(of: a).jaccard(MinHasher(count: 128).signature(of: a)) == 0)
    }

    @Test func bandKeysAgreeExactlyWhereBandsAgree() {
        let hasher = MinHasher(count: 128)
        let (a, b) = Self.sets(shared: 900)
        let sa = hasher.signature(of: a), sb = hasher.signature(of: b)
        let ka = sa.bandKeys(bands: 32), kb = sb.bandKeys(bands: 32)
        #expect(ka.count == 32)
        for band in 0..<32 {
            let rowsEqual = sa.values[band * 4..<band * 4 + 4] == sb.values[band * 4..<band * 4 + 4]
            #expect((ka[band] == kb[band]) == rowsEqual)
        }
        // The same rows in two bands make different keys: one table can hold every band.
        let flat = MinHashSignature(values: [UInt32](repeating: 5, count: 8))
        #expect(Set(flat.bandKeys(bands: 2)).count == 2)
    }

    @Test func signatureBlobRoundTrips() throws {
        let (a, _) = Self.sets(shared: 0)
        let signature = MinHasher().signature(of: a)
        let blob = signature.bytes
        #expect(blob.count == 1 + 4 * 128)
        #expect(MinHashSignature(bytes: blob) == signature)
        #expect(MinHashSignature(bytes: blob[...]) == signature)
        #expect(MinHashSignature(bytes: blob.dropLast()) == nil)
        #expect(MinHashSignature(bytes: [2] + blob.dropFirst()) == nil)
    }

    // MARK: Banding and lookup

    @Test func sCurveMatchesTheDocumentedNumbers() {
        let banding = LSHBanding(bands: 32, rows: 4)
        #expect(abs(banding.collisionProbability(jaccard: 0.6) - 0.988) < 0.001)
        #expect(abs(banding.collisionProbability(jaccard: 0.5) - 0.873) < 0.001)
        #expect(abs(banding.collisionProbability(jaccard: 0.2) - 0.050) < 0.001)
        #expect(abs(banding.threshold - 0.42) < 0.005)
        #expect(abs(LSHBanding(bands: 40, rows: 3).collisionProbability(jaccard: 0.4) - 0.93) < 0.005)
        #expect(banding.collisionProbability(jaccard: 0) == 0)
        #expect(banding.collisionProbability(jaccard: 1) == 1)
    }

    @Test func lshIndexFindsSignaturesSharingABand() {
        let hasher = MinHasher(count: 128)
        let (a, b) = Self.sets(shared: 900)
        let (_, unrelated) = Self.sets(shared: 0)
        var index = LSHIndex<String>()
        index.insert("a", bandKeys: hasher.signature(of: a).bandKeys(bands: 32))
        index.insert("x", bandKeys: hasher.signature(of: unrelated).bandKeys(bands: 32))
        index.insert("a", bandKeys: hasher.signature(of: a).bandKeys(bands: 32))
        #expect(index.count == 3)
        #expect(index.candidates(bandKeys: hasher.signature(of: b).bandKeys(bands: 32)) == ["a"])
        #expect(index.candidates(bandKeys: []).isEmpty)
    }

    // MARK: Term vectors and sets

    @Test func termVectorKeepsTheHeaviestTermsNormalized() {
        let vector = TermVector(weights: [(term: 1, weight: 3), (term: 2, weight: 4), (term: 3, weight: 0.5), (term: 4, weight: -1)], limit: 2)
        #expect(vector.entries.map(\.term) == [1, 2])
        #expect(abs(vector.entries[0].weight - 0.6) < 1e-6)
        #expect(abs(vector.entries[1].weight - 0.8) < 1e-6)
        let total = vector.entries.reduce(Float(0)) { $0 + $1.weight * $1.weight }
        #expect(abs(total - 1) < 1e-6)
    }

    @Test func termVectorIgnoresInputOrderAndAddsRepeats() {
        let a = TermVector(weights: [(term: 9, weight: 1), (term: 4, weight: 2), (term: 9, weight: 1)])
        let b = TermVector(weights: [(term: 4, weight: 2), (term: 9, weight: 2)])
        #expect(a == b)
    }

    @Test func cosineOfTermVectors() {
        let a = TermVector(weights: [(term: 1, weight: 1), (term: 2, weight: 1)])
        let b = TermVector(weights: [(term: 2, weight: 1), (term: 3, weight: 1)])
        let c = TermVector(weights: [(term: 7, weight: 1)])
        #expect(abs(a.cosine(a) - 1) < 1e-6)
        #expect(abs(a.cosine(b) - 0.5) < 1e-6)
        #expect(a.cosine(b) == b.cosine(a))
        #expect(a.cosine(c) == 0)
        #expect(a.cosine(TermVector()) == 0)
    }

    @Test func termVectorBlobRoundTripsAndRejectsDisorder() {
        let vector = TermVector(weights: (1...40).map { (term: FingerprintHash.mix(UInt64($0)), weight: Float($0)) })
        let blob = vector.bytes
        #expect(blob.count == 1 + 12 * 40)
        #expect(TermVector(bytes: blob) == vector)
        #expect(TermVector(bytes: blob.dropLast(3)) == nil)
        var swapped = Array(blob[0..<1]) + Array(blob[13..<25]) + Array(blob[1..<13])
        swapped += blob[25...]
        #expect(TermVector(bytes: swapped) == nil)
        #expect(TermVector(bytes: [1]) == TermVector())
    }

    @Test func termSetContainmentAndJaccard() {
        let small = TermSet([1 << 32, 2 << 32, 3 << 32, 4 << 32])
        let large = TermSet([1 << 32, 2 << 32, 3 << 32, 5 << 32, 6 << 32, 3 << 32])
        #expect(large.count == 5)
        #expect(small.containment(in: large) == 0.75)
        #expect(abs(small.jaccard(large) - 3.0 / 6.0) < 1e-9)
        #expect(TermSet().containment(in: large) == 0)
        #expect(TermSet(bytes: large.bytes) == large)
        #expect(TermSet(bytes: [1, 2, 0, 0, 0, 1, 0, 0, 0]) == nil)
    }

    @Test func idfFavoursRareTerms() {
        var table = DocumentFrequencyTable()
        table.add(documentTerms: [1, 2, 2, 2])
        table.add(documentTerms: [1, 3])
        table.add(documentTerms: [1])
        #expect(table.documents == 3)
        #expect(table.frequency(2) == 1)
        #expect(table.idf(1) < table.idf(2))
        #expect(table.idf(2) < table.idf(99))
        #expect(table.idf(1) >= 1)
    }
}

@Suite struct ContentFingerprintBytesTests {
    @Test func roundTripsAndRejectsDamage() throws {
        let article = Article(
            role: .main, title: "البنك المركزي يرفع الفائدة", paragraphs: ["رفع البنك المركزي سعر الفائدة نصف نقطة في اجتماعه الأخير وسط توقعات المحللين."],
            entities: [Entity(name: "البنك المركزي", type: .organization, mentions: ["البنك المركزي"], count: 2)])
        var fingerprint = Fingerprinter().fingerprint(article)
        let bytes = fingerprint.bytes
        let decoded = try #require(ContentFingerprint(bytes: bytes))
        fingerprint.bandKeys = []
        #expect(decoded == fingerprint)
        #expect(ContentFingerprint(bytes: Array(bytes.dropLast(3))) == nil)
        #expect(ContentFingerprint(bytes: []) == nil)
        #expect(ContentFingerprint(bytes: [1] + Array(repeating: 0xFF, count: 40)) == nil)
        // Every cut and every flipped byte: nil or a value, never a trap.
        for cut in 0..<bytes.count { #expect(ContentFingerprint(bytes: Array(bytes.prefix(cut))) == nil) }
        for i in bytes.indices {
            var damaged = bytes
            damaged[i] ^= 0xA5
            _ = ContentFingerprint(bytes: damaged)
        }
    }

    /// Contiguous bytes are read in place and any other collection through a copy: both give the same
    /// values, whole or cut.
    @Test func contiguousAndOtherCollectionsDecodeAlike() throws {
        let article = Article(
            role: .main, title: "سيول تجتاح مدينة الساحل الشرقي", paragraphs: ["اجتاحت السيول مدينة الساحل الشرقي فجر الثلاثاء بعد أمطار غزيرة وأجلت فرق الدفاع المدني مئات العائلات."])
        let fingerprint = Fingerprinter().fingerprint(article)
        let minHash = fingerprint.minHash.bytes, lead = fingerprint.lead.bytes, terms = fingerprint.terms.bytes
        #expect(MinHashSignature(bytes: minHash.lazy.map { $0 }) == MinHashSignature(bytes: minHash))
        #expect(MinHashSignature(bytes: minHash) == fingerprint.minHash)
        #expect(TermSet(bytes: lead.lazy.map { $0 }) == TermSet(bytes: lead))
        #expect(TermSet(bytes: lead) == fingerprint.lead)
        #expect(TermVector(bytes: terms.lazy.map { $0 }) == TermVector(bytes: terms))
        #expect(TermVector(bytes: terms) == fingerprint.terms)
        for blob in [minHash, lead, terms] {
            #expect(MinHashSignature(bytes: blob.dropLast()) == MinHashSignature(bytes: blob.dropLast().lazy.map { $0 }))
            #expect(TermSet(bytes: blob.dropLast()) == TermSet(bytes: blob.dropLast().lazy.map { $0 }))
            #expect(TermVector(bytes: blob.dropLast()) == TermVector(bytes: blob.dropLast().lazy.map { $0 }))
        }
    }
}
