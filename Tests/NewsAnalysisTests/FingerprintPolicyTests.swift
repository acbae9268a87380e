import ArabicText
import Foundation
import NewsAnalysis
import NewsModel
import Testing

/// The fingerprinter on composed articles, and the policies on top of it: near duplicates,
/// stories, related articles.
@Suite struct FingerprintPolicyTests {
    typealias F = FingerprintFixtures
    let fingerprinter = Fingerprinter()

    func print(_ article: Article) -> ContentFingerprint { fingerprinter.fingerprint(article) }

    static func date(_ iso: String?) -> Date? { iso.flatMap { ISO8601DateFormatter().date(from: $0) } }

    // MARK: Fingerprinter

    /// Terms recorded by another reader first (the index fields, in ingest) give the same print.
    @Test func recordedTermsGiveTheSameFingerprint() {
        var terms = IndexTerms()
        for paragraph in F.flood.paragraphs.reversed() { terms.forEachTerm(in: paragraph) { _, _ in } }
        let shared = fingerprinter.fingerprint(F.flood, terms: &terms)
        let alone = print(F.flood)
        #expect(shared.bytes == alone.bytes)
        #expect(shared.bandKeys == alone.bandKeys && shared.exact == alone.exact)
    }

    @Test func exactHashIgnoresSpellingVariantsButNotWords() {
        var variant = F.flood
        // Diacritics, tatweel, another alef form, doubled and edge spaces: the same normalized text.
        variant.title = "  إعلانُ الطـوارئ في  البصرة بعد أمطار غزيرة "
        variant.paragraphs[1] = variant.paragraphs[1].replacingFirst("إن فرق", with: "ان فرق")
        #expect(print(variant).exact == print(F.flood).exact)
        var changed = F.flood
        changed.paragraphs[5] = changed.paragraphs[5].replacingFirst("سنوات", with: "عقود")
        #expect(print(changed).exact != print(F.flood).exact)
        #expect(F.flood.exactCopyHash == print(F.flood).exact)
    }

    @Test func exactHashSeparatesTitleFromBody() {
        let a = Article(role: .main, title: "خبر عاجل", paragraphs: ["نص الخبر"])
        let b = Article(role: .main, title: "خبر", paragraphs: ["عاجل نص الخبر"])
        #expect(a.exactCopyHash != b.exactCopyHash)
    }

    @Test func teaserBodyIsItsSummary() {
        let teaser = print(F.floodTeaser)
        #expect(teaser.isTeaser)
        #expect(!print(F.flood).isTeaser)
        var other = F.floodTeaser
        other.summary = "نص آخر تماما عن موضوع مختلف"
        #expect(print(other).exact != teaser.exact)
        #expect(teaser.shingleCount > 0)
    }

    @Test func signatureAndBandsHaveTheConfiguredShape() {
        let p = print(F.flood)
        #expect(p.minHash.values.count == 120)
        #expect(p.bandKeys.count == 40)
        // 6 paragraphs of about 25 words, stopwords out: well over 100 four-word shingles.
        #expect(p.shingleCount > 100)
        let small = Fingerprinter(shingle: 3, hashes: 64, bands: 16).fingerprint(F.flood)
        #expect(small.minHash.values.count == 64 && small.bandKeys.count == 16)
        #expect(small.shingleCount > p.shingleCount - 10)
    }

    @Test func unstemmedShinglesChangeTheSignatureNotTheExactHash() {
        let stemmed = print(F.flood)
        let unstemmed = Fingerprinter(stemmedShingles: false).fingerprint(F.flood)
        #expect(unstemmed.exact == stemmed.exact)
        #expect(unstemmed.minHash != stemmed.minHash)
        #expect(unstemmed.terms == stemmed.terms)
    }

