import HTTPTypes
import Hummingbird
import MultipartKit
import NIOCore

/// The upload form's fields, parsed with MultipartKit: small text fields, and one file.
struct MultipartForm {
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
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { buffer in body += buffer.readableBytesView }
        parser.onPartComplete = {
            parts.append((headers, body))
            headers = [:]
            body = []
        }
        do {
            try parser.execute(bytes)
        } catch {
            throw Problem.invalid("form", "the upload is not well-formed multipart/form-data")
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
