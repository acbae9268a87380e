public import Foundation
import NewsModel

/// The gazetteers and cue lists entity recognition reads, loaded once and passed in.
///
/// ```swift
/// let resources = try EntityResources.bundled()
/// resources.gazetteer.entry(named: "الناتو")?.name  // "حلف شمال الأطلسي"
/// ```
public struct EntityResources: Sendable {
    public var gazetteer: Gazetteer
    public var cues: EntityCues
    /// Word classes for the tagger's features, when a file is present.
    public var clusters: WordClusters?
    /// The tagger's own label shares over unlabelled text, when a file is present.
    public var priors: LabelPriors?

    public init(gazetteer: Gazetteer = Gazetteer(), cues: EntityCues = EntityCues(), clusters: WordClusters? = nil, priors: LabelPriors? = nil) {
        self.gazetteer = gazetteer
        self.cues = cues
        self.clusters = clusters
        self.priors = priors
    }

    /// The lists shipped in the NewsAnalysis bundle (`Resources/gazetteers`, `Resources/cues`).
    ///
    /// - Throws: ``EntityResourceError`` naming the file and line of a bad entry.
    public static func bundled() throws(EntityResourceError) -> EntityResources {
        guard let root = Bundle.module.resourceURL else {
            throw EntityResourceError(file: "NewsAnalysis bundle", line: 0, message: "no resource folder")
        }
        return try load(from: root)
    }

    /// Loads `gazetteers/`, `cues/`, and `models/clusters.mclu` and `models/priors.mlpr` when present,
    /// from a folder laid out as the bundle is.
    public static func load(from root: URL) throws(EntityResourceError) -> EntityResources {
        func read(_ path: String) throws(EntityResourceError) -> String {
            let url = root.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw EntityResourceError(file: path, line: 0, message: "cannot read \(url.path)")
            }
            return String(decoding: data, as: UTF8.self)
        }
        var resources = EntityResources()
        try resources.gazetteer.add(list: read("gazetteers/persons.txt"), kind: .person, file: "persons.txt")
        try resources.gazetteer.add(list: read("gazetteers/organizations.txt"), kind: .organization, file: "organizations.txt")
        try resources.gazetteer.add(list: read("gazetteers/locations.txt"), kind: .location, file: "locations.txt")
        // After the hand-written lists, so that their entries keep the forms both name.
        try resources.gazetteer.add(list: read("gazetteers/geo-places.txt"), kind: .location, file: "geo-places.txt")
        try resources.cues.add(givenNames: read("gazetteers/given-names.txt"), file: "given-names.txt")
        try resources.cues.add(titles: read("cues/person-titles.txt"), file: "person-titles.txt")
        try resources.cues.add(orgPatterns: read("cues/org-patterns.txt"), file: "org-patterns.txt")
        try resources.cues.add(nisbas: read("cues/nisbas.txt"), file: "nisbas.txt")
        try resources.cues.add(sportWords: read("cues/sport-words.txt"), file: "sport-words.txt")
        func optional<T>(_ path: String, _ load: (URL) throws(NERModelError) -> T) throws(EntityResourceError) -> T? {
            let url = root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            do { return try load(url) } catch { throw EntityResourceError(file: path, line: 0, message: error.description) }
        }
        resources.clusters = try optional("models/clusters.mclu") { url throws(NERModelError) in try WordClusters(contentsOf: url) }
        resources.priors = try optional("models/priors.mlpr") { url throws(NERModelError) in try LabelPriors(contentsOf: url) }
        return resources
    }
}