    @Test func titleTermsOutweighBodyTermsOfTheSameCount() {
        // «زلزال» once in the title and once in the body; «مدينة» three times in the body only.
        let article = Article(role: .main, title: "زلزال يضرب الساحل", paragraphs: [
            "ضرب زلزال قوي المدينة فجرا.", "وهرع سكان المدينة إلى الساحات.", "وتضررت مبان قديمة في المدينة.",
        ])
        let terms = print(article).terms.entries
        func weight(_ word: String) -> Float {
            let term = FingerprintHash.term(AnalysisChain.index.terms(in: word)[0].text)
            return terms.first { $0.term == term }?.weight ?? 0
        }
        #expect(weight("زلزال") > weight("المدينة"))
        #expect(weight("المدينة") > weight("الساحات"))
    }

    @Test func stopwordsNumbersAndOneLetterTermsStayOutOfTheVector() {
        let article = Article(role: .main, title: "في 2026", paragraphs: ["وقال إن المدينة في 12 شهرا ستعيد بناء المدارس و ب"])
        let terms = Set(print(article).terms.entries.map(\.term))
        #expect(!terms.contains(FingerprintHash.term("في")))
        #expect(!terms.contains(FingerprintHash.term("2026")))
        #expect(!terms.contains(FingerprintHash.term("12")))
        #expect(!terms.contains(FingerprintHash.term("ب")))
        #expect(terms.contains(FingerprintHash.term("مدين")))
    }

    @Test func vectorKeepsAtMostTheLimitAndIsNormalized() {
        let p = Fingerprinter(termLimit: 10).fingerprint(F.flood)
        #expect(p.terms.count == 10)
        let norm = p.terms.entries.reduce(Float(0)) { $0 + $1.weight * $1.weight }
        #expect(abs(norm - 1) < 1e-5)
        #expect(print(F.flood).terms.count == 40)
    }

