import ArabicText
import Benchmark
import Foundation

/// Text-engine throughput on Arabic news text: `.search` normalization and the full index chain.
///
/// Reads `Benchmarks/.work/text.txt` (written by `text-bench.sh` from the ANT corpus) when present,
/// else a generated text. Throughput is in bytes; divide by 1e6 for MB/s.
let benchmarks: @Sendable () -> Void = {
    let text = SampleText.load()
    let bytes = Array(text.utf8)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 50
    )

    Benchmark("search normalization (bytes → bytes)", configuration: configuration) { benchmark in
        let buffer = UTF8Buffer(capacity: bytes.count + 1024)
        for _ in benchmark.scaledIterations {
            buffer.removeAll()
            bytes.withUnsafeBufferPointer { Normalizer.search.normalize($0, appendingTo: buffer) }
            blackHole(buffer.count)
        }
    }

    Benchmark("search normalization (String → String)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Normalizer.search.normalize(text))
        }
    }

    Benchmark("tokenize", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            var count = 0
            bytes.withUnsafeBufferPointer { Tokenizer().forEachToken(in: $0) { _, _ in count += 1 } }
            blackHole(count)
        }
    }

    Benchmark("full analysis (tokenize + normalize + stopwords + marsad stem)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            var total = 0
            bytes.withUnsafeBufferPointer { AnalysisChain.index.forEachTerm(in: $0) { term, _, _, _ in total &+= term.count } }
            blackHole(total)
        }
    }
}

enum SampleText {
    static func load() -> String {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".work/text.txt").path
        if let data = FileManager.default.contents(atPath: path), data.count > 1_000_000 {
            return String(decoding: data.prefix(8_000_000), as: UTF8.self)
        }
        return generated(bytes: 8_000_000)
    }

    /// A reproducible news-like text of our own words, with the features the rules work on.
    static func generated(bytes: Int) -> String {
        let words = [
            "وقال", "الرئيسُ", "إنّ", "المفاوضات", "مع", "الوفد", "الأوروبي", "ستستأنف", "الأسبوع", "المقبل",
            "في", "العاصمة", "ﺑ205", "ملايين", "دولار", "٤٫٥", "مليار", "لـ«الشركة»", "الوطنية", "للنفط،",
            "وأضافت", "الحكومة", "أنها", "تتابع", "الوضع", "عن", "كثب؛", "NATO", "2025", "الاتفاقية",
        ]
        var generator = SeededGenerator(seed: 42)
        var out = ""
        out.reserveCapacity(bytes + 64)
        var n = 0
        while out.utf8.count < bytes {
            out += words[Int(generator.next() % UInt64(words.count))]
            n += 1
            out += n % 17 == 0 ? ".\n" : " "
        }
        return out
    }
}

/// SplitMix64: the same text on every run and machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
