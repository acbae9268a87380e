import Foundation
import ArabicText
import StableHash

/// Builds ``WordClusters`` from unlabelled text: each frequent word gets a vector of its neighbours
/// two to the left and two to the right (positive PMI over the most frequent context words, with
/// smoothed context counts), projected to a few hundred dimensions with a seeded random matrix, and
/// the vectors are grouped by spherical k-means three times, into fine, middle and coarse classes.
///
/// ```swift
/// var builder = ClusterBuilder()
/// for text in articles { builder.add(text) }
/// let clusters = builder.build()
/// ```
///
/// - Complexity: O(tokens) to add; O(words × classes × dimensions × iterations) to build.
public struct ClusterBuilder {
    public struct Options: Sendable {
        public var vocabulary = 60_000
        public var contexts = 3_000
        public var minimumCount = 5
        public var dimensions = 256
        /// Classes at each level, finest first.
        public var classes = [1024, 256, 64]
        public var iterations = 12
        public var seed: UInt64 = 1
        public init() {}
    }

    public var options: Options
    private var ids = HashIndex(capacity: 1 << 18)
    private var hashes = [UInt64]()
    private var counts = [Int32]()
    /// Every token as a word id; -1 separates texts.
    private var sequence = [Int32]()
    public private(set) var tokens = 0

    public init(options: Options = Options()) { self.options = options }

