import ArabicText
import Foundation
import Testing
@testable import NewsAnalysis
import StableHash

// The CoNLL snippets below were composed for these tests.

@Suite("CoNLL files and scores")
struct CoNLLTests {
    @Test func parsesSentencesTokensAndTags() throws {
        let text = "قال O\r\nبوتين B-PERS\r\n\n\nفي O\nموسكو B-LOC\n O\n"
        let sentences = try CoNLL.parse(text)
        #expect(sentences.count == 2)
        #expect(sentences[0].tokens == ["قال", "بوتين"])
        #expect(sentences[1].tokens == ["في", "موسكو", ""])
        #expect(sentences[1].tags == ["O", "B-LOC", "O"])
    }

    @Test func aBadLineIsNamed() {
        do {
            _ = try CoNLL.parse("قال O\nبوتين\n", file: "x.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.file == "x.txt")
        }
        #expect(throws: CoNLLError.self) { try CoNLL.parse("قال PERSON\n") }
    }

    @Test func spansAsConllevalReadsThem() {
        let spans = CoNLL.spans(["I-PERS", "I-PERS", "O", "B-LOC", "I-ORG", "B-ORG", "I-ORG"])
        #expect(spans.map { [$0.start, $0.end] } == [[0, 2], [3, 4], [4, 5], [5, 7]])
        #expect(spans.map(\.type) == ["PERS", "LOC", "ORG", "ORG"])
    }

    @Test func onlyExactSpansCount() {
        let gold = [["B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG"]]
        // A partial person, a right place, an organisation tagged as a place.
        let predicted = [["B-PERS", "O", "O", "B-LOC", "O", "B-LOC"]]
        let score = NERScore(gold: gold, predicted: predicted)
        #expect(score.types["PERS"]! == { var c = NERScore.Counts(); c.predicted = 1; c.gold = 1; return c }())
        #expect(score.types["LOC"]!.correct == 1)
        #expect(score.types["LOC"]!.predicted == 2)
        #expect(score.types["ORG"]!.recall == 0)
        #expect(score.overall.correct == 1 && score.overall.predicted == 3 && score.overall.gold == 3)
        #expect(abs(score.overall.precision - 1.0 / 3) < 1e-9)
        #expect(abs(score.overall.f1 - 1.0 / 3) < 1e-9)
        #expect(score.types["MISC"]!.f1 == 0)
    }

    @Test func jsonHasOverallAndTypes() throws {
        let score = NERScore(gold: [["B-PERS"]], predicted: [["B-PERS"]])
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(score)) as! [String: Any]
        let overall = json["overall"] as! [String: Any]
        #expect(overall["f1"] as? Double == 1)
        #expect(overall["precision"] as? Double == 1)
        #expect(overall["recall"] as? Double == 1)
        #expect(Set((json["types"] as! [String: Any]).keys) == ["PERS", "LOC", "ORG", "MISC"])
    }

    @Test func developmentSplitsAreDeterministic() {
        let sentences = (0..<20).map { CoNLLSentence(tokens: ["\($0)"], tags: ["O"]) }
        let tail = CoNLL.split(sentences, devFraction: 0.1, strategy: .tail)
        #expect(tail.dev.map(\.tokens) == [["18"], ["19"]])
        #expect(tail.train.count == 18)
        let every = CoNLL.split(sentences, devFraction: 0.1, strategy: .interleaved)
        #expect(every.dev.map(\.tokens) == [["9"], ["19"]])
    }
}

@Suite("Tagger")
struct NERTaggerTests {
    /// A small corpus: names after titles and verbs, places after في, bodies after حزب.
    static let corpus = """
        قال O
        الرئيس O
        سامر B-PERS
        نعيمي I-PERS
        في O
        طرابلس B-LOC
        . O

        وصل O
        سامر B-PERS
        نعيمي I-PERS
        إلى O
        حلب B-LOC
        . O

        أعلن O
        حزب B-ORG
        النور I-ORG
        تأييده O
        . O

        زار O
        كريم B-PERS
        حداد I-PERS
        مدينة O
        حلب B-LOC
        . O

        قال O
        كريم B-PERS
        حداد I-PERS
        إن O
        حزب B-ORG
        النور I-ORG
        قوي O
        . O

        وعاد O
        الوفد O
        إلى O
        طرابلس B-LOC
        . O
        """

    static let sentences = try! CoNLL.parse(corpus)

