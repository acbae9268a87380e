/// First-order Viterbi over BIO tags, with ill-formed transitions (O → I-X, B-X → I-Y) ruled out.
enum Viterbi {
    static let tags = NERTags.count

    /// Writes the best tag sequence for `n` tokens, given emission scores (`n × tags`),
    /// transitions (`previous × next`) and start scores.
    ///
    /// - Complexity: O(n × tags²); `back` must hold `n × tags` bytes.
    static func best(
        emissions e: UnsafePointer<Float>, count n: Int, transitions: UnsafePointer<Float>, start: UnsafePointer<Float>,
        back: UnsafeMutablePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>
    ) {
        guard n > 0 else { return }
        let T = tags
        var score = [Float](repeating: 0, count: T), next = [Float](repeating: 0, count: T)
        for t in 0..<T { score[t] = NERTags.isInside(t) ? -.infinity : start[t] + e[t] }
        for i in 1..<max(1, n) {
            for t in 0..<T {
                var bestScore = -Float.infinity
                var bestPrevious = 0
                let inside = NERTags.isInside(t)
                for p in 0..<T where !inside || (p > 0 && (p - 1) / 2 == (t - 1) / 2) {
                    let s = score[p] + transitions[p * T + t]
                    if s > bestScore { bestScore = s; bestPrevious = p }
                }
                next[t] = bestScore + e[i * T + t]
                back[i * T + t] = UInt8(bestPrevious)
            }
            swap(&score, &next)
        }
        var last = 0
        for t in 1..<T where score[t] > score[last] { last = t }
        out[n - 1] = UInt8(last)
        var i = n - 1
        while i > 0 {
            last = Int(back[i * T + last])
            out[i - 1] = UInt8(last)
            i -= 1
        }
    }
}
