import CZlib
import Foundation

/// Reads a JSON-lines file (plain or gzip) in chunks of whole lines, so that a corpus of any size is
/// ingested in bounded memory.
///
/// zlib's `gzread` passes plain files through unchanged, so one reader serves `.jsonl` and `.jsonl.gz`.
public final class LineChunks {
    public let path: String
    let file: gzFile
    let linesPerChunk: Int
    var carry = [UInt8]()
    /// Where the unread part of `carry` starts: lines are handed out by moving it, and the read part
    /// is dropped once per refill, not once per line.
    var carryStart = 0
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var finished = false
    /// A read error seen after some whole lines of the chunk being built: those lines are handed out
    /// first, and the error is thrown by the next call.
    var failure: IngestError?
    /// Bytes handed out or waiting in `carry`, after inflating.
    private(set) var inflatedBytes = 0
    /// Lines handed out so far, so that each chunk knows the number of its first line.
    public private(set) var linesRead = 0
    /// Bytes read from the (possibly compressed) file, for progress.
    public var compressedOffset: Int { Int(gzoffset(file)) }

    public init(path: String, linesPerChunk: Int = 256) throws {
        guard let file = gzopen(path, "rb") else { throw IngestError("cannot open for reading") }
        gzbuffer(file, 1 << 18)
        self.path = path
        self.file = file
        self.linesPerChunk = linesPerChunk
    }

    deinit { gzclose(file) }

    /// The next chunk's bytes and the 1-based number of its first line; nil at the end.
    ///
    /// A gzip file that ends before its trailer, or whose trailer's CRC or length does not match, is
    /// an error after its last whole line, never a shorter file: zlib's `gzread` reports a missing
    /// end only through `gzerror`, and a partial last line is not handed out.
    public func next() throws -> (bytes: [UInt8], firstLine: Int)? {
        if let failure { throw failure }
        var chunk = [UInt8]()
        var lines = 0
        let firstLine = linesRead + 1
        while lines < linesPerChunk {
            if let newline = carry[carryStart...].firstIndex(of: 0x0A) {
                chunk.append(contentsOf: carry[carryStart...newline])
                carryStart = newline + 1
                lines += 1
                continue
            }
            carry.removeSubrange(..<carryStart)
            carryStart = 0
            if finished {
                if !carry.isEmpty {
                    chunk.append(contentsOf: carry)
                    carry.removeAll()
                    lines += 1
                }
                break
            }
            if let error = refill(line: linesRead + lines + 1) {
                guard lines > 0 else { throw error }
                failure = error
                break
            }
        }
        linesRead += lines
        return chunk.isEmpty ? nil : (chunk, firstLine)
    }

    /// Reads past the next `count` lines without handing them out: a job's shard that starts further
    /// into the file costs a scan for newlines, not chunks built and thrown away.
    public func skip(lines count: Int) throws {
        if let failure { throw failure }
        var left = count
        while left > 0 {
            if let newline = carry[carryStart...].firstIndex(of: 0x0A) {
                carryStart = newline + 1
                left -= 1
                linesRead += 1
                continue
            }
            carry.removeSubrange(..<carryStart)
            carryStart = 0
            if finished {
                if !carry.isEmpty {
                    carry.removeAll()
                    linesRead += 1
                }
                return
            }
            if let error = refill(line: linesRead + 1) { throw error }
        }
    }

    /// Reads the next block into `carry`; the error, if the read failed (see ``readError``).
    func refill(line: Int) -> IngestError? {
        let count = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
        if let error = readError(count: count, line: line) { return error }
        if count == 0 { finished = true } else {
            carry.append(contentsOf: buffer[0..<Int(count)])
            inflatedBytes += Int(count)
        }
        return nil
    }

    /// What `gzread`'s result and zlib's end state say went wrong, if anything. At the end of the
    /// file, `Z_BUF_ERROR` means the gzip stream stopped before its end (truncated, or no trailer).
    func readError(count: Int32, line: Int) -> IngestError? {
        var code: Int32 = Z_OK
        let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
        if count < 0 || (code != Z_OK && code != Z_BUF_ERROR) {
            return IngestError("line \(line): corrupt gzip data (\(message)) after \(inflatedBytes) bytes")
        }
        if count == 0 && code == Z_BUF_ERROR {
            return IngestError(
                "line \(line): truncated gzip: the file ends after \(compressedOffset) compressed bytes (\(inflatedBytes) inflated) without its end and trailer")
        }
        return nil
    }

    /// The lines of `chunk` (whose first line is `firstLine`) that fall in `range`, with the number of
    /// the first of them; nil when none does.
    public static func clip(_ chunk: [UInt8], firstLine: Int, to range: Range<Int>) -> (bytes: [UInt8], firstLine: Int)? {
        var starts = [0]
        for (i, byte) in chunk.enumerated() where byte == 0x0A && i + 1 < chunk.count { starts.append(i + 1) }
        let lines = firstLine..<(firstLine + starts.count)
        let kept = lines.clamped(to: range)
        guard !kept.isEmpty else { return nil }
        let from = starts[kept.lowerBound - firstLine]
        let to = kept.upperBound - firstLine < starts.count ? starts[kept.upperBound - firstLine] : chunk.count
        return (Array(chunk[from..<to]), kept.lowerBound)
    }

    /// Counts the lines of a JSON-lines file (plain or gzip), reading it once.
    public static func count(_ path: String) throws -> Int {
        let chunks = try LineChunks(path: path, linesPerChunk: 4096)
        while try chunks.next() != nil {}
        return chunks.linesRead
    }

    /// True for inputs read as JSON lines: by name (`.jsonl`, `.ndjson`, with or without `.gz`).
    public static func isJSONLines(_ path: String) -> Bool {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        return name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson")
    }
}
