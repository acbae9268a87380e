public import NewsModel

/// Tells a text dump from HTML, a feed or a JSONL export, by content first and file name second.
public enum FormatSniffer {
    public static func detect(_ utf8: [UInt8], name: String? = nil) -> Page.Format {
        let head = Array(utf8.prefix(2048))
        var index = 0
        while index < head.count, head[index] == 0x20 || head[index] == 0x0A || head[index] == 0x0D || head[index] == 0x09 {
            index += 1
        }
        let lowerHead = String(decoding: head[index...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        if lowerHead.hasPrefix("<") {
            if lowerHead.contains("<rss") || lowerHead.contains("<rdf:rdf") { return .rss }
            if lowerHead.contains("<feed") && lowerHead.contains("http://www.w3.org/2005/atom") { return .atom }
            if lowerHead.hasPrefix("<feed") { return .atom }
            return .html
        }
        if lowerHead.hasPrefix("{") { return .jsonl }
        let lowerName = (name ?? "").lowercased().replacingSuffix(".gz")
        for (suffix, format) in [(".html", Page.Format.html), (".htm", .html), (".xhtml", .html), (".rss", .rss),
                                 (".atom", .atom), (".jsonl", .jsonl), (".ndjson", .jsonl)] where lowerName.hasSuffix(suffix) {
            // A name is a hint only: text that does not look like markup stays a text dump.
            if format == .jsonl || lowerHead.contains("<") { return format }
        }
        return .textDump
    }
}

extension String {
    func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
