/// Merges segments into one, term by term, dropping deleted articles.
///
/// The inputs are read in term order, which is the order their postings lie in, so a store that
/// serves `read` from its current chunk reads each input once, front to back; the merged postings
/// go out through `emit` as they are made. Only the dictionaries and doc tables are held whole.
public enum SegmentMerger {
    public struct Input {
        public let view: SegmentView
        public let docs: [IndexedDoc]
        /// The bytes of postings at (offset, length).
        public let read: (Int, Int) throws -> [UInt8]

        public init(view: SegmentView, docs: [IndexedDoc], read: @escaping (Int, Int) throws -> [UInt8]) {
            self.view = view
            self.docs = docs
            self.read = read
        }
    }

    public struct Output {
        public var dictionary: [UInt8]
        public var docs: [IndexedDoc]
        public var tokenCount: Int
        public var postingsLength: Int
    }

    /// `isLive(seq, rank)`: whether the article `seq` held by the segment of that rank still counts.
    public static func merge(
        _ inputs: [Input], isLive: (Int64, Int64) -> Bool, emit: ([UInt8]) throws -> Void
    ) throws -> Output {
        var docs = [IndexedDoc]()
        for input in inputs {
            docs += input.docs.filter { isLive($0.seq, input.view.rank) }
        }
        docs.sort { $0.seq < $1.seq }
        var dictionary = [UInt8]()
        var written = 0
        var cursors = [Int](repeating: 0, count: inputs.count)
        var buffer = [UInt8]()
        while true {
            // The smallest current term among the inputs, and which inputs hold it.
            var smallest: ArraySlice<UInt8>?
            var holders = [Int]()
            for (k, input) in inputs.enumerated() where cursors[k] < input.view.termCount {
                let term = input.view.entry(at: cursors[k]).term
                if let current = smallest, !term.lexicographicallyPrecedes(current) {
                    if term.elementsEqual(current) { holders.append(k) }
                    continue
                }
                smallest = term
                holders = [k]
            }
            guard let term = smallest else { break }
            var lists = [PostingList]()
            for k in holders {
                let entry = inputs[k].view.entry(at: cursors[k]).entry
                cursors[k] += 1
                var list = PostingList(decoding: try inputs[k].read(entry.offset, entry.length), count: entry.documentFrequency)
                let rank = inputs[k].view.rank
                if !list.seqs.allSatisfy({ isLive($0, rank) }) {
                    let keep = list.seqs.indices.filter { isLive(list.seqs[$0], rank) }
                    list = PostingList(seqs: keep.map { list.seqs[$0] }, weights: keep.map { list.weights[$0] })
                }
                if list.count > 0 { lists.append(list) }
            }
            guard !lists.isEmpty else { continue }
            let merged = PostingList.union(lists)
            buffer.removeAll(keepingCapacity: true)
            merged.encode(into: &buffer)
            SegmentBuilder.appendEntry(term: term, TermEntry(documentFrequency: merged.count, offset: written, length: buffer.count), to: &dictionary)
            written += buffer.count
            try emit(buffer)
        }
        return Output(dictionary: dictionary, docs: docs, tokenCount: docs.reduce(0) { $0 + Int($1.length) }, postingsLength: written)
    }
}
