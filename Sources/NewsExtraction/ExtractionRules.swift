public import ArabicText
public import Foundation

/// The page-furniture knowledge that extraction needs, kept as data in `Resources/rules/*.txt`.
///
/// Every entry is stored by its match key (search normalization: presentation forms, alef and hamza
/// variants, harakat and spacing folded), so `اقرأ أيضاً` in the file matches `اقرا ايضا` on a page.
/// Sites are added by editing the text files, not the code.
public struct ExtractionRules: Sendable {
    public enum BlockKind: String, Sendable {
        /// Teasers of related articles.
        case related
        /// A box that is not the article (most read, comments, tags).
        case drop
        /// The end of a block inside a body ("end of list"): the article goes on.
        case end
    }

    public var leftovers: Set<MatchKey> {
        didSet { leftoverFirstWords = Self.firstWords(of: leftovers) }
    }
    /// First words of the leftovers: a line whose first word is not here cannot be a run of leftovers.
    public private(set) var leftoverFirstWords: Set<MatchKey> = []
    public var blockHeaders: [MatchKey: BlockKind]
    public var credits: Set<MatchKey>
    /// Section labels by match key, with the label as the file spells it.
    public var sections: [MatchKey: String]
    /// Longest section label in words, so that prefix matching tries no more than needed.
    public var longestSectionWords: Int
    public var mediaMarkers: [MatchKey: String]
    public var outlets: Set<MatchKey>
    /// Phrases of notices printed under an article (comment policies, disclaimers).
    public var trailingBoilerplate: [MatchKey]

    /// The rules shipped in the package.
    public static let standard: ExtractionRules = {
        do {
            return try ExtractionRules(directory: bundledRulesDirectory())
        } catch {
            // The files ship inside the package; missing ones mean a broken install, not bad input.
            fatalError("Marsad's extraction rules are missing from the bundle: \(error)")
        }
    }()

    static func bundledRulesDirectory() -> URL {
        if let url = Bundle.module.url(forResource: "rules", withExtension: nil) { return url }
        return Bundle.module.bundleURL.appendingPathComponent("rules")
    }

    /// Loads the rule files from a directory laid out like `Resources/rules`; every file must be there.
    public init(directory: URL) throws {
        try self.init(directory: directory, extending: nil)
    }

    /// The rules with a user's additions: every rules file present in `directory` adds its entries
    /// (a block header or media marker listed again takes the new value); absent files add nothing.
    /// This is how `marsad extract --rules DIR` lets a site's furniture be added without a rebuild.
    public func extended(with directory: URL) throws -> ExtractionRules {
        try ExtractionRules(directory: directory, extending: self)
    }

