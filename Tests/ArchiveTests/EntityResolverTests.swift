import Archive
import StableHash
import NewsModel
import Testing

/// The entity resolver's rules, one test each, over names composed here.
@Suite struct EntityResolverTests {
    static func name(_ text: String, _ type: Entity.Kind = .person, articles: Int = 10) -> EntityName {
        EntityName(type: type, key: ArchiveKey.of(text), name: text, articles: articles, mentions: articles)
    }

    /// Contexts by name text: names given the same label share one context, others have none in common.
    static func resolve(
        _ names: [EntityName], contexts: [String: String] = [:], corrections: [EntityCorrection] = [], previous: [EntityRef: Int64] = [:],
        resolver: EntityResolver = EntityResolver()
    ) async throws -> [EntityGroup] {
        try await resolver.resolve(names, corrections: corrections, previous: previous) { indexes in
            var out = [Int: EntityContext]()
            for index in indexes {
                let label = contexts[names[index].name] ?? "alone:\(names[index].name)"
                out[index] = EntityContext(counts: [EntityRef(type: .location, key: label): 5, EntityRef(type: .organization, key: label + "+"): 3])
            }
            return out
        }
    }

    static func together(_ groups: [EntityGroup], _ names: [EntityName], _ a: String, _ b: String) -> Bool {
        groups.contains { group in
            let members = Set(group.members.map { names[$0].name })
            return members.contains(a) && members.contains(b)
        }
    }

    @Test func strongKeysFoldHashtagsPunctuationAbdAndTheArticle() {
        #expect(EntityNames.strongKey("سعد #الحريري", type: .person) == EntityNames.strongKey("سعد الحريري", type: .person))
        #expect(EntityNames.strongKey("عبد الله الثاني", type: .person) == EntityNames.strongKey("عبدالله الثاني", type: .person))
        #expect(EntityNames.strongKey("العربية.نت", type: .organization) == EntityNames.strongKey("العربية نت", type: .organization))
        // The article and a head noun name two entities as often as one: only the spelling key drops them.
        #expect(EntityNames.strongKey("صحيفة الغارديان", type: .organization) != EntityNames.strongKey("غارديان", type: .organization))
    }

    @Test func spellingKeysDropTheArticleAndAnOrganisationsHeadNoun() {
        let key = { (text: String, type: Entity.Kind) in EntityNames.spellingKey(strongWords: EntityNames.strongWords(text, type: type), type: type) }
        #expect(key("صحيفة الغارديان", .organization) == key("غارديان", .organization))
        #expect(key("النادي الصفاقسي", .organization) == key("الصفاقسي", .organization))
        #expect(key("الدرويش", .person) == key("درويش", .person))
        // A head noun is only dropped before a name.
        #expect(key("وكالة", .organization) != key("", .organization))
    }

    @Test func spellingKeysDropAnOrganisationsStatusAdjectivesButNotItsNationality() {
        let key = { (text: String, type: Entity.Kind) in EntityNames.spellingKey(strongWords: EntityNames.strongWords(text, type: type), type: type) }
        #expect(key("حزب العمال الكردستاني المحظور", .organization) == key("حزب العمال الكردستاني", .organization))
        #expect(key("الجيش العربي السوري", .organization) == key("الجيش السوري", .organization))
        #expect(key("وزارة الخارجية الروسية", .organization) != key("وزارة الخارجية الأمريكية", .organization))
        // Only under the spelling key, which needs agreeing contexts: `مجلس الأمن الوطني` is not the UN's.
        #expect(EntityNames.strongKey("مجلس الأمن الوطني", type: .organization) != EntityNames.strongKey("مجلس الأمن", type: .organization))
        // A person's name keeps every word.
        #expect(key("عبد الله الملكي", .person) != key("عبد الله", .person))
    }

    @Test func partsSplitAtSpacedDashesOnly() {
        #expect(EntityNames.parts("دبي ـ العربية.نت") == ["دبي", "العربية.نت"])
        #expect(EntityNames.parts("دبي- العربية.نت") == ["دبي", "العربية.نت"])
        #expect(EntityNames.parts("جان-ماري لوبان") == ["جان-ماري لوبان"])
        #expect(EntityNames.parts("العــربية") == ["العــربية"])
    }

