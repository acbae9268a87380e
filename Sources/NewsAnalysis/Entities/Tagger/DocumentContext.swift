/// Non-local features for the tagger's second pass: what the first pass made of the same word
/// elsewhere in the document (stacking, as in Krishnan & Manning 2006).
///
/// A name is usually written in full once and then shortened, or tagged confidently in one sentence
/// and hesitantly in another; the first pass's labels of every other occurrence of a word (its
/// `.search` form less proclitics) in the document, and of its neighbours, let the second pass make
/// the occurrences agree. Per token: its own first-pass tag and its neighbours', the counts of each tag
/// on the word's other occurrences, the majority type and its share, and the tags of the word's
/// previous and next occurrences.
///
/// The document is either the whole text (an article: every field) or, for a CoNLL file whose
/// document boundaries are not marked, the sentences within `window` sentences either side.
struct DocumentContext {
    /// Feature hashes, per token of the stream: `features[offsets[i]..<offsets[i + 1]]`.
    private(set) var features: [UInt64] = []
    private(set) var offsets: [Int32] = [0]

    static let none: UInt64 = 15

    enum T {
        static let own: UInt64 = 200
        static let ownPrev: UInt64 = 201
        static let ownNext: UInt64 = 202
        static let ownTrigram: UInt64 = 203
        static let count: UInt64 = 204
        static let unseen: UInt64 = 205
        static let majority: UInt64 = 206
        static let previousOccurrence: UInt64 = 207
        static let nextOccurrence: UInt64 = 208
        static let majorityPrev: UInt64 = 209
        static let majorityNext: UInt64 = 210
        static let ownWord: UInt64 = 211
    }

    /// - Parameters:
    ///   - words: the stripped-form hash of every token of the stream (``NERFeatures/Values/stripped``).
    ///   - isWord: whether each token is a word (punctuation and numbers get no document features).
    ///   - tags: the first pass's tag codes.
    ///   - sentences: the stream's sentences, in order, covering it.
    ///   - window: sentences either side that count as the document; nil for all.
    /// - Complexity: O(tokens) expected.
    init(words: [UInt64], isWord: [Bool], tags: [UInt8], sentences: [Range<Int>], window: Int?) {
        let n = words.count
        let K = NERTags.count
        var ids = HashIndex(capacity: max(16, n))
        var id = [Int32](repeating: 0, count: n)
        var distinct = 0
        for i in 0..<n {
            id[i] = ids.insertIfAbsent(words[i], Int32(distinct))
            if id[i] == Int32(distinct) { distinct += 1 }
        }
        // Sentence of each token, for the window.
        var sentenceOf = [Int32](repeating: 0, count: n)
        for (s, r) in sentences.enumerated() { for i in r { sentenceOf[i] = Int32(s) } }
        let w = window ?? Int.max / 4

        // Previous and next occurrence, within the window.
        var previous = [UInt8](repeating: UInt8(Self.none), count: n)
        var next = [UInt8](repeating: UInt8(Self.none), count: n)
        var last = [Int32](repeating: -1, count: distinct)
        for i in 0..<n where isWord[i] {
            let p = last[Int(id[i])]
            if p >= 0, Int(sentenceOf[i] - sentenceOf[Int(p)]) <= w { previous[i] = tags[Int(p)] }
            last[Int(id[i])] = Int32(i)
        }
        for k in 0..<distinct { last[k] = -1 }
        for i in stride(from: n - 1, through: 0, by: -1) where isWord[i] {
            let q = last[Int(id[i])]
            if q >= 0, Int(sentenceOf[Int(q)] - sentenceOf[i]) <= w { next[i] = tags[Int(q)] }
            last[Int(id[i])] = Int32(i)
        }

        // Tag counts per word over the window, slid sentence by sentence.
        var counts = [Int32](repeating: 0, count: distinct * K)
        func add(_ s: Int, _ d: Int32) {
            guard s >= 0, s < sentences.count else { return }
            for i in sentences[s] where isWord[i] { counts[Int(id[i]) * K + Int(tags[i])] += d }
        }
        if window == nil {
            for s in sentences.indices { add(s, 1) }
        } else {
            for s in 0..<min(w + 1, sentences.count) { add(s, 1) }
        }
        // Majority type (0 for O, 1 + type) and share bucket of each token's word, for neighbours.
        var majority = [UInt64](repeating: 0, count: n)
        var types = [Int32](repeating: 0, count: NERTags.types.count + 1)

        features.reserveCapacity(n * 12)
        offsets.reserveCapacity(n + 1)
        for (s, r) in sentences.enumerated() {
            if window != nil, s > 0 {
                add(s - 1 - w, -1)
                add(s + w, 1)
            }
            for i in r where isWord[i] {
                var total: Int32 = 0
                for t in 0..<types.count { types[t] = 0 }
                for k in 0..<K {
                    let m = counts[Int(id[i]) * K + k] - (Int(tags[i]) == k ? 1 : 0)
                    total += m
                    types[k == 0 ? 0 : 1 + NERTags.type(k)] += m
                }
                if total == 0 { majority[i] = Self.none; continue }
                var best = 0
                for t in 1..<types.count where types[t] > types[best] { best = t }
                let share = Double(types[best]) / Double(total)
                majority[i] = UInt64(best) << 4 | (share < 0.5 ? 0 : share < 0.8 ? 1 : share < 1 ? 2 : 3)
            }
            // The features of the sentence, now that its window is counted.
            for i in r {
                let c = UInt64(tags[i])
                let p = i > r.lowerBound ? UInt64(tags[i - 1]) : Self.none
                let q = i + 1 < r.upperBound ? UInt64(tags[i + 1]) : Self.none
                features.append(NERFeatures.f(T.own, c))
                features.append(NERFeatures.f(T.ownPrev, p))
                features.append(NERFeatures.f(T.ownNext, q))
                features.append(NERFeatures.f(T.ownTrigram, p << 8 | c << 4 | q))
                if isWord[i] {
                    features.append(NERFeatures.f(T.ownWord, NameHash.combine(words[i], c)))
                    var total: Int32 = 0
                    for k in 0..<K {
                        let m = counts[Int(id[i]) * K + k] - (Int(tags[i]) == k ? 1 : 0)
                        total += m
                        if m > 0 { features.append(NERFeatures.f(T.count, UInt64(k) << 4 | UInt64(min(m, 3)))) }
                    }
                    if total == 0 { features.append(NERFeatures.f(T.unseen, 0)) }
                    features.append(NERFeatures.f(T.majority, majority[i]))
                    features.append(NERFeatures.f(T.previousOccurrence, UInt64(previous[i])))
                    features.append(NERFeatures.f(T.nextOccurrence, UInt64(next[i])))
                }
                let mp = i > r.lowerBound && isWord[i - 1] ? majority[i - 1] : Self.none << 8
                let mn = i + 1 < r.upperBound && isWord[i + 1] ? majority[i + 1] : Self.none << 8
                features.append(NERFeatures.f(T.majorityPrev, mp))
                features.append(NERFeatures.f(T.majorityNext, mn))
                offsets.append(Int32(features.count))
            }
        }
    }
}