    @Test func entityNamesAreBoostedAndKeyed() {
        var article = F.rates
        let plain = print(article)
        article.entities = [Entity(name: "البورصة", type: .organization, mentions: ["البورصة"], count: 1)]
        let boosted = print(article)
        let term = FingerprintHash.term("بورص")
        let before = plain.terms.entries.first { $0.term == term }?.weight ?? 0
        let after = boosted.terms.entries.first { $0.term == term }?.weight ?? 0
        #expect(after > before)
        #expect(boosted.entities.count == 1)
        // Keys are of the search-normalized name: another alef form or a diacritic gives the same key.
        #expect(Fingerprinter.entityKeys(Article(role: .main, title: "", entities: [Entity(name: "ألبورصة", type: .organization, mentions: [], count: 1)]))
            == boosted.entities)
        #expect(Fingerprinter.entityKeys(Article(role: .main, title: "", entities: [Entity(name: "البورصةُ", type: .organization, mentions: [], count: 1)]))
            == boosted.entities)
    }

    @Test func documentFrequenciesChangeTheWeights() {
        var table = DocumentFrequencyTable()
        for article in [F.flood, F.floodElsewhere, F.match, F.nextMatch, F.rates] {
            table.add(documentTerms: fingerprinter.distinctTerms(of: article))
        }
        let weighted = Fingerprinter(frequencies: table)
        // «الأهلي» is in both match reports: IDF lowers it relative to words of one match only.
        let club = FingerprintHash.term("اهل")
        let plain = print(F.match).terms.entries.first { $0.term == club }!.weight
        let idf = weighted.fingerprint(F.match).terms.entries.first { $0.term == club }!.weight
        #expect(idf < plain)
        #expect(weighted.fingerprint(F.match).terms.cosine(weighted.fingerprint(F.nextMatch).terms)
            < print(F.match).terms.cosine(print(F.nextMatch).terms))
    }

    // MARK: Near duplicates

    @Test func exactCopyIsNearDuplicate() {
        #expect(NearDuplicatePolicy.standard.relation(print(F.flood), print(F.flood)) == .exact)
    }

    @Test func editedCopyIsNearDuplicateByJaccard() {
        guard case .copy(let j)? = NearDuplicatePolicy.standard.relation(print(F.flood), print(F.floodEdited)) else {
            Issue.record("not a copy")
            return
        }
        #expect(j >= 0.6)
    }

    @Test func recaptionedCopyIsNearDuplicate() {
        let relation = NearDuplicatePolicy.standard.relation(print(F.floodRecaptioned), print(F.flood))
        #expect(relation.map { if case .copy = $0 { true } else { false } } == true, "\(String(describing: relation))")
    }

    @Test func cutCopyIsNearDuplicateByContainment() {
        let cut = print(F.floodCut), full = print(F.flood)
        let relation = NearDuplicatePolicy.standard.relation(cut, full)
        guard case .cut(let c)? = relation else {
            Issue.record("expected a cut copy, got \(String(describing: relation))")
            return
        }
        #expect(c >= 0.85)
        #expect(cut.minHash.jaccard(full.minHash) < 0.6)
    }

    @Test func shortExcerptIsNotACopy() {
        var excerpt = F.flood
        excerpt.paragraphs = [excerpt.paragraphs[0]]
        // All of its shingles are in the article, but it is a sixth of it: Jaccard below the floor.
        #expect(!print(excerpt).isNearDuplicate(of: print(F.flood)))
    }

    @Test func teaserIsNearDuplicateOfItsArticleOnly() {
        let teaser = print(F.floodTeaser)
        guard case .teaser(let share)? = NearDuplicatePolicy.standard.relation(teaser, print(F.flood)) else {
            Issue.record("teaser not matched")
            return
        }
        #expect(share >= 0.6)
        #expect(!teaser.isNearDuplicate(of: print(F.rates)))
        #expect(!teaser.isNearDuplicate(of: print(F.match)))
    }

    @Test func tooShortTeaserIsNotMatched() {
        let teaser = Article(role: .related, title: "البصرة", summary: "أمطار")
        #expect(print(teaser).lead.count < 4)
        #expect(!print(teaser).isNearDuplicate(of: print(F.flood)))
    }

    @Test func sameStoryInOtherWordsIsNotADuplicate() {
        #expect(!print(F.flood).isNearDuplicate(of: print(F.floodElsewhere)))
        #expect(!print(F.match).isNearDuplicate(of: print(F.nextMatch)))
    }

    @Test func containmentFromJaccardAndSizes() {
        // A ⊂ B, |A| = 50, |B| = 100: J = 0.5, containment 1.
        #expect(abs(NearDuplicatePolicy.containment(jaccard: 0.5, 50, 100) - 1) < 1e-9)
        // |A| = |B| = 100 sharing 50: J = 1/3, containment 0.5.
        #expect(abs(NearDuplicatePolicy.containment(jaccard: 1.0 / 3, 100, 100) - 0.5) < 1e-9)
        #expect(NearDuplicatePolicy.containment(jaccard: 0.5, 0, 10) == 0)
    }

    // MARK: Stories

    func candidate(_ id: String, _ story: String, _ article: Article, published: String? = nil, full: Bool = false) -> StoryMatcher.Candidate {
        let p = print(article)
        return StoryMatcher.Candidate(
            id: id, story: story, published: Self.date(published ?? article.published), terms: p.terms, entities: p.entities,
            fingerprint: full ? p : nil)
    }

    @Test func composedExamplesSitWhereTheThresholdsSay() {
        // Same event, two outlets: above 0.4 (0.44). Same club, two matches: below it (0.30).
        // Unrelated: near 0 (0.07).
        let sameEvent = print(F.flood).terms.cosine(print(F.floodElsewhere).terms)
        let sameTopic = print(F.match).terms.cosine(print(F.nextMatch).terms)
        let unrelated = print(F.flood).terms.cosine(print(F.rates).terms)
        #expect(sameEvent >= 0.4, "\(sameEvent)")
        #expect(sameTopic < 0.4, "\(sameTopic)")
        #expect(unrelated < 0.15, "\(unrelated)")
    }

    @Test func reportOfTheSameEventJoinsItsStory() {
        let decision = StoryMatcher().decide(
            print(F.floodElsewhere), published: Self.date(F.floodElsewhere.published),
            candidates: [candidate("r", "economy", F.rates), candidate("f", "flood", F.flood), candidate("m", "league", F.match)])
        guard case .sameStory(let story, let id, let cosine) = decision else {
            Issue.record("\(decision)")
            return
        }
        #expect(story == "flood" && id == "f" && cosine >= 0.4)
    }

    @Test func sameWordsOutsideTheWindowStartANewStory() {
        let decision = StoryMatcher().decide(
            print(F.floodElsewhere), published: Self.date("2026-03-09T12:00:00Z"),
            candidates: [candidate("f", "flood", F.flood)])
        #expect(decision == .newStory)
        // Without a date, text alone decides.
        #expect(StoryMatcher().decide(print(F.floodElsewhere), published: nil, candidates: [candidate("f", "flood", F.flood)]).story == "flood")
    }

    @Test func anotherEventOfTheSameTopicStartsANewStory() {
        let decision = StoryMatcher().decide(
            print(F.nextMatch), published: Self.date(F.nextMatch.published), candidates: [candidate("m", "match-1", F.match)])
        #expect(decision == .newStory)
    }

    @Test func sharedEntitiesLowerTheBar() {
        let a = print(F.match), b = print(F.nextMatch)
        let cosine = a.terms.cosine(b.terms)
        let matcher = StoryMatcher(cosine: 0.9, cosineWithSharedEntities: cosine - 0.01)
        let without = StoryMatcher.Candidate(id: "m", story: "s", published: nil, terms: a.terms, entities: [])
        let with = StoryMatcher.Candidate(id: "m", story: "s", published: nil, terms: a.terms, entities: [1, 5, 9])
        #expect(matcher.decide(b, published: nil, candidates: [without]) == .newStory)
        var shared = b
        shared.entities = [1, 2, 9]
        #expect(matcher.decide(shared, published: nil, candidates: [with]).story == "s")
        shared.entities = [1, 2, 3]
        #expect(matcher.decide(shared, published: nil, candidates: [with]) == .newStory)
    }

    @Test func nearDuplicateJoinsWhateverTheDate() {
        let decision = StoryMatcher().decide(
            print(F.floodEdited), published: Self.date("2026-05-01T00:00:00Z"),
            candidates: [candidate("f", "flood", F.flood, full: true)])
        #expect(decision == .duplicate(story: "flood", candidate: "f"))
    }

    @Test func theMostSimilarCandidateWins() {
        let decision = StoryMatcher(cosine: 0.05).decide(
            print(F.floodElsewhere), published: nil, candidates: [candidate("r", "economy", F.rates), candidate("f", "flood", F.flood)])
        #expect(decision.story == "flood")
        #expect(StoryMatcher().decide(print(F.flood), published: nil, candidates: []) == .newStory)
    }

    // MARK: Related articles

    @Test func relatedArticlesExcludeSelfAndCopies() {
        let ranker = RelatedRanker()
        let me = print(F.flood)
        let candidates = [
            RelatedRanker.Candidate(id: "self", fingerprint: me),
            RelatedRanker.Candidate(id: "copy", fingerprint: print(F.flood)),
            RelatedRanker.Candidate(id: "edited", fingerprint: print(F.floodEdited)),
            RelatedRanker.Candidate(id: "teaser", fingerprint: print(F.floodTeaser)),
            RelatedRanker.Candidate(id: "other-outlet", fingerprint: print(F.floodElsewhere)),
            RelatedRanker.Candidate(id: "rates", fingerprint: print(F.rates)),
            RelatedRanker.Candidate(id: "match", fingerprint: print(F.match)),
        ]
        let related = ranker.related(to: "self", me, candidates: candidates, k: 5)
        #expect(related.first?.id == "other-outlet")
        #expect(!related.contains { ["self", "copy", "edited", "teaser"].contains($0.id) })
        #expect(zip(related, related.dropFirst()).allSatisfy { $0.cosine >= $1.cosine })
        #expect(related.allSatisfy { $0.cosine >= 0.1 })
    }

    @Test func relatedArticlesStopAtK() {
        let me = print(F.match)
        let candidates = [F.nextMatch, F.flood, F.rates, F.floodElsewhere].enumerated().map {
            RelatedRanker.Candidate(id: "c\($0.offset)", fingerprint: print($0.element))
        }
        let all = RelatedRanker(minimumCosine: 0).related(to: "me", me, candidates: candidates, k: 10)
        #expect(all.count == 4)
        #expect(all.first?.id == "c0")
        #expect(RelatedRanker(minimumCosine: 0).related(to: "me", me, candidates: candidates, k: 2).map(\.id) == Array(all.prefix(2).map(\.id)))
    }
}

