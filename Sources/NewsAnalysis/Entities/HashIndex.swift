/// An open-addressed map from 64-bit hashes to small integers: one probe for most lookups, with no
/// SipHash and no allocation, for the tables that are read once per token (weights, gazetteers).
struct HashIndex: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    /// Key 0 marks an empty slot; real keys are stored with the low bit set, which costs one bit.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 { key | 1 }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: NameHash.mix(key)) & mask }

    /// The value for `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64) -> Int32? {
        let k = Self.stored(key)
        return keys.withUnsafeBufferPointer { keys in
            var s = slot(k)
            while true {
                let v = keys[s]
                if v == k { return values[s] }
                if v == 0 { return nil }
                s = (s + 1) & mask
            }
        }
    }

    /// Sets `key` to `value` unless it is present; returns the value in the table.
    @discardableResult
    mutating func insertIfAbsent(_ key: UInt64, _ value: Int32) -> Int32 {
        if (count + 1) * 2 > keys.count { grow() }
        let k = Self.stored(key)
        var s = slot(k)
        while keys[s] != 0 {
            if keys[s] == k { return values[s] }
            s = (s + 1) & mask
        }
        keys[s] = k
        values[s] = value
        count += 1
        return value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (i, k) in oldKeys.enumerated() where k != 0 {
            var s = slot(k)
            while keys[s] != 0 { s = (s + 1) & mask }
            keys[s] = k
            values[s] = oldValues[i]
        }
    }
}