    private init(directory: URL, extending base: ExtractionRules?) throws {
        func lines(_ name: String) throws -> [String] {
            let url = directory.appendingPathComponent(name)
            if base != nil && !FileManager.default.fileExists(atPath: url.path) { return [] }
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw RulesError(file: url.path, message: "cannot read: \(error.localizedDescription)")
            }
            return Self.entries(in: text)
        }
        func pairs(_ name: String) throws -> [(String, String)] {
            try lines(name).enumerated().map { index, line in
                let parts = line.split(separator: "\t", maxSplits: 1).map { String($0) }
                guard parts.count == 2 else {
                    throw RulesError(file: directory.appendingPathComponent(name).path,
                                     message: "entry \(index + 1) needs TEXT<TAB>VALUE: '\(line)'")
                }
                return (parts[0], parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        leftovers = (base?.leftovers ?? []).union(try lines("ui-leftovers.txt").map(MatchKey.init))
        leftoverFirstWords = Self.firstWords(of: leftovers)
        var headers = base?.blockHeaders ?? [:]
        for (header, kind) in try pairs("block-headers.txt") {
            guard let blockKind = BlockKind(rawValue: kind) else {
                throw RulesError(file: directory.appendingPathComponent("block-headers.txt").path,
                                 message: "unknown block kind '\(kind)' for '\(header)' (use related, drop or end)")
            }
            headers[MatchKey(header)] = blockKind
        }
        blockHeaders = headers
        credits = (base?.credits ?? []).union(try lines("credits.txt").map(MatchKey.init))
        var sections = base?.sections ?? [:]
        var longest = base?.longestSectionWords ?? 1
        for label in try lines("sections.txt") {
            sections[MatchKey(label)] = label
            longest = max(longest, label.split(separator: " ").count)
        }
        self.sections = sections
        longestSectionWords = longest
        var markers = base?.mediaMarkers ?? [:]
        for (marker, medium) in try pairs("media-markers.txt") { markers[MatchKey(marker)] = medium }
        mediaMarkers = markers
        outlets = (base?.outlets ?? []).union(try lines("outlets.txt").map(MatchKey.init))
        trailingBoilerplate = (base?.trailingBoilerplate ?? []) + (try lines("trailing-boilerplate.txt").map(MatchKey.init))
    }

    static func firstWords(of keys: Set<MatchKey>) -> Set<MatchKey> {
        Set(keys.compactMap { key in key.words.first.map { MatchKey(bytes: Array($0)) } })
    }

    /// Non-empty, non-comment lines of a rules file, trimmed.
    static func entries(in text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            return line.isEmpty || line.hasPrefix("#") ? nil : line
        }
    }

    /// The form rules and page text are compared in, as a `String` (for occasional comparisons;
    /// hot paths use `MatchKey`, which compares bytes).
    public static func key(_ text: some StringProtocol) -> String { MatchKey(text).description }

    /// A listed leftover, or a one-line box that a drop header opens ("قيّم هذا الخبر: 1 2 3 4 5").
    public func isLeftover(_ line: some StringProtocol) -> Bool {
        let key = MatchKey(line)
        if leftovers.contains(key) { return true }
        if let before = key.beforeColon, before.wordCount <= 4, blockHeaders[before] == .drop { return true }
        return false
    }
    public func blockKind(ofHeader line: some StringProtocol) -> BlockKind? { blockKind(of: MatchKey(line)) }

    /// The block a header line opens, by its match key: listed (with or without a colon), or a
    /// next/previous label.
    public func blockKind(of key: MatchKey) -> BlockKind? {
        if let kind = blockHeaders[key] ?? blockHeaders[key.trimmingColon()] { return kind }
        // "LBCI التالي", "المقال التالي": a label that ends in next or previous, over a title. The
        // word alone is a pager's button, a leftover.
        if (2...Self.nextPreviousLabelWords).contains(key.wordCount), let last = key.words.last, Self.nextPrevious.contains(MatchKey(bytes: Array(last))) {
            return .related
        }
        return nil
    }

    /// "التالي" and "السابق" end a label of the next or previous article's link.
    static let nextPrevious: Set<MatchKey> = [MatchKey("التالي"), MatchKey("السابق")]
    /// Words in such a label, at most: a site or a noun, and next or previous.
    static let nextPreviousLabelWords = 3
    /// Is this paragraph, found at the end of a body, a notice rather than article text?
    public func isTrailingBoilerplate(_ paragraph: some StringProtocol) -> Bool {
        // Notices are short: count spaces before normalizing anything.
        var spaces = 0
        for byte in paragraph.utf8 where byte == 0x20 {
            spaces += 1
            if spaces > 80 { return false }
        }
        let key = MatchKey(paragraph)
        return trailingBoilerplate.contains { key.contains($0) }
    }

    public func isCredit(_ text: some StringProtocol) -> Bool { credits.contains(MatchKey(text)) }
    public func isOutlet(_ name: some StringProtocol) -> Bool { outlets.contains(MatchKey(name)) }
    /// The section a label names, as the rules file spells it.
    public func section(named label: some StringProtocol) -> String? { sections[MatchKey(label)] }
}

/// A rules file that cannot be used, with the file named.
public struct RulesError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}

extension String {
    /// Drops leading and trailing ASCII spaces and tabs without going through `Character`s.
    func trimmingASCIISpaces() -> String {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { bytes.formIndex(after: &start) }
        while end > start {
            let before = bytes.index(before: end)
            guard bytes[before] == 0x20 || bytes[before] == 0x09 else { break }
            end = before
        }
        if start == bytes.startIndex && end == bytes.endIndex { return self }
        return String(self[start..<end])
    }
}