/// Articles composed for the fingerprint tests (no corpus text): two reports of one flood, a
/// football match and the next match of the same club, a central-bank decision.
enum FingerprintFixtures {
    static let flood = Article(
        role: .main,
        title: "إعلان الطوارئ في البصرة بعد أمطار غزيرة",
        paragraphs: [
            "أعلنت السلطات المحلية في مدينة البصرة صباح اليوم حالة الطوارئ بعد أن غمرت مياه الأمطار الغزيرة عشرات الأحياء السكنية وقطعت الطرق الرئيسية المؤدية إلى المرفأ.",
            "وقال مدير الدفاع المدني إن فرق الإنقاذ أجلت أكثر من مئتي عائلة من المناطق المنخفضة ونقلتها إلى مدارس حكومية جرى تجهيزها على عجل لاستقبال النازحين.",
            "وأضاف أن منسوب المياه ارتفع خلال ساعات قليلة إلى مستوى لم تشهده المحافظة منذ عقود، محذرا من أن الأرصاد الجوية تتوقع هطول مزيد من الأمطار حتى نهاية الأسبوع.",
            "وتعطلت الدراسة في الجامعات والمعاهد، فيما أغلقت الأسواق الشعبية أبوابها وتوقفت حركة الملاحة في شط العرب بسبب قوة التيارات وانعدام الرؤية.",
            "من جهته، دعا المحافظ الأهالي إلى ملازمة بيوتهم والابتعاد عن مجاري السيول، مؤكدا أن الحكومة خصصت مبالغ عاجلة لإصلاح شبكات الصرف المتهالكة.",
            "ويشكو أهالي المدينة منذ سنوات من ضعف البنية التحتية وتأخر مشاريع تصريف المياه التي أعلنت عنها الحكومات المتعاقبة دون أن ترى النور.",
        ],
        published: "2026-03-02T08:00:00Z"
    )