    @Test func spellingKeysFoldTransliteration() {
        let key = { (text: String) in EntityNames.spellingKey(strongWords: EntityNames.strongWords(text, type: .person), type: .person) }
        #expect(key("فلاديمير بوتين") == key("فلاديمير بوتن"))
        #expect(key("سيرخيو راموس") == key("سيرجيو راموس"))
        #expect(key("مون جاي") == key("مون جيه"))
        #expect(key("وكالة أنباء الإمارات") != key("وكالة أنباء الكويت"))
        // A lone short word keeps its letters: `علي` is not `عالي`.
        #expect(key("علي") != key("عالي"))
        // A lone word that would fold to three letters keeps them too.
        #expect(key("باريسي") != key("بروسيا"))
    }

    @Test func ruleOneJoinsStrongKeysWithoutContext() async throws {
        let names = [Self.name("سعد الحريري", articles: 50), Self.name("سعد #الحريري", articles: 2)]
        let groups = try await Self.resolve(names)
        #expect(groups.count == 1)
        #expect(groups[0].name == "سعد الحريري")
    }

    @Test func ruleThreeGivesPlacesNoShortForms() async throws {
        let names = [Self.name("الصحراء الغربية", .location, articles: 50), Self.name("الصحراء", .location, articles: 20)]
        #expect(try await Self.resolve(names, contexts: ["الصحراء الغربية": "maghreb", "الصحراء": "maghreb"]).count == 2)
    }

    @Test func ruleOneReadsAPersonsDashAsPartOfTheName() async throws {
        let names = [Self.name("كيم يو -جونغ", articles: 3), Self.name("جونغ", articles: 30)]
        #expect(try await Self.resolve(names).count == 2)
    }

    @Test func ruleOneReadsADatelineFormAsItsBestKnownPart() async throws {
        let names = [Self.name("العربية.نت", .organization, articles: 80), Self.name("دبي ـ العربية.نت", .organization, articles: 5),
                     Self.name("دبي", .organization, articles: 1)]
        let groups = try await Self.resolve(names)
        #expect(Self.together(groups, names, "العربية.نت", "دبي ـ العربية.نت"))
        #expect(!Self.together(groups, names, "دبي", "العربية.نت"))
        // A dateline form never names the entity.
        #expect(groups.first { $0.members.contains(0) }?.name == "العربية.نت")
    }

    @Test func ruleTwoJoinsSpellingsOnlyWhenContextsAgree() async throws {
        let names = [Self.name("فلاديمير بوتين", articles: 90), Self.name("فلاديمير بوتن", articles: 4)]
        let agreeing = try await Self.resolve(names, contexts: ["فلاديمير بوتين": "kremlin", "فلاديمير بوتن": "kremlin"])
        #expect(agreeing.count == 1)
        let apart = try await Self.resolve(names)
        #expect(apart.count == 2)
    }

    @Test func ruleTwoJoinsAGivenNameAndItsShortForm() async throws {
        let names = [Self.name("جيمس ماتيس", articles: 40), Self.name("جيم ماتيس", articles: 6), Self.name("جون ماتيس", articles: 3)]
        let groups = try await Self.resolve(names, contexts: ["جيمس ماتيس": "pentagon", "جيم ماتيس": "pentagon", "جون ماتيس": "pentagon"])
        #expect(Self.together(groups, names, "جيمس ماتيس", "جيم ماتيس"))
        #expect(!Self.together(groups, names, "جيمس ماتيس", "جون ماتيس"))
    }

    @Test func ruleThreeJoinsAShortFormToItsDominantFullName() async throws {
        let names = [Self.name("محمد جواد ظريف", articles: 60), Self.name("جواد ظريف", articles: 8), Self.name("ظريف", articles: 12)]
        let context = ["محمد جواد ظريف": "tehran", "جواد ظريف": "tehran", "ظريف": "tehran"]
        let groups = try await Self.resolve(names, contexts: context)
        #expect(groups.count == 1)
        #expect(groups[0].name == "محمد جواد ظريف")
        // Without agreeing contexts the short forms stay apart.
        #expect(try await Self.resolve(names).count == 3)
    }

