/// The tagger's BIO tags over ANERcorp's four types, as small integers: 0 is O, `1 + 2k` begins
/// type k and `2 + 2k` continues it.
public enum NERTags {
    /// ANERcorp's types, in tag order.
    public static let types = ["PERS", "LOC", "ORG", "MISC"]
    public static let count = 1 + 2 * types.count

    public static func name(_ tag: UInt8) -> String {
        guard tag > 0, Int(tag) < count else { return "O" }
        return (tag % 2 == 1 ? "B-" : "I-") + types[Int(tag - 1) / 2]
    }

    /// The code of a tag name; nil for an unknown type.
    public static func code(_ name: String) -> UInt8? {
        if name == "O" { return 0 }
        let parts = name.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let type = types.firstIndex(of: String(parts[1])) else { return nil }
        switch parts[0] {
        case "B": return UInt8(1 + 2 * type)
        case "I": return UInt8(2 + 2 * type)
        default: return nil
        }
    }

    @inline(__always) static func isInside(_ tag: Int) -> Bool { tag > 0 && tag % 2 == 0 }
    @inline(__always) static func type(_ tag: Int) -> Int { (tag - 1) / 2 }

    /// Whether `next` may follow `previous` in a well-formed BIO sequence (I-X only after B-X or I-X).
    @inline(__always) static func allowed(_ previous: Int, _ next: Int) -> Bool {
        !isInside(next) || (previous > 0 && type(previous) == type(next))
    }
}
