import ArabicText
import Foundation
import NewsAnalysis
import Testing
@testable import MarsadCLI
import StableHash

/// `marsad normalize` streams its input in blocks: the output is the same bytes as normalizing the
/// whole input at once, whatever the block size and wherever a block ends.
@Suite struct NormalizeStreamTests {
    /// Text whose every cut is hard: presentation forms (3 bytes), harakat, emoji (4 bytes), runs
    /// of spaces and tabs, NBSP, and invalid bytes.
    static func sample(_ random: inout SplitMix64) -> [UInt8] {
        let pieces: [[UInt8]] = [
            Array("ﺑِالْأَخْبَارِ".utf8), Array("  \t ".utf8), Array("النَّص".utf8), Array("😀".utf8), Array("\u{00A0}\u{00A0}".utf8),
            Array("ﻻ".utf8), Array("Marsad ".utf8), Array("٣٤٥".utf8), [0xFF], [0xD8], Array("\n".utf8), Array("ـــ".utf8),
        ]
        var bytes = [UInt8]()
        for _ in 0..<Int.random(in: 1...400, using: &random) { bytes += pieces.randomElement(using: &random)! }
        return bytes
    }

    func streamed(_ bytes: [UInt8], normalizer: Normalizer, blockBytes: Int) throws -> (bytes: [UInt8], replaced: Int) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-normalize-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var output = [UInt8]()
        let replaced = try NormalizeStream(normalizer: normalizer, blockBytes: blockBytes).run(reading: descriptor, name: path) { output += $0 }
        return (output, replaced)
    }

    @Test func blocksGiveTheSameBytesAsTheWhole() throws {
        var random = SplitMix64(seed: 16)
        for round in 0..<60 {
            let input = Self.sample(&random)
            for normalizer in [Normalizer.search, Normalizer.display] {
                let whole = input.withUnsafeBufferPointer { buffer in
                    let output = UTF8Buffer()
                    let replaced = normalizer.normalize(buffer, appendingTo: output)
                    return (Array(output.bytes), replaced)
                }
                for blockBytes in [1, 2, 3, 5, 64, 1 << 20] {
                    let streamed = try streamed(input, normalizer: normalizer, blockBytes: blockBytes)
                    #expect(streamed.bytes == whole.0, "round \(round), block \(blockBytes)")
                    #expect(streamed.replaced == whole.1, "round \(round), block \(blockBytes)")
                }
            }
        }
    }

    @Test func cutsOnlyAtScalarBoundaries() {
        let letter = Array("ب".utf8), emoji = Array("😀".utf8)
        #expect(NormalizeStream.scalarBoundary(letter + letter, upTo: 3) == 2)
        #expect(NormalizeStream.scalarBoundary(letter + letter, upTo: 4) == 4)
        #expect(NormalizeStream.scalarBoundary(Array("a".utf8) + emoji, upTo: 4) == 1)
        #expect(NormalizeStream.scalarBoundary([0x80, 0x80, 0x80, 0x80], upTo: 4) == 4)
        #expect(NormalizeStream.scalarBoundary(Array("abc".utf8), upTo: 3) == 3)
    }

    @Test func anUnreadableInputIsAnError() throws {
        // A directory opens but cannot be read.
        let descriptor = open(FileManager.default.temporaryDirectory.path, O_RDONLY)
        defer { close(descriptor) }
        #expect(throws: CLIError.self) { try NormalizeStream(normalizer: .search).run(reading: descriptor, name: "dir") { _ in } }
    }
}
