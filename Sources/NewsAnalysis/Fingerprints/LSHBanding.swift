#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The banding of a MinHash signature for locality-sensitive candidate lookup, and its S-curve.
///
/// With b bands of r rows, two documents of Jaccard J share at least one band key with probability
/// P(J) = 1 − (1 − Jʳ)ᵇ. The default, 40 bands × 3 rows of a 120-value signature, gives
///
/// | J | 0.1 | 0.2 | 0.3 | 0.4 | 0.5 | 0.6 | 0.7 |
/// |---|---|---|---|---|---|---|---|
/// | P | 0.039 | 0.28 | 0.67 | 0.93 | 0.995 | 0.99993 | ≈1 |
///
/// so copies (J ≥ 0.6) are found with probability > 99.99%, and truncated copies, whose Jaccard is
/// their length ratio (0.5–0.7 when 30–50% is cut), still with ≥ 99.5%. Unrelated articles have
/// shingle Jaccard near 0 and rarely become candidates: 1.03 candidates per lookup on the
/// benchmark's 6,000 documents. The midpoint of the curve is (1/b)^(1/r) ≈ 0.29.
/// 32 × 4 of 128 (P(0.4) = 0.56, P(0.6) = 0.988) missed a third of the heavily cut copies, which is
/// why it is not the default; `marsad bench dedup` reports both.
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