    @Test func ruleThreeLeavesAShortFormThatTwoEntitiesShare() async throws {
        let names = [Self.name("مانشستر يونايتد", .organization, articles: 50), Self.name("نيوكاسل يونايتد", .organization, articles: 40),
                     Self.name("يونايتد", .organization, articles: 9)]
        let context = ["مانشستر يونايتد": "league", "نيوكاسل يونايتد": "league", "يونايتد": "league"]
        let groups = try await Self.resolve(names, contexts: context)
        #expect(groups.count == 3)
    }

    @Test func ruleThreeKeepsHomonymsApartByContext() async throws {
        let names = [Self.name("بشار الأسد", articles: 300), Self.name("الأسد", articles: 40)]
        #expect(try await Self.resolve(names, contexts: ["بشار الأسد": "syria", "الأسد": "football"]).count == 2)
        #expect(try await Self.resolve(names, contexts: ["بشار الأسد": "syria", "الأسد": "syria"]).count == 1)
    }

    @Test func ruleThreeLeavesANameFarMoreFrequentThanItsContainer() async throws {
        let names = [Self.name("اليابان", .location, articles: 400), Self.name("بحر اليابان", .location, articles: 12)]
        #expect(try await Self.resolve(names, contexts: ["اليابان": "asia", "بحر اليابان": "asia"]).count == 2)
    }

    @Test func ruleThreeIgnoresTwoNamesRunTogether() async throws {
        let names = [Self.name("فينيسيوس جونيور", articles: 30), Self.name("ألفارو أودريوزولا", articles: 20),
                     Self.name("فينيسيوس جونيور ألفارو أودريوزولا", articles: 1), Self.name("فينيسيوس", articles: 5)]
        let groups = try await Self.resolve(names, contexts: Dictionary(uniqueKeysWithValues: names.map { ($0.name, "madrid") }))
        #expect(!Self.together(groups, names, "فينيسيوس جونيور", "ألفارو أودريوزولا"))
        #expect(Self.together(groups, names, "فينيسيوس", "فينيسيوس جونيور"))
    }

    @Test func ruleThreeJoinsANameMissingInnerWords() async throws {
        let names = [Self.name("حلف شمال الأطلسي", .organization, articles: 70), Self.name("حلف الأطلسي", .organization, articles: 9)]
        let groups = try await Self.resolve(names, contexts: ["حلف شمال الأطلسي": "nato", "حلف الأطلسي": "nato"])
        #expect(groups.count == 1)
    }

    @Test func canonicalIsTheFullestFrequentForm() async throws {
        let names = [Self.name("الجبير", articles: 60), Self.name("عادل الجبير", articles: 40), Self.name("عادل أحمد الجبير", articles: 1)]
        let groups = try await Self.resolve(names, contexts: Dictionary(uniqueKeysWithValues: names.map { ($0.name, "riyadh") }))
        let entity = try #require(groups.first { $0.members.contains(0) })
        #expect(entity.members.contains(1))
        // The three-word form is seen once: too rare to name the entity.
        #expect(entity.name == "عادل الجبير")
    }

    @Test func correctionsApplyInOrderAfterTheRules() async throws {
        let names = [Self.name("بشار الأسد", articles: 300), Self.name("الأسد", articles: 40), Self.name("ماهر الأسد", articles: 3),
                     Self.name("فرانس برس", .organization, articles: 30), Self.name("وكالة الصحافة الفرنسية", .organization, articles: 20)]
        let context = ["بشار الأسد": "syria", "الأسد": "syria", "ماهر الأسد": "syria"]
        let split = try await Self.resolve(names, contexts: context, corrections: [.split(names[1].ref)])
        #expect(!Self.together(split, names, "بشار الأسد", "الأسد"))
        let merged = try await Self.resolve(names, contexts: context, corrections: [.merge(names[3].ref, names[4].ref)])
        #expect(Self.together(merged, names, "فرانس برس", "وكالة الصحافة الفرنسية"))
        // A later correction wins over an earlier one.
        let both = try await Self.resolve(names, contexts: context, corrections: [.split(names[1].ref), .merge(names[0].ref, names[1].ref)])
        #expect(Self.together(both, names, "بشار الأسد", "الأسد"))
    }

