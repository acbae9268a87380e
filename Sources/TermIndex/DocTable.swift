/// Every indexed article's length and filter fields, in arrays indexed by seq, so that scoring and
/// filtering a hit is an array read.
public struct DocTable: Sendable {
    public private(set) var lengths: [UInt32] = []
    public private(set) var sections: [UInt16] = []
    public private(set) var outlets: [UInt16] = []
    public private(set) var roles: [UInt8] = []
    public private(set) var published: [Int64] = []
    /// The largest section and outlet codes present, so that facet counts need arrays no longer.
    public private(set) var largestSection: UInt16 = 0
    public private(set) var largestOutlet: UInt16 = 0

    public init() {}

    public mutating func insert(_ docs: [IndexedDoc]) {
        guard let top = docs.map(\.seq).max(), top >= 0 else { return }
        if top >= lengths.count {
            let grown = Int(top) + 1
            let extra = max(grown - lengths.count, lengths.count / 4)
            lengths += repeatElement(0, count: extra)
            sections += repeatElement(0, count: extra)
            outlets += repeatElement(0, count: extra)
            roles += repeatElement(0, count: extra)
            published += repeatElement(PublishedKey.none, count: extra)
        }
        for doc in docs where doc.seq >= 0 {
            let i = Int(doc.seq)
            lengths[i] = doc.length
            sections[i] = doc.section
            outlets[i] = doc.outlet
            roles[i] = doc.role
            published[i] = doc.published
            largestSection = max(largestSection, doc.section)
            largestOutlet = max(largestOutlet, doc.outlet)
        }
    }

    @inline(__always)
    public func contains(_ seq: Int64) -> Bool { seq >= 0 && Int(seq) < lengths.count }
}
