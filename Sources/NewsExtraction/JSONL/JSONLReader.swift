import ArabicText
import Foundation
import NewsModel

/// Reads JSONL exports: one article per line, with the field names corpora use
/// (`title`, `text` | `content` | `body`, `url` | `link`, `date` | `time` | `published`, `author`,
/// `cat` | `section` | `category`, `abstract` | `summary` | `description`).
///
/// A line that is not a JSON object is reported with its number and skipped; the others go on.
public struct JSONLReader: Sendable {
    public let rules: ExtractionRules

    public init(rules: ExtractionRules = .standard) { self.rules = rules }

    static let textFields = ["text", "content", "body", "article", "maintext"]
    static let dateFields = ["date", "time", "published", "pubDate", "datePublished", "date_publish", "published_at"]
    static let urlFields = ["url", "link", "source_url"]
    static let sectionFields = ["section", "cat", "category"]
    static let summaryFields = ["summary", "abstract", "description", "lead"]

    public func read(utf8 bytes: [UInt8]) -> ReaderOutput {
        var output = ReaderOutput()
        let bylineParser = BylineParser(rules: rules)
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            defer { start = end + 1 }
            var slice = bytes[start..<end]
            while let last = slice.last, last == 0x0D || last == 0x20 || last == 0x09 { slice = slice.dropLast() }
            while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
            if slice.isEmpty { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(slice))
            } catch {
                output.issues.append(Page.Issue("not valid JSON: \(Self.shortReason(error))", line: lineNumber))
                continue
            }
            guard let record = object as? [String: Any] else {
                output.issues.append(Page.Issue("expected a JSON object", line: lineNumber))
                continue
            }
            if let article = article(from: record, line: lineNumber, parser: bylineParser, issues: &output.issues) {
                output.articles.append(article)
            }
        }
        return output
    }

    func article(from record: [String: Any], line: Int, parser: BylineParser, issues: inout [Page.Issue]) -> Article? {
        func string(_ keys: [String]) -> String? {
            for key in keys {
                if let value = record[key] as? String {
                    let cleaned = clean(value)
                    if !cleaned.isEmpty { return cleaned }
                }
            }
            return nil
        }
        let body = Self.textFields.lazy.compactMap { record[$0] as? String }.first ?? ""
        let paragraphs = paragraphsOf(body)
        guard let title = string(["title", "headline"]) ?? (paragraphs.isEmpty ? nil : "") else {
            issues.append(Page.Issue("record has neither a title nor a text field", line: line))
            return nil
        }
        if title.isEmpty { issues.append(Page.Issue("record has no title", line: line)) }
        var article = Article(role: .main, title: title, paragraphs: paragraphs)
        article.summary = string(Self.summaryFields)
        article.section = string(Self.sectionFields)
        article.url = string(Self.urlFields)
        if let number = Self.dateFields.lazy.compactMap({ record[$0] as? NSNumber }).first {
            if let iso = Timestamp.utcISO(unixTime: number.doubleValue) {
                article.published = iso
            } else {
                issues.append(Page.Issue("unreadable Unix time \(number)", line: line))
            }
        } else if let date = string(Self.dateFields) {
            if let iso = Timestamp.iso(date) ?? DateLine.parse(line: date)?.iso {
                article.published = iso
            } else {
                issues.append(Page.Issue("unreadable date '\(date)'", line: line))
            }
        }
        if let author = record["author"] ?? record["authors"] {
            article.bylines = bylines(from: author, parser: parser)
        }
        return article
    }

    /// Authors as a string ("القاهرة - أحمد الريدي"), a list, or objects with a `name`.
    func bylines(from value: Any, parser: BylineParser) -> [Byline] {
        if let list = value as? [Any] { return list.flatMap { bylines(from: $0, parser: parser) } }
        if let object = value as? [String: Any], let name = object["name"] as? String { return bylines(from: name, parser: parser) }
        guard let text = (value as? String).map(clean), !text.isEmpty else { return [] }
        if let parsed = parser.parse(line: text) { return parsed }
        // "PLACE - NAME" (a dateline-style author field) or "OUTLET - OUTLET".
        let parts = text.components(separatedBy: " - ").map { $0.trimmingASCIISpaces() }.filter { !$0.isEmpty }
        func byline(_ name: String, place: String? = nil) -> Byline {
            let outlet = rules.outlets.contains(MatchKey(name)) || name.contains(".نت") || name.contains(".net")
            return Byline(name: name, kind: outlet ? .outlet : .author, place: place)
        }
        if parts.count == 2 {
            let first = byline(parts[0])
            if first.kind == .outlet { return [first, byline(parts[1])] }
            if parts[0].split(separator: " ").count <= 2 { return [byline(parts[1], place: parts[0])] }
        }
        return text.components(separatedBy: "،").map { byline($0.trimmingASCIISpaces()) }.filter { !$0.name.isEmpty }
    }

    /// Paragraphs at line breaks, display-cleaned, blank and leftover lines dropped.
    func paragraphsOf(_ text: String) -> [String] {
        Self.lines(of: text).compactMap { line in
            let cleaned = clean(line)
            return cleaned.isEmpty || rules.isLeftover(cleaned) ? nil : cleaned
        }
    }

    /// The non-empty lines of `text`, cut where `Character.isNewline` cuts (LF, VT, FF, CR, NEL,
    /// U+2028, U+2029), over its UTF-8 bytes: splitting by `Character` was a twentieth of the workers'
    /// time on the news corpora.
    static func lines(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines = [String]()
            var start = 0, i = 0
            func cut(_ end: Int, skip: Int) {
                if end > start { lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) }
                start = end + skip
            }
            while i < bytes.count {
                let b = bytes[i]
                if b >= 0x0A && b <= 0x0D {
                    cut(i, skip: 1)
                    i += 1
                } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 {
                    cut(i, skip: 2)
                    i += 2
                } else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    cut(i, skip: 3)
                    i += 3
                } else {
                    i += 1
                }
            }
            cut(bytes.count, skip: 0)
            return lines
        }
    }

    func clean(_ text: String) -> String {
        ArabicText.Normalizer.display.normalize(text).trimmingASCIISpaces()
    }

    static func shortReason(_ error: any Error) -> String {
        let text = "\(error)"
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}
