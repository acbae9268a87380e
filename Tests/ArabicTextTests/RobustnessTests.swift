import Testing
@testable import ArabicText

/// Random and hostile input: every component terminates, stays in bounds and loses nothing it should keep.
@Suite("Robustness on random bytes")
struct RobustnessTests {
    /// Bytes biased towards Arabic lead bytes, presentation forms and separators, where the rules live.
    static func randomBytes(count: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        let interesting: [UInt8] = [0xD8, 0xD9, 0xDA, 0xDB, 0xEF, 0xBB, 0xB9, 0xE2, 0x80, 0x8F, 0xC2, 0xA0, 0x2E, 0x2C, 0x23, 0x40, 0x20, 0x0A, 0x31]
        return (0..<count).map { _ in
            Bool.random(using: &generator) ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
        }
    }

    @Test func normalizerTerminatesAndIsValid() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let bytes = Self.randomBytes(count: Int.random(in: 0...300, using: &generator), using: &generator)
            for normalizer in [Normalizer.search, .display, Normalizer(rules: [])] {
                let output = normalizer.normalize(utf8: bytes)
                #expect(output.text.utf8.count <= bytes.count * 3 + 64)
            }
        }
    }

    @Test func tokenizerRangesAreOrderedAndInBounds() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let bytes = Self.randomBytes(count: Int.random(in: 0...300, using: &generator), using: &generator)
            var last = 0
            bytes.withUnsafeBufferPointer { buffer in
                Tokenizer().forEachToken(in: buffer) { _, range in
                    #expect(range.lowerBound >= last && range.upperBound <= buffer.count && !range.isEmpty)
                    last = range.upperBound
                }
            }
        }
    }

    @Test func chainAndSplitterTerminate() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let text = String(decoding: Self.randomBytes(count: Int.random(in: 0...300, using: &generator), using: &generator), as: UTF8.self)
            _ = AnalysisChain.index.terms(in: text)
            _ = SentenceSplitter().split(text)
            _ = NumberWords().value(of: text)
        }
    }

    @Test func hugeNumbersStayFinite() {
        // Digits beyond Double's range are not a number rather than infinity.
        let digits = String(repeating: "9", count: 400)
        #expect(NumberWords().value(of: digits + " مليار") == nil)
        let repeated = NumberWords().value(of: Array(repeating: "مليار", count: 1_000).joined(separator: " "))
        #expect(repeated.map { $0.isFinite && $0 > 0 } == true)
    }
}