    /// Adds a text's tokens (punctuation included: it is context).
    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let table = TokenTable(text: bytes)
            table.search.withUnsafeBufferPointer { search in
                for i in 0..<table.count {
                    let word = UnsafeBufferPointer(rebasing: search[table.formRange(i)])
                    let cut = table.isWord(i) ? Clitics.strip(word).cut : 0
                    let h = FNV1a64.hash(UnsafeBufferPointer(rebasing: word[cut...]))
                    let id = ids.insertIfAbsent(h, Int32(hashes.count))
                    if id == Int32(hashes.count) {
                        hashes.append(h)
                        counts.append(0)
                    }
                    counts[Int(id)] += 1
                    sequence.append(id)
                }
            }
            tokens += table.count
        }
        sequence.append(-1)
    }

    /// Clusters the vocabulary; `progress` hears about each stage.
    public func build(progress: (String) -> Void = { _ in }) -> WordClusters {
        let byFrequency = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : hashes[$0] < hashes[$1] }
        let vocabulary = Array(byFrequency.prefix(options.vocabulary).filter { counts[$0] >= Int32(options.minimumCount) })
        let contextWords = Array(byFrequency.prefix(options.contexts))
        var row = [Int32](repeating: -1, count: counts.count)
        for (r, id) in vocabulary.enumerated() { row[id] = Int32(r) }
        var column = [Int32](repeating: -1, count: counts.count)
        for (c, id) in contextWords.enumerated() { column[id] = Int32(c) }
        progress("\(tokens) tokens, \(counts.count) forms, \(vocabulary.count) words to cluster")

        // Co-occurrences as sorted (row, column) pairs; a block of columns for each offset -2, -1, +1, +2.
        let C = contextWords.count
        let offsets = [-2, -1, 1, 2]
        var pairs = [UInt64]()
        pairs.reserveCapacity(sequence.count * offsets.count)
        for i in sequence.indices {
            let w = sequence[i]
            guard w >= 0, row[Int(w)] >= 0 else { continue }
            let r = UInt64(row[Int(w)]) << 32
            for (block, offset) in offsets.enumerated() {
                // Contexts stop at a text's end (-1).
                var j = i, ok = true
                while j != i + offset {
                    j += offset > 0 ? 1 : -1
                    if j < 0 || j >= sequence.count || sequence[j] < 0 { ok = false; break }
                }
                guard ok, column[Int(sequence[j])] >= 0 else { continue }
                pairs.append(r | UInt64(Int(column[Int(sequence[j])]) + block * C))
            }
        }
        pairs.sort()
        progress("\(pairs.count) context pairs")

        // Smoothed context marginals (count^0.75) for PMI.
        var contextTotals = [Double](repeating: 0, count: offsets.count * C)
        var rowTotals = [Double](repeating: 0, count: vocabulary.count)
        var start = 0
        var runs = [(row: Int, column: Int, count: Double)]()
        while start < pairs.count {
            var end = start + 1
            while end < pairs.count && pairs[end] == pairs[start] { end += 1 }
            let r = Int(pairs[start] >> 32), c = Int(pairs[start] & 0xFFFF_FFFF)
            let n = Double(end - start)
            runs.append((r, c, n))
            contextTotals[c] += n
            rowTotals[r] += n
            start = end
        }
        let smoothed = contextTotals.map { pow($0, 0.75) }
        let smoothedTotal = smoothed.reduce(0, +)

        // Random projection of the PPMI rows.
        let D = options.dimensions
        var rng = SplitMix64(seed: options.seed)
        var projection = [Float](repeating: 0, count: offsets.count * C * D)
        for k in projection.indices { projection[k] = rng.next() & 1 == 0 ? -1 : 1 }
        var vectors = [Float](repeating: 0, count: vocabulary.count * D)
        for run in runs where rowTotals[run.row] > 0 && smoothed[run.column] > 0 {
            let pmi = log(run.count / rowTotals[run.row] / (smoothed[run.column] / smoothedTotal))
            guard pmi > 0 else { continue }
            let v = Float(pmi)
            let base = run.row * D, p = run.column * D
            for d in 0..<D { vectors[base + d] += v * projection[p + d] }
        }
        Self.normalizeRows(&vectors, dimensions: D)
        progress("vectors projected to \(D) dimensions")

        var classes = [UInt16](repeating: 0, count: vocabulary.count * WordClusters.levels)
        for (level, k) in options.classes.prefix(WordClusters.levels).enumerated() {
            let result = Self.kmeans(vectors, count: vocabulary.count, dimensions: D, classes: min(k, vocabulary.count),
                                     iterations: options.iterations, rng: &rng) { progress("\(k) classes, pass \($0)") }
            for (i, c) in result.assignment.enumerated() { classes[i * WordClusters.levels + level] = UInt16(c) }
        }
        return WordClusters(keys: vocabulary.map { hashes[$0] }, classes: classes)
    }

    static func normalizeRows(_ v: inout [Float], dimensions D: Int) {
        v.withUnsafeMutableBufferPointer { v in
            for base in stride(from: 0, to: v.count, by: D) {
                var norm: Float = 0
                for d in 0..<D { norm += v[base + d] * v[base + d] }
                let scale = norm > 0 ? 1 / norm.squareRoot() : 0
                for d in 0..<D { v[base + d] *= scale }
            }
        }
    }

    /// Spherical k-means: unit vectors, assignment by largest dot product.
    static func kmeans(
        _ vectors: [Float], count n: Int, dimensions D: Int, classes k: Int, iterations: Int, rng: inout SplitMix64,
        progress: (Int) -> Void
    ) -> (assignment: [Int], centroids: [Float]) {
        guard n > 0, k > 0 else { return ([Int](repeating: 0, count: n), []) }
        var chosen = Array(0..<n)
        chosen.shuffle(using: &rng)
        var centroids = [Float](repeating: 0, count: k * D)
        for c in 0..<k { for d in 0..<D { centroids[c * D + d] = vectors[chosen[c] * D + d] } }
        var assignment = [Int](repeating: 0, count: n)
        for pass in 1...max(1, iterations) {
            vectors.withUnsafeBufferPointer { v in
                centroids.withUnsafeBufferPointer { cs in
                    for i in 0..<n {
                        var best = 0
                        var bestScore = -Float.infinity
                        let x = v.baseAddress! + i * D
                        for c in 0..<k {
                            let y = cs.baseAddress! + c * D
                            var s: Float = 0
                            for d in 0..<D { s += x[d] * y[d] }
                            if s > bestScore { bestScore = s; best = c }
                        }
                        assignment[i] = best
                    }
                }
            }
            var sums = [Float](repeating: 0, count: k * D)
            var sizes = [Int](repeating: 0, count: k)
            for i in 0..<n {
                let c = assignment[i]
                sizes[c] += 1
                for d in 0..<D { sums[c * D + d] += vectors[i * D + d] }
            }
            for c in 0..<k where sizes[c] == 0 {
                // An empty class takes a random word, so that every class stays in use.
                let i = Int(rng.next() % UInt64(n))
                for d in 0..<D { sums[c * D + d] = vectors[i * D + d] }
            }
            normalizeRows(&sums, dimensions: D)
            centroids = sums
            progress(pass)
        }
        return (assignment, centroids)
    }
}
