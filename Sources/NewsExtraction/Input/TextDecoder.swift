import Glibc
public import NewsModel

/// Text decoded to UTF-8, with the encoding it came from.
public struct DecodedText: Sendable {
    /// UTF-8 bytes, without a byte-order mark.
    public var utf8: [UInt8]
    /// Lower-case IANA-style name: `utf-8`, `utf-16le`, `windows-1256`, `iso-8859-6`, …
    public var encoding: String
    public var issues: [Page.Issue]
}

/// Finds a page's encoding and decodes it to UTF-8.
///
/// Order of trust, as browsers do: a byte-order mark, then the HTTP `Content-Type`, then the page's own
/// declaration (`<meta charset>`, `http-equiv`, the XML declaration), then the bytes themselves. Bytes that
/// are valid UTF-8 with non-ASCII text win over a legacy declaration, because a page re-saved as UTF-8
/// often keeps its old `<meta>`; the mismatch is reported. Undeclared legacy Arabic is told apart by
/// decoding with both windows-1256 and ISO-8859-6 (through glibc's iconv) and keeping the one that reads
/// as Arabic.
public enum TextDecoder {
    /// Decodes `bytes`; `contentType` is an HTTP `Content-Type` header value when the bytes came over HTTP.
    public static func decode(_ bytes: [UInt8], contentType: String? = nil) -> DecodedText {
        var issues = [Page.Issue]()
        // 1. Byte-order marks.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8OrRepaired(Array(bytes.dropFirst(3)), name: "utf-8", issues: &issues)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return convert(Array(bytes.dropFirst(2)), from: "UTF-16LE", name: "utf-16le", issues: issues)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return convert(Array(bytes.dropFirst(2)), from: "UTF-16BE", name: "utf-16be", issues: issues)
        }
        let declared = contentType.flatMap { charset(inHeader: $0) } ?? declaredCharset(in: bytes)
        let validUTF8 = isValidUTF8(bytes)
        if let declared, let encoding = SupportedEncoding(label: declared) {
            switch encoding {
            case .utf8:
                if validUTF8 { return DecodedText(utf8: bytes, encoding: "utf-8", issues: issues) }
                issues.append(Page.Issue("declared utf-8 but the bytes are not valid UTF-8; detected from the bytes"))
            case .utf16le, .utf16be:
                // A declared UTF-16 page without a BOM: believe it only if it has the zero bytes ASCII would give.
                if bytes.count >= 2 && bytes.contains(0) {
                    return convert(bytes, from: encoding.iconvName, name: encoding.name, issues: issues)
                }
                issues.append(Page.Issue("declared \(declared) but the bytes are not UTF-16; detected from the bytes"))
            default:
                if validUTF8 && bytes.contains(where: { $0 >= 0x80 }) {
                    issues.append(Page.Issue("declared \(declared) but the bytes are valid UTF-8; read as UTF-8"))
                    return DecodedText(utf8: bytes, encoding: "utf-8", issues: issues)
                }
                return convert(bytes, from: encoding.iconvName, name: encoding.name, issues: issues)
            }
        } else if let declared {
            issues.append(Page.Issue("unsupported charset '\(declared)'; detected from the bytes"))
        }
        if validUTF8 { return DecodedText(utf8: bytes, encoding: "utf-8", issues: issues) }
        return decodeUndeclared(bytes, issues: issues)
    }

    /// Bytes that are neither valid UTF-8 nor declared. A legacy encoding is chosen only when the
    /// whole input reads as legacy Arabic: most of its non-ASCII bytes fail to form UTF-8 sequences.
    /// Either way the input is decoded line by line, and a line that is valid UTF-8 is never read as
    /// anything else (a JSONL export's records are its lines).
    static func decodeUndeclared(_ bytes: [UInt8], issues: [Page.Issue]) -> DecodedText {
        if UTF8Census(bytes).readsAsUTF8 { return decodeLines(bytes, legacy: nil, issues: issues) }
        let guess = guessLegacy(bytes, issues: issues)
        guard let legacy = SupportedEncoding(label: guess.encoding), legacy != .utf8 else { return guess }
        return decodeLines(bytes, legacy: legacy, issues: guess.issues)
    }

    /// Lines named one by one in the issues when stray bytes are replaced; past this, one more issue
    /// gives the count, so a damaged file cannot flood the report.
    static let namedRepairedLines = 20

    /// Each line on its own: valid UTF-8 as it is; any other through `legacy`, or, without one, with
    /// every invalid byte replaced by U+FFFD and an issue naming the line.
    static func decodeLines(_ bytes: [UInt8], legacy: SupportedEncoding?, issues: [Page.Issue]) -> DecodedText {
        var issues = issues
        var output = [UInt8]()
        output.reserveCapacity(bytes.count + bytes.count / 4)
        var repaired = 0
        var start = 0
        var line = 0
        while start < bytes.count {
            line += 1
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            let slice = bytes[start..<end]
            start = end
            if slice.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) != nil }) {
                output += slice
            } else if let legacy {
                output += convert(Array(slice), from: legacy.iconvName, name: legacy.name, issues: []).utf8
            } else {
                output += String(decoding: slice, as: UTF8.self).utf8
                repaired += 1
                if repaired <= namedRepairedLines { issues.append(Page.Issue("invalid UTF-8 bytes replaced with U+FFFD", line: line)) }
            }
        }
        if repaired > namedRepairedLines {
            issues.append(Page.Issue("invalid UTF-8 bytes replaced with U+FFFD on \(repaired - namedRepairedLines) more lines"))
        }
        return DecodedText(utf8: output, encoding: legacy?.name ?? "utf-8", issues: issues)
    }

    /// Encodings Marsad reads.
    enum SupportedEncoding {
        case utf8, utf16le, utf16be, windows1256, iso88596, windows1252, iso88591

        init?(label: String) {
            switch label.lowercased() {
            case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
            case "utf-16le", "utf-16": self = .utf16le
            case "utf-16be": self = .utf16be
            case "windows-1256", "cp1256", "x-cp1256", "win-1256", "windows1256": self = .windows1256
            case "iso-8859-6", "iso8859-6", "iso_8859-6", "arabic", "asmo-708", "ecma-114", "iso-ir-127", "csisolatinarabic":
                self = .iso88596
            case "windows-1252", "cp1252": self = .windows1252
            case "iso-8859-1", "latin1", "iso8859-1", "us-ascii", "ascii": self = .iso88591
            default: return nil
            }
        }

        var iconvName: String {
            switch self {
            case .utf8: return "UTF-8"
            case .utf16le: return "UTF-16LE"
            case .utf16be: return "UTF-16BE"
            case .windows1256: return "WINDOWS-1256"
            case .iso88596: return "ISO-8859-6"
            case .windows1252: return "WINDOWS-1252"
            case .iso88591: return "ISO-8859-1"
            }
        }

        var name: String {
            switch self {
            case .utf8: return "utf-8"
            case .utf16le: return "utf-16le"
            case .utf16be: return "utf-16be"
            case .windows1256: return "windows-1256"
            case .iso88596: return "iso-8859-6"
            case .windows1252: return "windows-1252"
            case .iso88591: return "iso-8859-1"
            }
        }
    }

    // MARK: Declarations

    /// The `charset` parameter of a `Content-Type` value.
    static func charset(inHeader header: String) -> String? {
        value(after: Array("charset=".utf8), in: Array(header.utf8)[...])
    }

    /// A charset that the document declares in its first 4 KB: `<meta charset>`, `http-equiv`, `<?xml encoding?>`.
    static func declaredCharset(in bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096)
        if head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: UInt8(ascii: ">")) {
            if let encoding = value(after: Array("encoding=".utf8), in: head[..<end]) { return encoding }
        }
        return value(after: Array("charset=".utf8), in: head)
    }

    /// The token after `needle` (ASCII case-insensitive), without quotes.
    static func value(after needle: [UInt8], in haystack: ArraySlice<UInt8>) -> String? {
        guard needle.count <= haystack.count else { return nil }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            var matches = true
            for offset in 0..<needle.count where lower(haystack[index + offset]) != needle[offset] {
                matches = false
                break
            }
            if matches {
                var start = index + needle.count
                while start < haystack.endIndex, haystack[start] == 0x20 || haystack[start] == 0x22 || haystack[start] == 0x27 {
                    start += 1
                }
                var end = start
                while end < haystack.endIndex, isTokenByte(haystack[end]) { end += 1 }
                if end > start { return String(decoding: haystack[start..<end], as: UTF8.self).lowercased() }
            }
            index += 1
        }
        return nil
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
    }

    // MARK: Detection

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
    }

    /// Undeclared, not UTF-8: try the Arabic legacy encodings and keep the one that reads as Arabic.
    static func guessLegacy(_ bytes: [UInt8], issues: [Page.Issue]) -> DecodedText {
        let candidates: [SupportedEncoding] = [.windows1256, .iso88596]
        var best: (DecodedText, Int)?
        for candidate in candidates {
            let decoded = convert(bytes, from: candidate.iconvName, name: candidate.name, issues: issues)
            let score = arabicScore(decoded.utf8)
            if best == nil || score > best!.1 { best = (decoded, score) }
        }
        var issues = issues
        guard let pick = best else { return utf8OrRepaired(bytes, name: "utf-8", issues: &issues) }
        var result = pick.0
        let score = pick.1
        if score <= 0 {
            // Neither reads as Arabic: keep the bytes as UTF-8 with replacements, and say so.
            issues.append(Page.Issue("could not detect the encoding (not UTF-8, not Arabic windows-1256 or ISO-8859-6); invalid bytes replaced"))
            return utf8OrRepaired(bytes, name: "utf-8", issues: &issues)
        }
        result.issues.append(Page.Issue("no charset declared; detected \(result.encoding) from the bytes"))
        return result
    }

    /// Arabic letters count for a decoding; Latin-1 accents, C1 controls and replacements count against it.
    static func arabicScore(_ utf8: [UInt8]) -> Int {
        var score = 0
        for scalar in String(decoding: utf8, as: UTF8.self).unicodeScalars {
            switch scalar.value {
            case 0x0621...0x064A: score += 1
            case 0x00C0...0x00FF: score -= 2
            case 0x0080...0x009F, 0xFFFD: score -= 3
            default: break
            }
        }
        return score
    }

    static func utf8OrRepaired(_ bytes: [UInt8], name: String, issues: inout [Page.Issue]) -> DecodedText {
        if isValidUTF8(bytes) { return DecodedText(utf8: bytes, encoding: name, issues: issues) }
        let repaired = Array(String(decoding: bytes, as: UTF8.self).utf8)
        if !issues.contains(where: { $0.message.hasPrefix("could not detect") }) {
            issues.append(Page.Issue("invalid UTF-8 sequences replaced with U+FFFD"))
        }
        return DecodedText(utf8: repaired, encoding: name, issues: issues)
    }

    // MARK: iconv

    /// Converts to UTF-8 with glibc's iconv; undecodable bytes become U+FFFD and are reported once.
    static func convert(_ bytes: [UInt8], from source: String, name: String, issues: [Page.Issue]) -> DecodedText {
        var issues = issues
        let descriptor = iconv_open("UTF-8", source)
        guard descriptor != iconv_t(bitPattern: -1) else {
            issues.append(Page.Issue("iconv cannot convert from \(source); read as UTF-8"))
            return utf8OrRepaired(bytes, name: "utf-8", issues: &issues)
        }
        defer { iconv_close(descriptor) }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2 + 16)
        var replaced = 0
        let unit = source.hasPrefix("UTF-16") ? 2 : 1
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { return }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self))
            var inLeft = input.count
            while inLeft > 0 {
                let status: Int = chunk.withUnsafeMutableBufferPointer { out in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = out.count
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let produced = out.count - outLeft
                    output.append(contentsOf: UnsafeBufferPointer(start: out.baseAddress, count: produced))
                    return result == -1 ? Int(errno) : 0
                }
                if status == 0 || status == E2BIG { continue }
                // EILSEQ or EINVAL (truncated at the end): replace one unit and go on.
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                replaced += 1
                let skip = min(unit, inLeft)
                inPointer = inPointer.map { $0 + skip }
                inLeft -= skip
            }
        }
        if replaced > 0 { issues.append(Page.Issue("\(replaced) byte sequences invalid in \(name) replaced with U+FFFD")) }
        return DecodedText(utf8: output, encoding: name, issues: issues)
    }
}

/// How the non-ASCII bytes of an input fall: inside well-formed UTF-8 sequences, or not. UTF-8 with
/// a few stray bytes has nearly all of them inside; windows-1256 or ISO-8859-6 Arabic has few,
/// because its letters (0xC1–0xFE) rarely precede a byte in UTF-8's continuation range.
struct UTF8Census {
    var inSequences = 0
    var stray = 0

    /// - Complexity: O(n), one pass.
    init(_ bytes: [UInt8]) {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            if length > 0, index + length <= bytes.count, bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                inSequences += length
                index += length
            } else {
                stray += 1
                index += 1
            }
        }
    }

    /// More non-ASCII bytes in sequences than out of them: UTF-8 with damage, not a legacy encoding.
    var readsAsUTF8: Bool { inSequences > stray }
}