    /// The same flood, reported by another outlet in its own words.
    static let floodElsewhere = Article(
        role: .main,
        title: "فيضانات تغمر أحياء البصرة وإجلاء مئات العائلات",
        paragraphs: [
            "غمرت السيول الناجمة عن أمطار غزيرة أحياء واسعة في البصرة، ما دفع السلطات إلى إعلان الطوارئ وإجلاء مئات العائلات من المناطق المنخفضة.",
            "وأوضح الدفاع المدني أن فرق الإنقاذ نقلت العائلات النازحة إلى مدارس حكومية، في حين توقفت الملاحة في شط العرب وأغلقت الأسواق.",
            "وحذرت الأرصاد الجوية من استمرار هطول الأمطار على البصرة حتى نهاية الأسبوع، بينما طالب المحافظ السكان بالابتعاد عن مجاري السيول.",
        ],
        published: "2026-03-02T15:30:00Z"
    )

    static let match = Article(
        role: .main,
        title: "الأهلي يفوز على ضيفه بثلاثية نظيفة",
        paragraphs: [
            "حقق النادي الأهلي فوزا كبيرا على ضيفه بثلاثة أهداف دون رد في اللقاء الذي جرى مساء الجمعة على الملعب الأولمبي.",
            "وسجل المهاجم الشاب هدفين في الشوط الأول، قبل أن يضيف لاعب الوسط الهدف الثالث من ركلة حرة مباشرة في الدقائق الأخيرة.",
            "وبهذا الفوز يرتقي الفريق إلى رأس الترتيب برصيد اثنتين وعشرين نقطة، متقدما بفارق نقطتين على أقرب ملاحقيه.",
            "وأشاد المدرب بأداء لاعبيه، معتبرا أن الانضباط الدفاعي كان مفتاح اللقاء، وأن الفريق يستعد الآن لمواجهة قوية في بطولة الكأس.",
        ],
        published: "2026-03-06T21:00:00Z"
    )

