public import NewsModel

/// A quantity with where it was found, so that it can be linked to a quote or a sentence.
public struct QuantityMatch: Sendable, Hashable {
    public var quantity: Quantity
    /// Index of the paragraph in the list given to ``QuantityExtractor/matches(in:)-(_:[String])``.
    public var paragraph: Int
    /// UTF-8 byte offsets of ``Quantity/text`` in that paragraph.
    public var range: Range<Int>

    public init(quantity: Quantity, paragraph: Int, range: Range<Int>) {
        self.quantity = quantity
        self.paragraph = paragraph
        self.range = range
    }
}
