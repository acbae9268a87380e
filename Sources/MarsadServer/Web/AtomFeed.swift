import Archive
import Foundation
import HTTPTypes
import Hummingbird
import Ingestion
import NIOCore

/// Atom 1.0 (RFC 4287) for a list of articles, so that any feed reader can follow a search, a
/// person, a place, an organisation or a story.
///
/// Every required element is written: the feed's `id`, `title`, `updated`, `author` and `link
/// rel="self"`; each entry's `id`, `title`, `updated` and `link rel="alternate"`. Ids are `tag:` URIs
/// that do not depend on the host the feed was read from, so a reader keeps them when a server moves.
struct AtomFeed {
    struct Entry {
        var id: String
        var title: String
        var path: String
        var published: String?
        var summary: String?
        var source: String?
    }

    /// The most entries a feed carries: readers poll, and newest first is all they need.
    static let maxEntries = 50
    static let contentType = "application/atom+xml; charset=utf-8"

    var title: String
    /// Identifies the feed: `search?q=…`, `person/NAME`…
    var key: String
    /// The HTML page that the feed follows, and the feed's own path with its query.
    var pagePath: String
    var selfPath: String
    var entries: [Entry]

    /// - Parameter origin: `scheme://host` that the request came to, for absolute links.
    func xml(origin: String, now: Date = Date()) -> String {
        let updated = entries.compactMap { Self.instant($0.published) }.max() ?? Self.instant(now)
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">"#,
            "<id>\(Self.escape(Self.tag(key)))</id>",
            "<title>\(Self.escape(title))</title>",
            "<updated>\(updated)</updated>",
            "<author><name>مرصد</name></author>",
            #"<link rel="self" type="application/atom+xml" href="\#(Self.escape(origin + selfPath))"/>"#,
            #"<link rel="alternate" type="text/html" href="\#(Self.escape(origin + pagePath))"/>"#,
            "<generator>Marsad</generator>",
        ]
        for entry in entries.prefix(Self.maxEntries) {
            lines.append("<entry>")
            lines.append("<id>\(Self.escape(Self.tag("article/" + entry.id)))</id>")
            lines.append("<title>\(Self.escape(entry.title))</title>")
            lines.append("<updated>\(Self.instant(entry.published) ?? updated)</updated>")
            if let published = Self.instant(entry.published) { lines.append("<published>\(published)</published>") }
            lines.append(#"<link rel="alternate" type="text/html" href="\#(Self.escape(origin + entry.path))"/>"#)
            if let source = entry.source { lines.append("<source><title>\(Self.escape(source))</title></source>") }
            if let summary = entry.summary, !summary.isEmpty { lines.append("<summary>\(Self.escape(summary))</summary>") }
            lines.append("</entry>")
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    func response(for request: Request) -> Response {
        Response(
            status: .ok, headers: [.contentType: Self.contentType, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: xml(origin: Self.origin(of: request)))))
    }

    /// `http://` and the request's `Host`; a proxy that terminates TLS says so in `X-Forwarded-Proto`.
    static func origin(of request: Request) -> String {
        let host = request.head.authority ?? "localhost"
        let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        return "\(proto)://\(host)"
    }

    static func tag(_ key: String) -> String { "tag:marsad,2026:" + key }

    /// RFC 3339, which Atom requires: a date alone becomes its midnight in UTC.
    static func instant(_ iso: String?) -> String? {
        guard let iso, ArchiveDates.isDatePrefix(iso), let key = ArchiveDates.sortKey(iso) else { return nil }
        switch key.utf8.count {
        case 4: return key + "-01-01T00:00:00Z"
        case 7: return key + "-01T00:00:00Z"
        case 10: return key + "T00:00:00Z"
        default:
            // A time without a zone is read as UTC, as the archive sorts it.
            let zone = key.dropFirst(10)
            return zone.hasSuffix("Z") || zone.contains("+") || zone.contains("-") ? key : key + "Z"
        }
    }

    static func instant(_ date: Date) -> String { Timestamps.iso(date) }

    /// XML text and attributes escape as HTML does (`HTMLText`): the same five characters, and the
    /// control characters dropped, which XML 1.0 forbids too.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