    @Test func aTinyTrainingRunLearns() {
        var options = NERTrainer.Options()
        options.epochs = 10
        var reports = [NERTrainer.Epoch]()
        let model = NERTrainer(resources: EntityResources(), options: options).train(Self.sentences, dev: Self.sentences) { reports.append($0) }
        #expect(reports.count == 10)
        #expect(reports.last?.mistakes == 0)
        #expect(reports.last?.dev?.overall.f1 == 1)
        let tagger = NERTagger(model: model, resources: EntityResources())
        #expect(tagger.evaluate(Self.sentences).overall.f1 == 1)
        // Known names in a sentence never seen.
        #expect(tagger.tag(tokens: ["وصل", "كريم", "حداد", "إلى", "طرابلس", "."]) == ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"])
    }

    @Test func trainingIsReproducible() {
        let a = NERTrainer(resources: EntityResources()).train(Self.sentences).serialized()
        let b = NERTrainer(resources: EntityResources()).train(Self.sentences).serialized()
        #expect(a == b)
    }

    @Test func aModelSurvivesTheFile() throws {
        let model = NERTrainer(resources: EntityResources()).train(Self.sentences)
        let bytes = model.serialized()
        let back = try NERModel(serialized: bytes)
        #expect(back.featureCount == model.featureCount)
        let tokens = ["قال", "سامر", "نعيمي", "في", "حلب"]
        #expect(NERTagger(model: back, resources: EntityResources()).tag(tokens: tokens)
            == NERTagger(model: model, resources: EntityResources()).tag(tokens: tokens))
        #expect(throws: NERModelError.self) { try NERModel(serialized: Array(bytes.prefix(bytes.count / 2))) }
        #expect(throws: NERModelError.self) { try NERModel(serialized: Array("not a model".utf8)) }
        #expect(throws: NERModelError.self) { try NERModel(serialized: []) }
    }

    @Test func packedWeightsTagAsTheRowsDo() throws {
        // The bundled models are read into the decoder's packed table; the same weights as plain rows
        // (the path of a model trained in memory) must give the same tags, token for token.
        let shipped = try NERTagger.bundled()
        func rows(_ model: NERModel) -> NERModel {
            NERModel(keys: model.keys, weights: model.weights, transitions: model.transitions, start: model.start)
        }
        #expect(shipped.model.packed != nil && rows(shipped.model).packed == nil)
        let unpacked = NERTagger(model: rows(shipped.model), documentModel: shipped.documentModel.map(rows), resources: shipped.resources)
        let sentences = [
            ["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "إن", "وزارة", "الخارجية", "ستصدر", "بيانا", "."],
            ["وأكد", "بوتين", "أن", "شركة", "غازبروم", "ستواصل", "الضخ", "إلى", "أوروبا", "عبر", "أوكرانيا", "."],
            ["التقى", "محمد", "بن", "راشد", "آل", "مكتوم", "الأمين", "العام", "للأمم", "المتحدة", "في", "دبي", "."],
        ]
        #expect(shipped.tag(sentences: sentences, window: nil) == unpacked.tag(sentences: sentences, window: nil))
        #expect(shipped.tag(sentences: sentences, window: 1) == unpacked.tag(sentences: sentences, window: 1))
    }

    /// The paired table's filter passes every key of both models and stops most others.
    @Test func pairedWeightsFilterKeepsEveryKey() throws {
        let shipped = try NERTagger.bundled()
        let paired = try #require(shipped.paired)
        var keys = [UInt64]()
        for model in [shipped.model, try #require(shipped.documentModel)] {
            try #require(model.packed).forEachSlot { key, _ in keys.append(key) }
        }
        #expect(keys.count > 1_000)
        #expect(keys.allSatisfy(paired.mayContain))
        var state: UInt64 = 42
        var passed = 0
        for _ in 0..<100_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            if paired.mayContain(PackedWeights.stored(state)) { passed += 1 }
        }
        #expect(passed < 10_000)
    }

    /// The paired table's sums (filtered, eight tags at a time) are bit for bit those of each
    /// model's own table, over features both models hold, one holds, and neither.
    @Test func pairedSumsEqualEachModelsSums() throws {
        let shipped = try NERTagger.bundled()
        let paired = try #require(shipped.paired)
        let first = try #require(shipped.model.packed), second = try #require(shipped.documentModel?.packed)
        var known = [UInt64]()
        first.forEachSlot { key, _ in if known.count < 3_000 { known.append(key) } }
        second.forEachSlot { key, _ in if known.count < 6_000 { known.append(key) } }
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        // 40 tokens of 0 to 30 features each, two in three known.
        var features = [UInt64](), offsets: [Int32] = [0]
        for _ in 0..<40 {
            for _ in 0..<Int(next() >> 59) { features.append(next() % 3 == 0 ? next() : known[Int(next() >> 33) % known.count]) }
            offsets.append(Int32(features.count))
        }
        let T = paired.tagCount, tokens = offsets.count - 1
        var a = [Float](repeating: 0.25, count: tokens * T), b = [Float](repeating: -0.5, count: tokens * T)
        var expectedA = a, expectedB = b
        let lookup = PackedWeights.Lookup(first, capacity: features.count, tokens: tokens)
        let lookupB = PackedWeights.Lookup(second, capacity: features.count, tokens: tokens)
        defer { lookup.deallocate(); lookupB.deallocate() }
        features.withUnsafeBufferPointer { own in
            offsets.withUnsafeBufferPointer { ownOffsets in
                paired.add(sentence: 0..<tokens, own: own, ownOffsets: ownOffsets, scratch: lookup, first: &a, second: &b)
                lookup.add(sentence: 0..<tokens, own: own, ownOffsets: ownOffsets, context: own, contextOffsets: ownOffsets, contextBase: nil, to: &expectedA)
                lookupB.add(sentence: 0..<tokens, own: own, ownOffsets: ownOffsets, context: own, contextOffsets: ownOffsets, contextBase: nil, to: &expectedB)
            }
        }
        #expect(a.map(\.bitPattern) == expectedA.map(\.bitPattern))
        #expect(b.map(\.bitPattern) == expectedB.map(\.bitPattern))
        #expect(a != [Float](repeating: 0.25, count: tokens * T))
    }

    @Test func twoPassTrainingLearnsAndIsReproducible() {
        var options = NERTrainer.Options()
        options.epochs = 8
        let trainer = NERTrainer(resources: EntityResources(), options: options)
        let (first, document) = trainer.trainTwoPass(Self.sentences, folds: 3, window: 2)
        let again = trainer.trainTwoPass(Self.sentences, folds: 3, window: 2)
        #expect(document.serialized() == again.document.serialized())
        #expect(document.featureCount > 0)
        let tagger = NERTagger(model: first, documentModel: document, resources: EntityResources())
        #expect(tagger.evaluate(Self.sentences, window: 2).overall.f1 > 0.9)
        let tokens = ["وصل", "كريم", "حداد", "إلى", "طرابلس", "."]
        #expect(tagger.tag(tokens: tokens).count == tokens.count)
        #expect(tagger.tag(sentences: [tokens, [], tokens], window: nil).map(\.count) == [6, 0, 6])
    }

    @Test func documentContextSeesOtherOccurrencesWithinTheWindow() {
        // Three one-word sentences of the same word; the first pass tagged the first as a person.
        let words: [UInt64] = [42, 42, 42]
        let tags: [UInt8] = [1, 0, 0]
        let sentences = [0..<1, 1..<2, 2..<3]
        func features(_ i: Int, _ c: DocumentContext) -> Set<UInt64> {
            Set(c.features[Int(c.offsets[i])..<Int(c.offsets[i + 1])])
        }
        let near = DocumentContext(words: words, isWord: [true, true, true], tags: tags, sentences: sentences, window: 1)
        let all = DocumentContext(words: words, isWord: [true, true, true], tags: tags, sentences: sentences, window: nil)
        let seenAsPerson = NERFeatures.f(DocumentContext.T.count, 1 << 4 | 1)
        let previousWasPerson = NERFeatures.f(DocumentContext.T.previousOccurrence, 1)
        #expect(features(1, near).contains(seenAsPerson))
        #expect(features(1, near).contains(previousWasPerson))
        #expect(!features(2, near).contains(seenAsPerson))  // two sentences away
        #expect(features(2, all).contains(seenAsPerson))
        #expect(!features(0, all).contains(seenAsPerson))  // its own label does not count
        #expect(near.offsets.count == 4)
    }

    @Test func viterbiNeverContinuesWhatDidNotBegin() {
        var rng = SplitMix64(seed: 3)
        let T = NERTags.count
        for n in [1, 2, 7, 40] {
            var e = (0..<(n * T)).map { _ in Float(rng.next() % 1000) / 100 }
            for i in 0..<n { e[i * T + 2] += 50 }  // I-PERS scores best everywhere
            let transitions = [Float](repeating: 0, count: T * T), start = [Float](repeating: 0, count: T)
            var back = [UInt8](repeating: 0, count: n * T), out = [UInt8](repeating: 0, count: n)
            Viterbi.best(emissions: e, count: n, transitions: transitions, start: start, back: &back, into: &out)
            for i in 0..<n {
                let previous = i == 0 ? 0 : Int(out[i - 1])
                #expect(NERTags.allowed(previous, Int(out[i])))
            }
        }
    }

    @Test func tagNamesRoundTrip() {
        for code in 0..<UInt8(NERTags.count) { #expect(NERTags.code(NERTags.name(code)) == code) }
        #expect(NERTags.code("B-DATE") == nil)
    }

    @Test func nameJoinersKeepANameWhole() {
        // The joiner rule acts on the decoder's output, whatever the weights.
        let tagger = NERTagger(model: NERTrainer(resources: EntityResources()).train(Self.sentences), resources: EntityResources())
        let tokens = ["قال", "راشد", "بن", "حمد", "آل", "فاضل"]
        let table = TokenTable(tokens: tokens)
        var tags: [UInt8] = [0, 1, 2, 1, 0, 0]
        let flags = [UInt32](repeating: 0, count: tokens.count)
        flags.withUnsafeBufferPointer { tagger.joinNameParts(&tags, 0..<tokens.count, table, flags: $0) }
        #expect(tags == [0, 1, 2, 2, 2, 2])
    }
}

