public import NewsModel

extension EntityRecognizer {
    /// Resolves a surface form found in `article` to the entity it names there.
    ///
    /// - A role noun (a title with its complement, nisba and modifiers) resolves to the person the
    ///   article names right after the same role: «الرئيس البيلاروسي» → «ألكسندر لوكاشينكو» when the
    ///   article says «الرئيس البيلاروسي ألكسندر لوكاشينكو», and «المتحدث باسم الكرملين» → the name
    ///   after «المتحدث باسم الكرملين». Leader titles (marked `!` in person-titles.txt: الرئيس،
    ///   الزعيم، رئيس الوزراء، الملك…) stand for one another with the same nisba, so «الزعيم الروسي»
    ///   finds «الرئيس الروسي فلاديمير بوتين». Failing that, a leader title with a nisba finds a
    ///   person of the article whom the gazetteer lists as leading that place (`@روسيا`). When several
    ///   people hold the role, the one named so most often wins, then the first.
    /// - A name resolves through the article's linking: «بوتين» → «فلاديمير بوتين», «الناتو» →
    ///   «حلف شمال الأطلسي», «الشرطة الكندية» → itself, an organisation.
    ///
    /// ```swift
    /// recognizer.canonicalName(for: "الزعيم الروسي", in: article)  // ("فلاديمير بوتين", .person)
    /// ```
    ///
    /// - Parameters:
    ///   - surface: the role or name as found, proclitics allowed («والرئيس الروسي»), without the
    ///     verb before it.
    ///   - article: the article whose title and paragraphs name the entity.
    /// - Returns: nil for a role the article never ties to a name, or text that names nothing.
    /// - Complexity: analyses the whole article; to resolve many surfaces in one article, analyse it
    ///   once with ``analysis(of:)`` and ask ``EntityAnalysis/canonicalName(for:)``.
    public func canonicalName(for surface: String, in article: Article) -> (name: String, type: Entity.Kind)? {
        analysis(of: article).canonicalName(for: surface)
    }

    /// The person the article names right after a role like `role`.
    func person(holding role: Annotations.TitleChain, in fields: [Field], linked: Linked) -> (name: String, type: Entity.Kind)? {
        let cues = resources.cues
        let title = cues.titles[Int(role.title)]
        var exact = [String: (count: Int, first: Int)](), leader = [String: (count: Int, first: Int)]()
        var mentionAt = [Int: Int]()
        for (k, origin) in linked.origins.enumerated() { mentionAt[origin.field << 32 | origin.token] = k }
        var order = 0
        for (f, field) in fields.enumerated() {
            for chain in field.annotations.chains {
                guard let k = mentionAt[f << 32 | chain.end], linked.mentions[k].mention.kind == .person else { continue }
                order += 1
                let name = linked.mentions[k].mention.name
                let sameQualifiers = chain.nisba == role.nisba && chain.modifiers == role.modifiers
                if chain.title == role.title && chain.complement == role.complement && sameQualifiers {
                    exact[name, default: (0, order)].count += 1
                } else if title.isLeader && cues.titles[Int(chain.title)].isLeader && sameQualifiers && role.nisba != nil
                            && (role.complement == 0 || chain.complement == role.complement) {
                    leader[name, default: (0, order)].count += 1
                }
            }
        }
        // A leader title with a nisba: a person the gazetteer says leads that place.
        var listed = [String: (count: Int, first: Int)]()
        if title.isLeader, let nisba = role.nisba, role.modifiers == 0 {
            let place = cues.nisbaLocations[Int(nisba)]
            for (k, mention) in linked.mentions.enumerated() where mention.mention.kind == .person {
                guard let entry = resources.gazetteer.entries.first(where: { $0.name == mention.mention.name && $0.kind == .person }),
                      entry.leads.contains(place) else { continue }
                listed[mention.mention.name, default: (0, k)].count += 1
            }
        }
        for tally in [exact, leader, listed] where !tally.isEmpty {
            let best = tally.max { a, b in a.value.count != b.value.count ? a.value.count < b.value.count : a.value.first > b.value.first }!
            return (best.key, .person)
        }
        return nil
    }
}

/// An article's entities and mentions, analysed once, with role and name resolution against them.
///
/// ```swift
/// let analysis = recognizer.analysis(of: article)
/// analysis.canonicalName(for: "الرئيس البيلاروسي")  // ("ألكسندر لوكاشينكو", .person)
/// analysis.mentions.filter { $0.paragraph == 3 }     // the names in the fourth paragraph
/// ```
public struct EntityAnalysis: Sendable {
    let recognizer: EntityRecognizer
    let fields: [EntityRecognizer.Field]
    let linked: EntityRecognizer.Linked

    /// What ``EntityRecognizer/analyze(_:)`` puts in `article.entities`.
    public var entities: [Entity] { linked.entities }
    /// Every mention in reading order, with its paragraph (nil for the title) and canonical name.
    public var mentions: [ArticleMention] { linked.mentions }

    /// Resolves a role noun or a name: see ``EntityRecognizer/canonicalName(for:in:)``.
    public func canonicalName(for surface: String) -> (name: String, type: Entity.Kind)? {
        let probe = recognizer.field(surface, paragraph: nil)
        let words = (0..<probe.table.count).filter { probe.table.isWord($0) }
        guard let firstWord = words.first else { return nil }
        if let role = probe.annotations.chains.first(where: { $0.start == firstWord }), role.end > words.last! {
            return recognizer.person(holding: role, in: fields, linked: linked)
        }
        // A name: find it as the article's names are found again (a surname alone), link it with the
        // article's mentions and read its entity.
        var all = fields + [probe]
        recognizer.propagate(&all)
        let spans = all[fields.count].spans
        guard spans.count == 1, spans[0].start <= firstWord, spans[0].end > words.last! else { return nil }
        let withProbe = recognizer.link(all)
        guard let k = withProbe.origins.lastIndex(where: { $0.field == fields.count }) else { return nil }
        return (withProbe.mentions[k].mention.name, withProbe.mentions[k].mention.kind)
    }
}
