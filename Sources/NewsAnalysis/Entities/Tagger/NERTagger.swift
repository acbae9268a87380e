import ArabicText

/// The statistical part of entity recognition: an averaged perceptron over BIO tags, decoded with
/// Viterbi (see ``NERTrainer`` for why).
///
/// ```swift
/// let tagger = try NERTagger.bundled()
/// tagger.tag(tokens: ["قال", "فلاديمير", "بوتين"])  // ["O", "B-PERS", "I-PERS"]
/// ```
public struct NERTagger: Sendable {
    public let model: NERModel
    public let resources: EntityResources
    let features = NERFeatures()

    public init(model: NERModel, resources: EntityResources) {
        self.model = model
        self.resources = resources
    }

    /// The bundled model with the bundled gazetteers and cues.
    public static func bundled() throws -> NERTagger {
        NERTagger(model: try NERModel.bundled(), resources: try EntityResources.bundled())
    }

    /// Tags one tokenized sentence, as in a CoNLL file.
    ///
    /// - Returns: one BIO tag name per token (`O`, `B-PERS`, `I-LOC`…).
    /// - Complexity: O(tokens).
    public func tag(tokens: [String]) -> [String] {
        let table = TokenTable(tokens: tokens)
        let annotations = Annotations(table, resources: resources)
        return tag(table, annotations: annotations, sentences: [0..<table.count]).map(NERTags.name)
    }

    /// Tag codes for every token of `t`, decoding each sentence on its own.
    func tag(_ t: TokenTable, annotations: Annotations, sentences: [Range<Int>]) -> [UInt8] {
        var tags = [UInt8](repeating: 0, count: t.count)
        guard t.count > 0 else { return tags }
        let values = features.values(t, clusters: resources.clusters, priors: resources.priors)
        let T = NERTags.count
        let longest = sentences.map(\.count).max() ?? 0
        var emissions = [Float](repeating: 0, count: longest * T)
        var back = [UInt8](repeating: 0, count: longest * T)
        var feats = [UInt64]()
        feats.reserveCapacity(128)
        values.withUnsafeBufferPointer { values in
            annotations.flags.withUnsafeBufferPointer { flags in
                model.weights.withUnsafeBufferPointer { w in
                    for sentence in sentences where !sentence.isEmpty {
                        emissions.withUnsafeMutableBufferPointer { e in
                            for k in 0..<(sentence.count * T) { e[k] = 0 }
                            for (k, i) in sentence.enumerated() {
                                feats.removeAll(keepingCapacity: true)
                                features.features(at: i, in: sentence, values: values, flags: flags, into: &feats)
                                for f in feats {
                                    guard let row = model.index.find(f) else { continue }
                                    let base = Int(row) * T
                                    for tag in 0..<T { e[k * T + tag] += w[base + tag] }
                                }
                            }
                        }
                        emissions.withUnsafeBufferPointer { e in
                            model.transitions.withUnsafeBufferPointer { tr in
                                model.start.withUnsafeBufferPointer { st in
                                    back.withUnsafeMutableBufferPointer { b in
                                        tags.withUnsafeMutableBufferPointer { out in
                                            Viterbi.best(emissions: e.baseAddress!, count: sentence.count, transitions: tr.baseAddress!,
                                                         start: st.baseAddress!, back: b.baseAddress!, into: out.baseAddress! + sentence.lowerBound)
                                        }
                                        joinNameParts(&tags, sentence, t, flags: flags)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return tags
    }
}

extension NERTagger {
    static let person = UInt8(1 + 2 * NERTags.types.firstIndex(of: "PERS")!)
    /// Words that join the parts of an Arabic name (محمد بن راشد آل مكتوم), as `.search` forms.
    static let nameJoiners: [[UInt8]] = ["بن", "بنت", "ابن", "ابو", "ابي", "ام", "عبد", "ال"].map { Array($0.utf8) }

    /// A person's name does not stop at بن, أبو or عبد, nor before آل X: the tags after such a word are
    /// made to continue the name. The decoder alone splits «راشد بن | محمد بن راشد».
    func joinNameParts(_ tags: inout [UInt8], _ sentence: Range<Int>, _ t: TokenTable, flags: UnsafeBufferPointer<UInt32>) {
        let b = Self.person, inside = Self.person + 1
        t.search.withUnsafeBufferPointer { search in
            func isJoiner(_ i: Int) -> Bool {
                let form = UnsafeBufferPointer(rebasing: search[t.formRange(i)])
                return Self.nameJoiners.contains { $0.elementsEqual(form) }
            }
            func isNamePart(_ i: Int) -> Bool { t.isWord(i) && flags[i] & Annotations.stopword == 0 }
            var i = sentence.lowerBound
            while i + 1 < sentence.upperBound {
                let inName = tags[i] == b || tags[i] == inside
                if inName, isJoiner(i), isNamePart(i + 1), tags[i + 1] == b || tags[i + 1] == 0 {
                    tags[i + 1] = inside
                } else if inName, tags[i + 1] == 0, i + 2 < sentence.upperBound, isJoiner(i + 1), t.kinds[i + 1] == .arabicWord,
                          Clitics.letters(UnsafeBufferPointer(rebasing: search[t.formRange(i + 1)])) == 2, isNamePart(i + 2) {
                    // آل + family name after a name.
                    tags[i + 1] = inside
                    if tags[i + 2] == 0 || tags[i + 2] == b { tags[i + 2] = inside }
                }
                i += 1
            }
        }
    }
}

extension TokenTable {
    /// Sentences for the tagger: a sentence ends after . ! ? ؟ or …, and is cut at 200 tokens.
    func sentences() -> [Range<Int>] {
        var result = [Range<Int>]()
        var start = 0
        search.withUnsafeBufferPointer { search in
            for i in 0..<count {
                var ends = i - start + 1 >= 200
                if kinds[i] == .punctuation {
                    let form = UnsafeBufferPointer(rebasing: search[formRange(i)])
                    ends = ends || Self.isSentenceEnd(form)
                }
                if ends {
                    result.append(start..<(i + 1))
                    start = i + 1
                }
            }
        }
        if start < count { result.append(start..<count) }
        return result
    }

    static let sentenceEnds: [[UInt8]] = [".", "!", "?", "؟", "…", "...", "۔"].map { Array($0.utf8) }

    static func isSentenceEnd(_ form: UnsafeBufferPointer<UInt8>) -> Bool {
        sentenceEnds.contains { $0.elementsEqual(form) }
    }
}

extension NERTagger {
    /// Tags every sentence and scores the result against the sentences' own tags.
    ///
    /// - Complexity: O(total tokens).
    public func evaluate(_ sentences: [CoNLLSentence]) -> NERScore {
        var score = NERScore()
        for sentence in sentences { score.add(gold: sentence.tags, predicted: tag(tokens: sentence.tokens)) }
        return score
    }
}