@Suite("Word classes")
struct WordClusterTests {
    @Test func buildAndRoundTrip() throws {
        var options = ClusterBuilder.Options()
        options.minimumCount = 2
        options.classes = [4, 2, 1]
        options.dimensions = 16
        options.iterations = 3
        var builder = ClusterBuilder(options: options)
        for _ in 0..<5 {
            builder.add("زار الرئيس مدينة حلب ثم مدينة حمص وقال الوزير إن مدينة طرابلس هادئة")
        }
        let clusters = builder.build()
        #expect(clusters.count > 5)
        let back = try WordClusters(serialized: clusters.serialized())
        #expect(back.count == clusters.count)
        let key = FNV1a64.hash(Array(Normalizer.search.normalize("مدينة").utf8))
        let row = try #require(back.row(key))
        #expect(back.level(2, row: row) == 0)
        #expect(throws: NERModelError.self) { try WordClusters(serialized: Array("MCLZ".utf8)) }
    }
}

@Suite("The shipped model")
struct ShippedModelTests {
    static let tagger: NERTagger = { try! NERTagger.bundled() }()

    @Test func shipsBothPasses() {
        #expect(Self.tagger.documentModel != nil)
    }

    @Test func loadsAndTagsAComposedSentence() {
        let tokens = ["والتقى", "الرئيس", "المصري", "عبد", "الفتاح", "السيسي", "في", "القاهرة", "وفدا", "من", "الاتحاد", "الأوروبي", "."]
        let tags = Self.tagger.tag(tokens: tokens)
        #expect(tags[3...5] == ["B-PERS", "I-PERS", "I-PERS"])
        #expect(tags[7] == "B-LOC")
        #expect(tags[10...11] == ["B-ORG", "I-ORG"])
        #expect(tags[0] == "O" && tags[1] == "O")
    }

    @Test func tagsNamesItHasNeverListed() {
        let tokens = ["وقال", "المتحدث", "باسم", "الحزب", "مازن", "العبيدي", "إن", "الانتخابات", "ستجري", "في", "موعدها", "."]
        let tags = Self.tagger.tag(tokens: tokens)
        #expect(tags[4] == "B-PERS")
        #expect(tags[5] == "I-PERS")
    }

    @Test func badTokensGiveOneTagEach() {
        let tokens = ["", String(repeating: "ب", count: 100_000), "\u{FFFD}", "((((", "موسكو"]
        #expect(Self.tagger.tag(tokens: tokens).count == tokens.count)
        #expect(Self.tagger.tag(tokens: []).isEmpty)
    }

    static let anercorp = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/corpus/ner/anercorp/train.txt").standardized

    /// The figure the README and the model's sidecar report, checked against the data when it is here.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: anercorp.path)))
    func developmentSplitScore() throws {
        let text = try String(contentsOf: Self.anercorp, encoding: .utf8)
        let (_, dev) = CoNLL.split(try CoNLL.parse(text), devFraction: 0.1, strategy: .tail)
        let score = Self.tagger.evaluate(dev)
        #expect(score.overall.f1 > 0.74)
    }
}
