public import ArabicText
public import Foundation

/// The reporting cues of `Resources/cues/reporting-verbs.txt`, matched on search-normalized words with
/// the conjunctions و and ف, and a final tanween alef, handled here rather than listed.
public struct ReportingCues: Sendable {
    public struct Cue: Sendable, Hashable {
        /// The form in the rules file.
        public var form: String
        /// True for cues that introduce reported content without أن/إن ("أعلن X إطلاق …").
        public var takesClause: Bool
        /// A participle (مؤكداً، واصفاً): no subject of its own.
        public var isParticiple = false
        /// A source (وفق، بحسب): governs a quote before it, not one after it.
        public var isSource = false
    }

    var cues: [MatchKey: Cue]

    public static let standard: ReportingCues = {
        do {
            return try ReportingCues(contentsOf: AnalysisResources.url("cues/reporting-verbs.txt"))
        } catch {
            fatalError("Marsad's reporting cues are missing from the bundle: \(error)")
        }
    }()

    public init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var cues = [MatchKey: Cue]()
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            let tag = parts.count > 1 ? parts[1] : ""
            let cue = Cue(form: parts[0], takesClause: tag == "clause", isParticiple: tag == "participle", isSource: tag == "source")
            cues[MatchKey(parts[0])] = cue
        }
        self.cues = cues
    }

    /// The cue a word is, if any: "وقال" → قال, "فأضاف" → أضاف, "مضيفاً" → مضيفا (search
    /// normalization drops the tanween).
    public func cue(_ word: MatchKey) -> Cue? {
        let folded = word
        if let cue = cues[folded] { return cue }
        // و or ف glued in front.
        if let first = folded.bytes.first, folded.bytes.count > 4, first == 0xD9 {
            let second = folded.bytes[1]
            if second == 0x88 || second == 0x81 {  // و U+0648 (D9 88), ف U+0641 (D9 81)
                return cues[MatchKey(bytes: Array(folded.bytes[2...]))]
            }
        }
        return nil
    }
}

/// Where the bundled analysis resources are.
enum AnalysisResources {
    static func url(_ relative: String) -> URL {
        let parts = relative.split(separator: "/").map(String.init)
        if let folder = Bundle.module.url(forResource: parts[0], withExtension: nil) {
            return parts.dropFirst().reduce(folder) { $0.appendingPathComponent($1) }
        }
        return parts.reduce(Bundle.module.bundleURL) { $0.appendingPathComponent($1) }
    }
}
