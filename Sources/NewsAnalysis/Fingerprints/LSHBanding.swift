#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The banding of a MinHash signature for locality-sensitive candidate lookup, and its S-curve.
///
/// With b bands of r rows, two documents of Jaccard J share at least one band key with probability
/// P(J) = 1 − (1 − Jʳ)ᵇ. The default, 32 bands × 4 rows of a 128-hash signature, gives
///
/// | J | 0.2 | 0.3 | 0.4 | 0.5 | 0.6 | 0.7 | 0.8 |
/// |---|---|---|---|---|---|---|---|
/// | P | 0.050 | 0.23 | 0.56 | 0.87 | 0.988 | 0.9997 | ≈1 |
///
/// so copies (J ≥ 0.6) are found with probability ≥ 98.8%, while unrelated articles (J < 0.1,
/// P < 0.3%) rarely become candidates. The midpoint of the curve is (1/b)^(1/r) ≈ 0.42.
/// Truncated copies, whose Jaccard is their length ratio, need a lower curve: 40 × 3 of 120
/// hashes gives P(0.4) = 0.93 at the cost of more false candidates (P(0.2) = 0.28); the benchmark
/// (`marsad bench dedup`) reports both.
public struct LSHBanding: Sendable, Hashable {
    public var bands: Int
    public var rows: Int

    public init(bands: Int, rows: Int) {
        precondition(bands > 0 && rows > 0)
        self.bands = bands
        self.rows = rows
    }

    public var hashes: Int { bands * rows }

    /// P(J) = 1 − (1 − Jʳ)ᵇ: the chance that two documents of Jaccard `jaccard` share a band key.
    public func collisionProbability(jaccard: Double) -> Double {
        1 - pow(1 - pow(jaccard, Double(rows)), Double(bands))
    }

    /// (1/b)^(1/r): the Jaccard at the steepest part of the S-curve.
    public var threshold: Double { pow(1 / Double(bands), 1 / Double(rows)) }
}
