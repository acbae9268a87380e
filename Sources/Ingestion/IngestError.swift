/// An input that cannot be read, said in one line that names what went wrong; the caller prefixes
/// the file or URL.
public struct IngestError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
