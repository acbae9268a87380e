public import ArabicText

/// Letters that name matching folds or tests, beside the ones ArabicText names.
extension ArabicScalar {
    public static let jeem: UInt32 = 0x062C
    public static let ghain: UInt32 = 0x063A
    public static let zain: UInt32 = 0x0632
    public static let peh: UInt32 = 0x067E  // پ
    public static let tcheh: UInt32 = 0x0686  // چ
    public static let jeh: UInt32 = 0x0698  // ژ
    public static let veh: UInt32 = 0x06A4  // ڤ
    public static let qafThreeDotsAbove: UInt32 = 0x06A8  // ڨ, Maghrebi g
    public static let ng: UInt32 = 0x06AD  // ڭ, Moroccan g
    public static let gaf: UInt32 = 0x06AF  // گ
}
