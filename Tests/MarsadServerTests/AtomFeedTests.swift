import Archive
import CLibXML2
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MarsadServer
import NewsModel
import Testing

/// Every search, person, place, organisation and story has an Atom 1.0 feed, linked from its page.
/// Feeds are parsed with libxml2 and checked against RFC 4287's required elements.
@Suite struct AtomFeedTests {
    @Test func aSearchFeedFollowsTheQueryLanguageAndFilters() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/feeds/search.atom?q=\(encoded("السيول"))&section=\(encoded("محليات"))", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
                let feed = try AtomDocument(response.text)
                #expect(feed.problems.isEmpty, "\(feed.problems)")
                #expect(feed.entryLinks.contains { $0.hasSuffix("/article/\(ServerFixtures.floodID)") })
                #expect(!feed.entryLinks.contains { $0.hasSuffix("/article/\(ServerFixtures.ratesID)") })
                #expect(feed.selfLink?.contains("/feeds/search.atom?") == true)
            }
            try await client.execute(uri: "/search?q=\(encoded("السيول"))", method: .get) { response in
                #expect(response.text.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"/feeds/search.atom?q="))
            }
            try await client.execute(uri: "/feeds/search.atom?from=not-a-date", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func peoplePlacesOrganisationsAndStoriesHaveFeeds() async throws {
        try await ServerFixtures.withServer { client, archive in
            let story = try #require(try await archive.stories(limit: 5, offset: 0).first)
            for (page, article) in [
                ("/person/\(encoded("حسان العلي"))", ServerFixtures.floodID), ("/place/\(encoded("الساحل الشرقي"))", ServerFixtures.floodID),
                ("/organization/\(encoded("هيئة الأرصاد"))", ServerFixtures.floodID), ("/story/\(story.id)", ServerFixtures.floodOtherID),
            ] {
                try await client.execute(uri: page + ".atom", method: .get) { response in
                    #expect(response.status == .ok, "\(page).atom")
                    let feed = try AtomDocument(response.text)
                    #expect(feed.problems.isEmpty, "\(page): \(feed.problems)")
                    #expect(feed.entryLinks.contains { $0.hasSuffix("/article/\(article)") }, "\(page)")
                }
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.text.contains("type=\"application/atom+xml\" title=\"Atom\" href=\"\(page).atom\""), "\(page) links no feed")
                }
            }
            try await client.execute(uri: "/person/\(encoded("أحد لا يعرفه الأرشيف")).atom", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}

/// An Atom document read with libxml2, and what RFC 4287 requires of it that it lacks.
struct AtomDocument {
    static let namespace = "http://www.w3.org/2005/Atom"
    var problems: [String] = []
    var entryLinks: [String] = []
    var selfLink: String?

    init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard let doc = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue)) }
        }) else {
            problems.append("not well-formed XML")
            return
        }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc), Self.name(root) == "feed", Self.space(root) == Self.namespace else {
            problems.append("root is not atom:feed")
            return
        }
        check(root, requires: ["id", "title", "updated"], what: "feed")
        if Self.children(root, "author").isEmpty { problems.append("feed has no author") }
        selfLink = Self.children(root, "link").first { Self.attribute($0, "rel") == "self" }.flatMap { Self.attribute($0, "href") }
        if selfLink == nil { problems.append("feed has no self link") }
        for entry in Self.children(root, "entry") {
            check(entry, requires: ["id", "title", "updated"], what: "entry")
            guard let link = Self.children(entry, "link").first(where: { Self.attribute($0, "rel") ?? "alternate" == "alternate" }),
                let href = Self.attribute(link, "href"), href.hasPrefix("http")
            else {
                problems.append("entry without an absolute alternate link")
                continue
            }
            entryLinks.append(href)
        }
    }

    private mutating func check(_ node: xmlNodePtr, requires names: [String], what: String) {
        for name in names {
            let found = Self.children(node, name)
            if found.count != 1 { problems.append("\(what) has \(found.count) \(name) elements") }
            if name == "updated", let value = found.first.map(Self.text), !Self.isRFC3339(value) { problems.append("\(what) updated '\(value)' is not RFC 3339") }
        }
    }

    static func isRFC3339(_ value: String) -> Bool {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: value) != nil
    }

    static func children(_ node: xmlNodePtr, _ name: String) -> [xmlNodePtr] {
        var result = [xmlNodePtr]()
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, Self.name(current) == name, space(current) == namespace { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    static func name(_ node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }
    static func space(_ node: xmlNodePtr) -> String? { node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } } }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if String(cString: current.pointee.name) == name, let child = current.pointee.children, let content = child.pointee.content {
                return String(cString: content)
            }
            attribute = current.pointee.next
        }
        return nil
    }

    static func text(_ node: xmlNodePtr) -> String {
        var text = ""
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE, let content = current.pointee.content {
                text += String(cString: content)
            }
            child = current.pointee.next
        }
        return text
    }
}
