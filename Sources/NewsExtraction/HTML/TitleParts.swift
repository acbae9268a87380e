import Foundation

/// A title with a site's name joined to it ("عنوان الخبر | الموقع", "الموقع :: عنوان الخبر"), told
/// apart by what the page's other sources say.
///
/// The title is split at each joiner; the longer side is kept when
/// - another source (`<h1>`, `<title>`, `og:title`, the JSON-LD headline) gives that side alone, or
/// - the shorter side is a name the page gives its site (`og:site_name`, `application-name`, the
///   JSON-LD publisher), or, for joiners that never join a headline's own parts, another source
///   gives the shorter side alone (a logo `<h1>`).
///
/// A colon joins a speaker to their words in Arabic headlines ("وزير الري: …"), so at a colon the
/// shorter side goes only when it is a site name or the longer side is confirmed by another source.
enum TitleParts {
    /// Joiners that sites use and headlines do not.
    static let siteJoiners = PageMetadata.separators + [" • "]
    /// Joiners that headlines use too.
    static let headlineJoiners = [" : ", ": "]
    /// A site's name is a few words.
    static let maxSiteWords = 6
    /// The kept side holds at least this many times the letters of the dropped one.
    static let keptToDroppedLetters = 2

    static func clean(_ title: String, others: [String], sites: [String]) -> String {
        let titleKey = ExtractionRules.key(title)
        let otherKeys = Set(others.map { ExtractionRules.key($0) }.filter { !$0.isEmpty && $0 != titleKey })
        let siteKeys = Set(sites.map { ExtractionRules.key($0) }.filter { !$0.isEmpty && $0 != titleKey })
        guard !otherKeys.isEmpty || !siteKeys.isEmpty else { return title }
        for joiner in siteJoiners + headlineJoiners {
            let confirmsShort = siteJoiners.contains(joiner) ? otherKeys.union(siteKeys) : siteKeys
            for (kept, dropped) in splits(title, at: joiner) {
                guard isSiteSized(dropped, beside: kept) else { continue }
                let keptKey = ExtractionRules.key(kept), droppedKey = ExtractionRules.key(dropped)
                if otherKeys.contains(keptKey) || confirmsShort.contains(droppedKey) { return kept }
            }
        }
        return title
    }

    /// The two ways of cutting `title` at the first and at the last `joiner`: (longer side, shorter side).
    static func splits(_ title: String, at joiner: String) -> [(String, String)] {
        var result = [(String, String)]()
        for range in [title.range(of: joiner), title.range(of: joiner, options: .backwards)].compactMap({ $0 }) {
            let head = String(title[..<range.lowerBound]).trimmingASCIISpaces()
            let tail = String(title[range.upperBound...]).trimmingASCIISpaces()
            guard !head.isEmpty, !tail.isEmpty else { continue }
            result.append(TextScan.letters(head) >= TextScan.letters(tail) ? (head, tail) : (tail, head))
        }
        return result
    }

    static func isSiteSized(_ dropped: String, beside kept: String) -> Bool {
        dropped.split(separator: " ").count <= maxSiteWords && TextScan.letters(kept) >= keptToDroppedLetters * TextScan.letters(dropped)
    }
}
