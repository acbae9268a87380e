import HTTPTypes
import Hummingbird
import MultipartKit
import NIOCore

/// The upload form's fields, parsed with MultipartKit: small text fields, and one file.
///
/// The form has two parts (the file and its format); a body with many parts is refused as soon as
/// the parser has seen more than ``maxParts``, rather than after parsing them all.
struct MultipartForm {
    /// Room for the form's own fields and a few that browsers or scripts add.
    static let maxParts = 8
    /// Header lines across all parts: a part has two or three.
    static let maxHeaders = 32
    /// The parser is fed this much at a time, and the counts are checked between slices.
    static let sliceBytes = 16 * 1024

    var fields: [String: String] = [:]
    var file: (name: String, bytes: [UInt8], contentType: String?)?

    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for part in contentType.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return value.isEmpty || value.utf8.count > 200 ? nil : value
        }
        return nil
    }

    init(bytes: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var headers = [String: String]()
        var body = [UInt8]()
        var parts = [(headers: [String: String], body: [UInt8])]()
        var headerCount = 0
        parser.onHeader = { name, value in
            headerCount += 1
            headers[name.lowercased()] = value
        }
        parser.onBody = { buffer in body += buffer.readableBytesView }
        parser.onPartComplete = {
            parts.append((headers, body))
            headers = [:]
            body = []
        }
        var rest = bytes
        while rest.readableBytes > 0 {
            let slice = rest.readSlice(length: min(Self.sliceBytes, rest.readableBytes))!
            do {
                try parser.execute(slice)
            } catch {
                throw Problem.invalid("form", "the upload is not well-formed multipart/form-data")
            }
            guard parts.count <= Self.maxParts, headerCount <= Self.maxHeaders else {
                throw Problem.invalid("form", "more than \(Self.maxParts) parts; the upload form sends a file and its format")
            }
        }
        for part in parts {
            guard let disposition = part.headers["content-disposition"], let name = Self.parameter("name", in: disposition) else { continue }
            if let filename = Self.parameter("filename", in: disposition) {
                if !part.body.isEmpty { file = (filename, part.body, part.headers["content-type"]) }
            } else if part.body.count <= 4_096 {
                fields[name] = String(decoding: part.body, as: UTF8.self)
            }
        }
    }

    /// `name="…"` in a Content-Disposition header.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.lowercased().hasPrefix(name + "=") else { continue }
            var value = Substring(trimmed.dropFirst(name.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return String(value)
        }
        return nil
    }
}
