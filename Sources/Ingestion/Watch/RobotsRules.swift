/// A site's `robots.txt`, as RFC 9309 reads it, for one crawler.
///
/// The group whose `user-agent` line names our product token applies; otherwise the `*` group;
/// otherwise everything is allowed. Within the group, the longest matching `allow` or `disallow`
/// pattern wins, and `allow` wins a tie. Patterns match the path and query from their start, with `*`
/// for any run of characters and a final `$` anchoring the end. `crawl-delay`, which RFC 9309 leaves
/// out but many news sites set, is read from the same group.
public struct RobotsRules: Sendable, Hashable {
    struct Rule: Sendable, Hashable {
        var allow: Bool
        var pattern: [UInt8]
    }

    var rules: [Rule] = []
    /// Seconds between two requests that the site asks for, if it says.
    public var crawlDelay: Double?
    /// True for the stand-in rules of a host whose `robots.txt` could not be read: its URLs are
    /// not disallowed for good, only not fetched for now.
    public var isUnreachable = false

    /// Everything allowed: a site without `robots.txt` (404, 410), or with an empty one.
    public static let allowAll = RobotsRules()
    /// Nothing allowed: what RFC 9309 asks when `robots.txt` is unreachable (a 5xx), until it can be read.
    public static let disallowAll = RobotsRules(rules: [Rule(allow: false, pattern: Array("/".utf8))], unreachable: true)

    init(rules: [Rule] = [], crawlDelay: Double? = nil, unreachable: Bool = false) {
        self.rules = rules
        self.crawlDelay = crawlDelay
        self.isUnreachable = unreachable
    }

    /// Reads `text` for the crawler whose product token is `agent` (`marsad`), case-insensitively.
    public init(_ text: String, agent: String) {
        let groups = Self.groups(text)
        let token = agent.lowercased()
        let chosen = groups.first { $0.agents.contains(token) } ?? groups.first { $0.agents.contains("*") }
        rules = chosen?.rules ?? []
        crawlDelay = chosen?.crawlDelay
    }

    /// True when the crawler may fetch `pathAndQuery` (which starts with `/`).
    /// - Complexity: O(*r* × *n*) for *r* rules and a path of length *n*.
    public func allows(_ pathAndQuery: String) -> Bool {
        let path = Array(pathAndQuery.utf8)
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern, path) {
            guard let current = best else {
                best = rule
                continue
            }
            if rule.pattern.count > current.pattern.count || (rule.pattern.count == current.pattern.count && rule.allow) { best = rule }
        }
        return best?.allow ?? true
    }

    struct Group {
        var agents: Set<String> = []
        var rules: [Rule] = []
        var crawlDelay: Double?
    }

    /// Groups in file order. Consecutive `user-agent` lines open one group; a rule line after them
    /// closes the list of agents.
    static func groups(_ text: String) -> [Group] {
        var groups = [Group]()
        var current: Group?
        var readingAgents = false
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: " \t").lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            switch key {
            case "user-agent":
                if !readingAgents {
                    if let current { groups.append(current) }
                    current = Group()
                    readingAgents = true
                }
                current?.agents.insert(value.lowercased())
            case "allow", "disallow":
                readingAgents = false
                // An empty `disallow` allows everything: it adds no rule.
                if !value.isEmpty { current?.rules.append(Rule(allow: key == "allow", pattern: Array(value.utf8))) }
            case "crawl-delay":
                readingAgents = false
                current?.crawlDelay = Double(value).flatMap { $0 >= 0 ? $0 : nil }
            default:
                continue
            }
        }
        if let current { groups.append(current) }
        return groups
    }

    /// `*` matches any run of bytes, a final `$` the end of the path; otherwise a prefix match.
    static func matches(_ pattern: [UInt8], _ path: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*"), dollar = UInt8(ascii: "$")
        let anchored = pattern.last == dollar
        let body = anchored ? Array(pattern.dropLast()) : pattern
        // Positions in `path` reachable after matching a prefix of the pattern (a small NFA).
        var states: Set<Int> = [0]
        for byte in body {
            var next = Set<Int>()
            for position in states {
                if byte == star {
                    for p in position...path.count { next.insert(p) }
                } else if position < path.count, path[position] == byte {
                    next.insert(position + 1)
                }
            }
            if next.isEmpty { return false }
            states = next
        }
        return anchored ? states.contains(path.count) : true
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let drop = Set(set)
        var slice = self[...]
        while let first = slice.first, drop.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, drop.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