    @Test func idsSurviveAResolutionThatAddsNames() async throws {
        let first = [Self.name("دونالد ترامب", articles: 90), Self.name("موسكو", .location, articles: 20)]
        let before = try await Self.resolve(first)
        var previous = [EntityRef: Int64]()
        for group in before { for index in group.members { previous[first[index].ref] = group.id } }
        let second = [Self.name("نيكي هايلي", articles: 200)] + first + [Self.name("دونالد #ترامب", articles: 1)]
        let after = try await Self.resolve(second, previous: previous)
        let id = { (groups: [EntityGroup], names: [EntityName], text: String) in groups.first { $0.members.contains { names[$0].name == text } }!.id }
        #expect(id(after, second, "دونالد ترامب") == id(before, first, "دونالد ترامب"))
        #expect(id(after, second, "موسكو") == id(before, first, "موسكو"))
        #expect(id(after, second, "دونالد #ترامب") == id(before, first, "دونالد ترامب"))
        #expect(id(after, second, "نيكي هايلي") > previous.values.max()!)
    }

    /// The cosine is exact (integers up to one division): a float sum would depend on the order a
    /// dictionary iterates in, which changes between processes, and flip decisions at a threshold.
    @Test func contextCosineIsExactWhateverTheIterationOrder() {
        var generator = SplitMix64(seed: 7)
        var a = [EntityRef: Int](), b = [EntityRef: Int]()
        for n in 0..<500 {
            let ref = EntityRef(type: .location, key: "مكان \(n)")
            a[ref] = Int(generator.next() % 200) + 1
            if n % 3 != 0 { b[ref] = Int(generator.next() % 200) + 1 }
        }
        let keys = a.keys.sorted()
        let dot = keys.reduce(0) { $0 + a[$1]! * (b[$1] ?? 0) }
        let normA = keys.reduce(0) { $0 + a[$1]! * a[$1]! }
        let normB = b.keys.sorted().reduce(0) { $0 + b[$1]! * b[$1]! }
        let expected = Double(dot) / (Double(normA).squareRoot() * Double(normB).squareRoot())
        #expect(EntityContext(counts: a).cosine(EntityContext(counts: b)) == expected)
        #expect(EntityContext(counts: b).cosine(EntityContext(counts: a)) == expected)
        #expect(EntityContext(counts: [:]).cosine(EntityContext(counts: a)) == 0)
    }

    @Test func facetsFoldIntoTheirEntityAndKeepTheRest() {
        let facets = [FacetCount(value: "مايك بومبيو", count: 9), FacetCount(value: "بومبيو", count: 4), FacetCount(value: "جنيف", count: 6),
                      FacetCount(value: "لافروف", count: 12)]
        let entities: [String: (id: Int64, name: String)] = [
            ArchiveKey.of("مايك بومبيو"): (7, "مايك بومبيو"), ArchiveKey.of("بومبيو"): (7, "مايك بومبيو"), ArchiveKey.of("لافروف"): (8, "سيرغي لافروف"),
        ]
        let folded = EntityFacets.fold(facets, entities: entities)
        #expect(folded == [FacetCount(value: "مايك بومبيو", count: 13), FacetCount(value: "سيرغي لافروف", count: 12), FacetCount(value: "جنيف", count: 6)])
        #expect(EntityFacets.fold(facets, entities: [:]).map(\.value) == ["لافروف", "مايك بومبيو", "جنيف", "بومبيو"])
    }

    @Test func resolutionIsDeterministicWhateverTheOrderOfNames() async throws {
        var generator = SplitMix64(seed: 20261207)
        let names = [Self.name("محمد جواد ظريف", articles: 60), Self.name("ظريف", articles: 12), Self.name("فلاديمير بوتين", articles: 90),
                     Self.name("فلاديمير بوتن", articles: 4), Self.name("بوتين", articles: 30)]
        let context = Dictionary(uniqueKeysWithValues: names.map { ($0.name, $0.name.contains("ظريف") ? "tehran" : "kremlin") })
        let reference = Set(try await Self.resolve(names, contexts: context).map { Set($0.members.map { names[$0].name }) })
        for _ in 0..<5 {
            let shuffled = names.shuffled(using: &generator)
            let groups = try await Self.resolve(shuffled, contexts: context)
            #expect(Set(groups.map { Set($0.members.map { shuffled[$0].name }) }) == reference)
        }
    }
}
