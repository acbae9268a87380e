public import ArgumentParser
import ArabicText
import Foundation
import MarsadCLI

extension MarsadTools {
    /// `marsad bench`: throughput of the text engine on a file, for the peer comparison script.
    public struct Bench: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Measure throughput on a file (one thread).",
            subcommands: [Text.self, ExtractPages.self, Analyze.self, Entities.self, Dedup.self, SearchLatency.self, FTS.self]
        )

        public init() {}

        /// `marsad bench text`: MB/s of `.search` normalization and of the full index analysis chain.
        public struct Text: ParsableCommand {
            public static let configuration = CommandConfiguration(
                abstract: "MB/s of search normalization and of full analysis (tokenize, normalize, stopwords, stem)."
            )

            @Option(help: "The UTF-8 text file to measure on.")
            public var file: String

            @Option(help: "Seconds to spend on each measurement (the best run counts).")
            public var seconds: Double = 3

            @Flag(help: "Print JSON.")
            public var json = false

            public init() {}

            public func run() throws {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ValidationError("Cannot read '\(file)'.")
                }
                let bytes = [UInt8](data)
                // Bytes to bytes, as indexing uses it; and String to String, which adds the standard
                // library's UTF-8 validation of the result.
                let buffer = UTF8Buffer(capacity: bytes.count + 1024)
                let normalize = Self.measure(seconds: seconds) {
                    buffer.removeAll()
                    bytes.withUnsafeBufferPointer { Normalizer.search.normalize($0, appendingTo: buffer) }
                    return buffer.count
                }
                let text = String(decoding: bytes, as: UTF8.self)
                let normalizeString = Self.measure(seconds: seconds) { Normalizer.search.normalize(text).utf8.count }
                let analyze = Self.measure(seconds: seconds) {
                    var terms = 0
                    bytes.withUnsafeBufferPointer { buffer in
                        AnalysisChain.index.forEachTerm(in: buffer) { term, _, _, _ in terms &+= term.count }
                    }
                    return terms
                }
                let mb = Double(bytes.count) / 1_000_000
                if json {
                    Output.write("""
                        {"bytes": \(bytes.count), "normalize": {"seconds": \(normalize), "mbps": \(mb / normalize)}, \
                        "normalize-string": {"seconds": \(normalizeString), "mbps": \(mb / normalizeString)}, \
                        "analyze": {"seconds": \(analyze), "mbps": \(mb / analyze)}}\n
                        """)
                } else {
                    Output.write(String(format: "bytes %d\nnormalize %.1f MB/s\nnormalize-string %.1f MB/s\nanalyze %.1f MB/s\n", bytes.count, mb / normalize, mb / normalizeString, mb / analyze))
                }
            }

            /// Best wall time of repeated runs within the time budget (at least two runs).
            static func measure(seconds: Double, _ work: () -> Int) -> Double {
                var best = Double.infinity
                var sink = 0
                let deadline = Date().addingTimeInterval(seconds)
                var runs = 0
                while runs < 2 || Date() < deadline {
                    let start = DispatchTime.now().uptimeNanoseconds
                    sink &+= work()
                    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    best = min(best, elapsed)
                    runs += 1
                }
                if sink == -1 { print(sink) }  // keeps the work observable to the optimizer
                return best
            }
        }
    }
}
