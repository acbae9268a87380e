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
        /// Passes on another's words (نقلت الصحيفة عن الوزير): the speaker follows عن.
        public var isVia = false
        /// Whom the form agrees with: a feminine form (قالت، مؤكدة، تقول) takes a woman or a body
        /// named by a feminine word, a plural one (قالوا، يقولون) a group.
        public var agreement: Agreement = .unmarked

        public enum Agreement: Sendable, Hashable {
            case unmarked, feminine, plural
        }
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
            let cue = Cue(form: parts[0], takesClause: tag == "clause", isParticiple: tag == "participle", isSource: tag == "source", isVia: tag == "via")
            cues[MatchKey(parts[0])] = cue
        }
        let table = cues
        for (key, cue) in table { cues[key]?.agreement = Self.agreement(of: cue.form, in: table) }
        self.cues = cues
    }

    /// A form is feminine or plural when its unmarked partner is in the table too: قالت and قال,
    /// مؤكدة and مؤكدا, تقول and يقول; قالوا and قال, يقولون and يقول. "تابع" has no "ابع": unmarked.
    static func agreement(of form: String, in cues: [MatchKey: Cue]) -> Cue.Agreement {
        func listed(_ partner: String) -> Bool { cues[MatchKey(partner)] != nil }
        if form.hasSuffix("وا") || form.hasSuffix("ون"), listed(String(form.dropLast(2))) { return .plural }
        if form.hasSuffix("ت"), listed(String(form.dropLast())) { return .feminine }
        if form.hasSuffix("ة"), listed(String(form.dropLast()) + "ا") { return .feminine }
        if form.hasPrefix("ت"), listed("ي" + form.dropFirst()) { return .feminine }
        return .unmarked
    }

    /// و and ف, written glued to the next word.
    static let conjunctions = [Array("و".utf8), Array("ف".utf8)]

    /// The cue a word is, if any: "وقال" → قال, "فأضاف" → أضاف, "مضيفاً" → مضيفا (search
    /// normalization drops the tanween).
    public func cue(_ word: MatchKey) -> Cue? {
        let folded = word
        if let cue = cues[folded] { return cue }
        // و or ف glued in front.
        if folded.bytes.count > 4, let conjunction = Self.conjunctions.first(where: { folded.bytes.starts(with: $0) }) {
            return cues[MatchKey(bytes: Array(folded.bytes[conjunction.count...]))]
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
