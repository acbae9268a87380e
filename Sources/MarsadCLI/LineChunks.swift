import CZlib
import Foundation

/// Reads a JSON-lines file (plain or gzip) in chunks of whole lines, so that a corpus of any size is
/// ingested in bounded memory.
///
/// zlib's `gzread` passes plain files through unchanged, so one reader serves `.jsonl` and `.jsonl.gz`.
final class LineChunks {
    let path: String
    let file: gzFile
    let linesPerChunk: Int
    var carry = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var finished = false
    /// Lines handed out so far, so that each chunk knows the number of its first line.
    private(set) var linesRead = 0
    /// Bytes read from the (possibly compressed) file, for progress.
    var compressedOffset: Int { Int(gzoffset(file)) }

    init(path: String, linesPerChunk: Int = 256) throws {
        guard let file = gzopen(path, "rb") else { throw CLIError("cannot open for reading") }
        gzbuffer(file, 1 << 18)
        self.path = path
        self.file = file
        self.linesPerChunk = linesPerChunk
    }

    deinit { gzclose(file) }

    /// The next chunk's bytes and the 1-based number of its first line; nil at the end.
    func next() throws -> (bytes: [UInt8], firstLine: Int)? {
        var chunk = [UInt8]()
        var lines = 0
        let firstLine = linesRead + 1
        while lines < linesPerChunk {
            if let newline = carry.firstIndex(of: 0x0A) {
                chunk.append(contentsOf: carry[...newline])
                carry.removeSubrange(...newline)
                lines += 1
                continue
            }
            if finished {
                if !carry.isEmpty {
                    chunk.append(contentsOf: carry)
                    carry.removeAll()
                    lines += 1
                }
                break
            }
            let count = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if count < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                throw CLIError("line \(linesRead + lines + 1): \(message)")
            }
            if count == 0 { finished = true } else { carry.append(contentsOf: buffer[0..<Int(count)]) }
        }
        linesRead += lines
        return chunk.isEmpty ? nil : (chunk, firstLine)
    }

    /// True for inputs read as JSON lines: by name (`.jsonl`, `.ndjson`, with or without `.gz`).
    static func isJSONLines(_ path: String) -> Bool {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        return name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson")
    }
}
