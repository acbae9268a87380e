import CZlib

/// Gzip inputs (`.gz` pages and corpora) are read transparently.
public enum Gzip {
    /// True when the bytes start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Inflates gzip data (several members in a row are concatenated, as `gzip -d` does).
    ///
    /// `limit` caps the output so that a gzip bomb gives an error, not an exhausted machine.
    public static func decompress(_ bytes: [UInt8], limit: Int = 1 << 30) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "gzip: cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        output.reserveCapacity(min(limit, bytes.count * 4))
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        try bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { throw Failure(description: "gzip: empty input") }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
                    return status
                }
                if output.count > limit { throw Failure(description: "gzip: more than \(limit) bytes when inflated") }
                switch status {
                case Z_STREAM_END:
                    // Another member may follow.
                    if stream.avail_in == 0 { return }
                    guard inflateReset(&stream) == Z_OK else { return }
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 { throw Failure(description: "gzip: truncated data (\(output.count) bytes recovered)") }
                    continue
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw Failure(description: "gzip: corrupt data (\(message))")
                }
            }
        }
        return output
    }
}
