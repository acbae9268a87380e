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
    /// The second pass, which also reads the first pass's labels of the whole document
    /// (``DocumentContext``); nil to tag with `model` alone.
    public let documentModel: NERModel?
    public let resources: EntityResources
    let features = NERFeatures()
    /// Both models' packed weights under one key, when both were read from files.
    let paired: PairedWeights?

    public init(model: NERModel, documentModel: NERModel? = nil, resources: EntityResources) {
        self.model = model
        self.documentModel = documentModel
        self.resources = resources
        if let first = model.packed, let second = documentModel?.packed {
            paired = PairedWeights(first, second)
        } else {
            paired = nil
        }
    }

    /// The bundled models with the bundled gazetteers and cues.
    public static func bundled() throws -> NERTagger {
        NERTagger(model: try NERModel.bundled(), documentModel: try NERModel.bundledDocument(), resources: try EntityResources.bundled())
    }

    /// Tags one tokenized sentence, as in a CoNLL file (the sentence is its own document).
    ///
    /// - Returns: one BIO tag name per token (`O`, `B-PERS`, `I-LOC`…).
    /// - Complexity: O(tokens).
    public func tag(tokens: [String]) -> [String] {
        tag(sentences: [tokens], window: 0)[0]
    }

    /// Tags consecutive sentences of a CoNLL file, each with the sentences within `window` either side
    /// as its document (nil: all of them).
    ///
    /// - Complexity: O(total tokens).
    public func tag(sentences: [[String]], window: Int?) -> [[String]] {
        tag(sentences.map(part), window: window).map { $0.map(NERTags.name) }
    }

    /// A CoNLL sentence as a part of a document.
    func part(_ tokens: [String]) -> Part {
        let table = TokenTable(tokens: tokens)
        return Part(table: table, annotations: Annotations(table, resources: resources), sentences: [0..<table.count])
    }

    /// One text of a document: its tokens, their annotations and its sentences.
    struct Part {
        var table: TokenTable
        var annotations: Annotations
        var sentences: [Range<Int>]
    }

    /// Tag codes for every token of `t`, a document on its own.
    func tag(_ t: TokenTable, annotations: Annotations, sentences: [Range<Int>]) -> [UInt8] {
        tag([Part(table: t, annotations: annotations, sentences: sentences)], window: nil)[0]
    }

    /// Tag codes for every token of each part: the first pass decodes each sentence on its own; the
    /// second, if any, reads the first pass's labels over the document (`window` sentences either side,
    /// or all).
    func tag(_ parts: [Part], window: Int?) -> [[UInt8]] {
        let values = parts.map { features.values($0.table, clusters: resources.clusters, priors: resources.priors) }
        // Feature hashes are computed once, for both passes.
        let hashed = parts.indices.map { k in hashes(parts[k], values: values[k]) }
        // With both models packed, the first pass also sums the document model's own-feature weights
        // (``PairedWeights``), and the second pass adds only its document features to them.
        let pairing = paired != nil && documentModel != nil
        var secondOwn = parts.map { [Float](repeating: 0, count: pairing ? $0.table.count * NERTags.count : 0) }
        var tags = parts.indices.map { k in
            secondOwn[k].withUnsafeMutableBufferPointer { decode(model, parts[k], hashed[k], context: nil, base: 0, secondOwn: pairing ? $0 : nil) }
        }
        guard let documentModel else { return tags }
        let context = Self.context(parts, values: values, tags: tags, window: window)
        var base = 0
        for k in parts.indices {
            tags[k] = decode(documentModel, parts[k], hashed[k], context: context, base: base, ownSums: pairing ? secondOwn[k] : nil)
            base += parts[k].table.count
        }
        return tags
    }

    /// The feature hashes of every token of a part: `features[offsets[i]..<offsets[i + 1]]`.
    struct Hashed {
        var features: [UInt64] = []
        var offsets: [Int32] = [0]
    }

    func hashes(_ part: Part, values: [NERFeatures.Values]) -> Hashed {
        var out = Hashed()
        out.features.reserveCapacity(part.table.count * 64)
        out.offsets.reserveCapacity(part.table.count + 1)
        values.withUnsafeBufferPointer { values in
            part.annotations.flags.withUnsafeBufferPointer { flags in
                var covered = 0
                for sentence in part.sentences + [part.sentences.last.map { $0.upperBound..<part.table.count } ?? 0..<part.table.count] {
                    // Tokens outside every sentence (none, with table.sentences()) get no features.
                    while covered < sentence.lowerBound { out.offsets.append(Int32(out.features.count)); covered += 1 }
                    for i in sentence where i >= covered {
                        features.features(at: i, in: sentence, values: values, flags: flags, into: &out.features)
                        out.offsets.append(Int32(out.features.count))
                        covered = i + 1
                    }
                }
            }
        }
        return out
    }

    /// The document features of the parts' tokens, in one stream.
    static func context(_ parts: [Part], values: [[NERFeatures.Values]]?, tags: [[UInt8]], window: Int?) -> DocumentContext {
        let values = values ?? parts.map { NERFeatures().values($0.table, clusters: nil) }
        var words = [UInt64](), isWord = [Bool](), flat = [UInt8](), sentences = [Range<Int>]()
        for (k, part) in parts.enumerated() {
            let base = words.count
            for i in 0..<part.table.count {
                words.append(values[k][i].stripped)
                isWord.append(part.table.isWord(i))
            }
            flat.append(contentsOf: tags[k])
            var covered = 0
            for r in part.sentences {
                if r.lowerBound > covered { sentences.append((base + covered)..<(base + r.lowerBound)) }
                sentences.append((base + r.lowerBound)..<(base + r.upperBound))
                covered = r.upperBound
            }
            if covered < part.table.count { sentences.append((base + covered)..<(base + part.table.count)) }
        }
        return DocumentContext(words: words, isWord: isWord, tags: flat, sentences: sentences, window: window)
    }

    /// Decodes each sentence of a part with `model`; `context` (from token `base` of its stream) adds
    /// the document features.
    ///
    /// With `secondOwn` (the first pass, both models packed), the document model's own-feature sums
    /// of the part's tokens are written there too; with `ownSums` (the second pass), rows start from
    /// those sums and only the document features are looked up.
    func decode(
        _ model: NERModel, _ part: Part, _ hashed: Hashed, context: DocumentContext?, base: Int,
        secondOwn: UnsafeMutableBufferPointer<Float>? = nil, ownSums: [Float]? = nil
    ) -> [UInt8] {
        let t = part.table, sentences = part.sentences
        var tags = [UInt8](repeating: 0, count: t.count)
        guard t.count > 0 else { return tags }
        let T = NERTags.count
        let longest = sentences.map(\.count).max() ?? 0
        var emissions = [Float](repeating: 0, count: longest * T)
        var back = [UInt8](repeating: 0, count: longest * T)
        // A model read from a file is read through its packed table; one trained in memory through its rows.
        let lookup = model.packed.map { PackedWeights.Lookup($0, capacity: Self.widest(sentences, hashed, context: context, base: base), tokens: longest) }
        let noOwnFeatures = [Int32](repeating: 0, count: ownSums == nil ? 0 : t.count + 1)
        defer { lookup?.deallocate() }
        hashed.features.withUnsafeBufferPointer { hashes in
            part.annotations.flags.withUnsafeBufferPointer { flags in
                model.weights.withUnsafeBufferPointer { w in
                    @inline(__always) func add(_ f: UInt64, _ e: UnsafeMutableBufferPointer<Float>, _ k: Int) {
                        guard let row = model.index.find(f) else { return }
                        let r = Int(row) * T
                        for tag in 0..<T { e[k * T + tag] += w[r + tag] }
                    }
                    for sentence in sentences where !sentence.isEmpty {
                        emissions.withUnsafeMutableBufferPointer { e in
                            if let ownSums {
                                for k in 0..<(sentence.count * T) { e[k] = ownSums[sentence.lowerBound * T + k] }
                            } else {
                                for k in 0..<(sentence.count * T) { e[k] = 0 }
                            }
                            if let lookup, let paired, let secondOwn {
                                hashed.offsets.withUnsafeBufferPointer { offsets in
                                    paired.add(sentence: sentence, own: hashes, ownOffsets: offsets, scratch: lookup,
                                               first: e.baseAddress!, second: secondOwn.baseAddress! + sentence.lowerBound * T)
                                }
                                return
                            }
                            if let lookup, ownSums != nil {
                                // The own features are in the rows already: an empty own range per token.
                                noOwnFeatures.withUnsafeBufferPointer { none in
                                    (context?.features ?? []).withUnsafeBufferPointer { contextFeatures in
                                        (context?.offsets ?? []).withUnsafeBufferPointer { contextOffsets in
                                            lookup.add(sentence: sentence, own: hashes, ownOffsets: none, context: contextFeatures,
                                                       contextOffsets: contextOffsets, contextBase: context == nil ? nil : base, to: e.baseAddress!)
                                        }
                                    }
                                }
                                return
                            }
                            if let lookup {
                                hashed.offsets.withUnsafeBufferPointer { offsets in
                                    (context?.features ?? []).withUnsafeBufferPointer { contextFeatures in
                                        (context?.offsets ?? []).withUnsafeBufferPointer { contextOffsets in
                                            lookup.add(sentence: sentence, own: hashes, ownOffsets: offsets, context: contextFeatures,
                                                       contextOffsets: contextOffsets, contextBase: context == nil ? nil : base, to: e.baseAddress!)
                                        }
                                    }
                                }
                                return
                            }
                            for (k, i) in sentence.enumerated() {
                                for j in Int(hashed.offsets[i])..<Int(hashed.offsets[i + 1]) { add(hashes[j], e, k) }
                                if let context {
                                    for j in Int(context.offsets[base + i])..<Int(context.offsets[base + i + 1]) { add(context.features[j], e, k) }
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
    /// The most features of any one sentence of a part, in `hashed` and `context` together.
    static func widest(_ sentences: [Range<Int>], _ hashed: Hashed, context: DocumentContext?, base: Int) -> Int {
        var widest = 0
        for sentence in sentences where !sentence.isEmpty {
            var n = Int(hashed.offsets[sentence.upperBound] - hashed.offsets[sentence.lowerBound])
            if let context { n += Int(context.offsets[base + sentence.upperBound] - context.offsets[base + sentence.lowerBound]) }
            widest = max(widest, n)
        }
        return widest
    }

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
    public func evaluate(_ sentences: [CoNLLSentence], window: Int? = NERTagger.conllWindow) -> NERScore {
        var score = NERScore()
        for (sentence, predicted) in zip(sentences, tag(sentences: sentences.map(\.tokens), window: window)) {
            score.add(gold: sentence.tags, predicted: predicted)
        }
        return score
    }

    /// The document of a CoNLL sentence, whose file does not mark documents: the sentences this many
    /// either side.
    public static let conllWindow: Int? = 10
}
