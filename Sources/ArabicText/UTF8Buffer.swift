/// A growable byte buffer that hot loops write through a raw pointer.
///
/// `[UInt8].append` checks uniqueness and capacity on every byte; the normalizer instead
/// reserves room once per stretch and writes freely. Reuse one buffer across calls to allocate
/// nothing; a buffer belongs to one caller at a time.
public final class UTF8Buffer {
    private(set) var pointer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    public internal(set) var count = 0

    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        pointer = .allocate(capacity: self.capacity)
    }

    deinit { pointer.deallocate() }

    public var last: UInt8? { count > 0 ? pointer[count - 1] : nil }

    /// Makes sure `extra` more bytes fit.
    @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newPointer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newPointer.update(from: pointer, count: count)
        pointer.deallocate()
        pointer = newPointer
        capacity = newCapacity
    }

    public func removeAll() { count = 0 }

    public func append(_ byte: UInt8) {
        reserve(1)
        pointer[count] = byte
        count += 1
    }

    /// The bytes written so far; valid until the next write.
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: pointer, count: count) }

    public func makeString() -> String {
        String(unsafeUninitializedCapacity: count) { target in
            _ = target.initialize(from: bytes)
            return count
        }
    }
}
