/// An in-memory LSH table: band key → ids of the documents that have it.
///
/// The archive keeps band keys in a database column; this is the same lookup for tests, the
/// benchmark and batch jobs. Band keys already carry their band number (``MinHashSignature/bandKeys(bands:)``),
/// so one dictionary holds every band.
public struct LSHIndex<ID: Hashable & Sendable>: Sendable {
    @usableFromInline var buckets: [UInt64: [ID]] = [:]
    @usableFromInline var storedCount = 0

    @inlinable public var count: Int { storedCount }

    @inlinable public init() {}

    // Inlinable, so that callers get it specialized for their id type rather than generic code.
    @inlinable public mutating func insert(_ id: ID, bandKeys: [UInt64]) {
        for key in bandKeys { buckets[key, default: []].append(id) }
        storedCount += 1
    }

    /// Ids sharing at least one band key, each once, in first-seen order.
    @inlinable public func candidates(bandKeys: [UInt64]) -> [ID] {
        var seen = Set<ID>()
        var result = [ID]()
        for key in bandKeys {
            guard let ids = buckets[key] else { continue }
            for id in ids where seen.insert(id).inserted { result.append(id) }
        }
        return result
    }
}
