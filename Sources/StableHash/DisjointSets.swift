/// Disjoint sets over the indices `0..<count` (union-find with path halving), for grouping that
/// must come out the same in every run: the root of a set is always its smallest index, so roots,
/// and anything keyed by them, do not depend on the order of the unions.
public struct DisjointSets: Sendable {
    private var parent: [Int]

    public init(_ count: Int) { parent = Array(0..<count) }

    /// The set's root: its smallest index.
    /// - Complexity: amortized nearly O(1).
    public mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    public mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        guard ra != rb else { return }
        if ra < rb { parent[rb] = ra } else { parent[ra] = rb }
    }
}