    /// The club's next match: the same topic words, another event.
    static let nextMatch = Article(
        role: .main,
        title: "الأهلي يتعادل مع جاره في لقاء مثير",
        paragraphs: [
            "تعادل النادي الأهلي مع جاره بهدفين لكل فريق في اللقاء الذي أقيم مساء الأحد وسط حضور جماهيري كبير.",
            "وتقدم الضيوف بهدف مبكر من ضربة رأس، قبل أن يرد الأهلي بهدف التعادل، ثم تبادل الفريقان التسجيل في الشوط الثاني.",
            "واحتفظ الأهلي برأس الترتيب رغم التعادل، بينما اشتكى المدرب من قرارات الحكم وقال إن فريقه استحق الانتصار.",
        ],
        published: "2026-03-08T21:00:00Z"
    )

    static let rates = Article(
        role: .main,
        title: "البنك المركزي يرفع سعر الفائدة لكبح التضخم",
        paragraphs: [
            "قرر البنك المركزي رفع سعر الفائدة الرئيسي بنصف نقطة مئوية في اجتماعه الدوري، في خطوة تهدف إلى كبح التضخم الذي بلغ أعلى مستوياته منذ سنوات.",
            "وقال محافظ البنك في مؤتمر صحفي إن أسعار الغذاء والطاقة ما زالت تضغط على القدرة الشرائية للأسر، وإن السياسة النقدية ستبقى متشددة حتى تتراجع الأسعار.",
            "وتراجعت أسهم المصارف في البورصة عقب الإعلان، فيما ارتفعت العملة المحلية أمام الدولار في تعاملات ما بعد الظهر.",
        ],
        published: "2026-03-03T11:00:00Z"
    )

    /// `flood` with two words replaced and one inserted.
    static var floodEdited: Article {
        var article = flood
        article.paragraphs[0] = article.paragraphs[0].replacingFirst("صباح اليوم", with: "فجر اليوم")
        article.paragraphs[2] = article.paragraphs[2].replacingFirst("ساعات قليلة", with: "ساعات معدودة")
        article.paragraphs[4] = article.paragraphs[4].replacingFirst("دعا المحافظ", with: "دعا المحافظ الجديد")
        return article
    }

    /// `flood` without its last three paragraphs.
    static var floodCut: Article {
        var article = flood
        article.paragraphs.removeLast(3)
        return article
    }

    /// `flood` under another headline, with a paragraph added at the end.
    static var floodRecaptioned: Article {
        var article = flood
        article.title = "مياه الأمطار تحاصر السكان جنوب العراق"
        article.paragraphs.append("وتداول ناشطون على مواقع التواصل مقاطع مصورة تظهر سيارات عالقة في الشوارع وأطفالا يعبرون المياه على ألواح خشبية.")
        return article
    }

    /// A related-articles teaser of `flood`: its headline and a reworded lead as the summary.
    static let floodTeaser = Article(
        role: .related,
        title: "إعلان الطوارئ في البصرة بعد أمطار غزيرة",
        summary: "السلطات تعلن الطوارئ في البصرة بعد أن غمرت الأمطار الغزيرة الأحياء السكنية، وفرق الإنقاذ تجلي العائلات إلى مدارس حكومية."
    )
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
