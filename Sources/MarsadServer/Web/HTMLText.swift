import Archive
import Foundation
import NewsModel

/// The few places where the server writes HTML itself rather than through an escaping template:
/// text with marked ranges (snippets, quotes). Every character of the text is escaped here, and
/// only our own `<mark>` and `<a>` tags are added, so stored text can never become markup.
enum HTMLText {
    static func escape(_ text: String) -> String {
        // Most text (Arabic prose) has nothing to escape: one pass over the bytes says so.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x26 || $0 == 0x27 || $0 == 0x3C || $0 == 0x3E || $0 == 0x7F }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters have no business in a page (tab and newlines stay); bidi controls
            // stay too, Arabic needs them.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` with each range (in Unicode scalars, as snippets give them) wrapped in `<mark>`.
    static func marked(_ text: String, ranges: [Range<Int>], open: String = "<mark>", close: String = "</mark>") -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var position = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = min(max(range.lowerBound, position), scalars.count)
            let upper = min(max(range.upperBound, lower), scalars.count)
            guard lower < upper else { continue }
            out += escape(piece(scalars, position..<lower)) + open + escape(piece(scalars, lower..<upper)) + close
            position = upper
        }
        return out + escape(piece(scalars, position..<scalars.count))
    }

    static func snippet(_ snippet: Snippet) -> String {
        marked(snippet.text, ranges: snippet.highlights)
    }

    /// A paragraph with its direct quotes marked; each quote names its speaker, linked to the
    /// speaker's page when there is one.
    static func paragraph(_ text: String, quotes: [Quote]) -> String {
        var ranges = [(Range<String.Index>, Quote)]()
        for quote in quotes where quote.kind == .direct && !quote.text.isEmpty {
            guard let range = text.range(of: quote.text), !ranges.contains(where: { $0.0.overlaps(range) }) else { continue }
            ranges.append((range, quote))
        }
        ranges.sort { $0.0.lowerBound < $1.0.lowerBound }
        var out = ""
        var position = text.startIndex
        for (range, quote) in ranges {
            out += escape(String(text[position..<range.lowerBound]))
            out += "<mark class=\"quote\">" + escape(String(text[range])) + "</mark>"
            if let speaker = quote.speaker, !speaker.isEmpty {
                out += " <a class=\"speaker\" href=\"\(escape(Paths.person(speaker)))\">— \(escape(speaker))</a>"
            }
            position = range.upperBound
        }
        return out + escape(String(text[position...]))
    }

    private static func piece(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }
}

/// The site's URLs, built in one place so that links and routes agree. Names are percent-encoded
/// as one path segment.
enum Paths {
    static func article(_ id: String) -> String { "/article/\(id)" }
    static func story(_ id: Int64) -> String { "/story/\(id)" }
    static func saga(_ id: Int64) -> String { "/saga/\(id)" }
    static func person(_ name: String) -> String { "/person/\(segment(name))" }
    static func place(_ name: String) -> String { "/place/\(segment(name))" }
    static func organization(_ name: String) -> String { "/organization/\(segment(name))" }

    /// A resolved entity's page: `/person/12`.
    static func entity(id: Int64, _ kind: Entity.Kind) -> String {
        entity(String(id), kind)
    }

    static func entity(_ name: String, _ kind: Entity.Kind) -> String {
        switch kind {
        case .person: return person(name)
        case .location: return place(name)
        case .organization: return organization(name)
        }
    }

    /// Unreserved characters stay; everything else, Arabic included, is percent-encoded UTF-8.
    static func segment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + hex(byte >> 4) + hex(byte & 0xF)
            }
        }
        return out
    }

    /// A query string from name/value pairs, skipping empty values.
    static func query(_ items: [(String, String?)]) -> String {
        let parts = items.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return "\(name)=\(segment(value))"
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    private static func hex(_ nibble: UInt8) -> String { String(nibble, radix: 16, uppercase: true) }
}
