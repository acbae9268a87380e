import Foundation

/// What a page's JSON-LD says about its article, read with `JSONSerialization`.
///
/// The article is the first object whose `@type` is an article type (`NewsArticle`, `Article`,
/// `ReportageNewsArticle`, …), searched breadth-first through top-level arrays, `@graph` and nested
/// objects. Breadcrumbs come from a `BreadcrumbList`. Invalid JSON is skipped with an issue; JSON with
/// raw control characters inside strings (a common CMS bug) is read after turning them into spaces.
struct LinkedData {
    struct Author {
        var name: String
        var isOrganization: Bool
    }

    var headline: String?
    var alternativeHeadline: String?
    var description: String?
    var section: String?
    var datePublished: String?
    var url: String?
    var authors: [Author] = []
    var publisher: String?
    var breadcrumbs: [String] = []
    var isVideo = false
    var issues: [String] = []

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "asknewsarticle", "askpublicnewsarticle",
        "blogposting", "liveblogposting", "socialmediaposting", "report", "techarticle", "scholarlyarticle",
        "satiricalarticle", "advertisercontentarticle",
    ]

    init() {}

    init(blocks: [[UInt8]]) {
        var roots = [Any]()
        for (n, block) in blocks.enumerated() {
            guard let data = Self.trimmed(block) else { continue }
            if let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
                roots.append(value)
            } else if let value = try? JSONSerialization.jsonObject(with: Self.withoutControlCharacters(data), options: [.fragmentsAllowed]) {
                roots.append(value)
            } else {
                issues.append("JSON-LD block \(n + 1) is not valid JSON; skipped")
            }
        }
        read(roots)
    }

    /// Drops surrounding whitespace, HTML comment and CDATA markers; nil when nothing is left.
    static func trimmed(_ block: [UInt8]) -> Data? {
        var text = String(decoding: block, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["<!--", "//<![CDATA[", "<![CDATA["] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        for suffix in ["-->", "//]]>", "]]>"] where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : Data(text.utf8)
    }

    static func withoutControlCharacters(_ data: Data) -> Data {
        Data(data.map { $0 < 0x20 ? 0x20 : $0 })
    }

    private mutating func read(_ roots: [Any]) {
        var queue = roots
        var head = 0
        var article: [String: Any]? = nil
        var fallback: [String: Any]? = nil
        var breadcrumbList: [String: Any]? = nil
        // Breadth-first, bounded: a hostile page cannot make this loop long.
        while head < queue.count, head < 5000 {
            let value = queue[head]
            head += 1
            if let array = value as? [Any] {
                queue.append(contentsOf: array)
                continue
            }
            guard let object = value as? [String: Any] else { continue }
            let types = Self.types(of: object)
            if article == nil, !types.isDisjoint(with: Self.articleTypes) { article = object }
            if fallback == nil, object["headline"] != nil { fallback = object }
            if breadcrumbList == nil, types.contains("breadcrumblist") { breadcrumbList = object }
            if types.contains("videoobject") { isVideo = true }
            for (_, nested) in object where nested is [Any] || nested is [String: Any] { queue.append(nested) }
        }
        if let object = article ?? fallback { readArticle(object) }
        if let breadcrumbList { breadcrumbs = Self.crumbs(breadcrumbList) }
    }

    private mutating func readArticle(_ object: [String: Any]) {
        headline = Self.text(object["headline"]) ?? Self.text(object["name"])
        alternativeHeadline = Self.text(object["alternativeHeadline"])
        description = Self.text(object["description"])
        section = Self.text(object["articleSection"])
        datePublished = Self.text(object["datePublished"]) ?? Self.text(object["dateCreated"])
        url = Self.text(object["url"]) ?? Self.id(object["mainEntityOfPage"])
        authors = Self.authors(object["author"] ?? object["creator"])
        if let publisher = object["publisher"] {
            publisher_loop: for value in (publisher as? [Any]) ?? [publisher] {
                if let name = Self.text((value as? [String: Any])?["name"]) ?? Self.text(value) {
                    self.publisher = name
                    break publisher_loop
                }
            }
        }
    }

    static func types(of object: [String: Any]) -> Set<String> {
        var result = Set<String>()
        let raw = object["@type"]
        for value in (raw as? [Any]) ?? [raw as Any] {
            guard let type = value as? String else { continue }
            // "NewsArticle", "schema:NewsArticle", "http://schema.org/NewsArticle".
            let local = type.split(whereSeparator: { $0 == "/" || $0 == ":" || $0 == "#" }).last.map(String.init) ?? type
            result.insert(local.lowercased())
        }
        return result
    }

    /// A string value: a string, the first non-empty string of an array, or an object's `@value`/`name`.
    static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String:
            let cleaned = TextScan.clean(HTMLEntities.decode(string))
            return cleaned.isEmpty ? nil : cleaned
        case let array as [Any]:
            for item in array { if let text = text(item) { return text } }
            return nil
        case let object as [String: Any]:
            return text(object["@value"]) ?? text(object["name"])
        default:
            return nil
        }
    }

    static func id(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        if let object = value as? [String: Any] { return (object["@id"] as? String) ?? (object["url"] as? String) }
        return nil
    }

    static func authors(_ value: Any?) -> [Author] {
        guard let value else { return [] }
        var result = [Author]()
        for item in (value as? [Any]) ?? [value] {
            if let object = item as? [String: Any] {
                let isOrganization = !types(of: object).isDisjoint(with: ["organization", "newsmediaorganization", "corporation"])
                if let names = object["name"] as? [Any] {
                    for name in names { if let text = text(name) { result.append(Author(name: text, isOrganization: isOrganization)) } }
                } else if let name = text(object["name"]) {
                    result.append(Author(name: name, isOrganization: isOrganization))
                }
            } else if let name = text(item), !name.hasPrefix("http") {
                result.append(Author(name: name, isOrganization: false))
            }
        }
        return result
    }

    static func crumbs(_ list: [String: Any]) -> [String] {
        guard let items = list["itemListElement"] as? [Any] else { return [] }
        var crumbs = [(Int, String)]()
        for (n, item) in items.enumerated() {
            guard let object = item as? [String: Any] else { continue }
            let position = (object["position"] as? Int) ?? Int((object["position"] as? String) ?? "") ?? n
            let name = text(object["name"]) ?? text((object["item"] as? [String: Any])?["name"])
            if let name { crumbs.append((position, name)) }
        }
        return crumbs.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// The few HTML entities that leak into JSON-LD and feed titles as text.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "laquo": "«",
        "raquo": "»", "hellip": "…", "ndash": "–", "mdash": "—", "rsquo": "’", "lsquo": "‘", "rdquo": "”",
        "ldquo": "“",
    ]

    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = after[..<semi]
                var replacement: String? = named[String(name)]
                if replacement == nil, name.hasPrefix("#") {
                    let digits = name.dropFirst()
                    let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                    replacement = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
                if let replacement {
                    result += replacement
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        result += rest
        return result
    }
}
