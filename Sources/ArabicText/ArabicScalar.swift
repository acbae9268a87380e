/// Named Arabic code points and ranges, so that no rule spells a magic number.
///
/// Every table in ArabicText is built from these names.
public enum ArabicScalar {
    // Letters that the normalizer folds.
    public static let hamza: UInt32 = 0x0621
    public static let alefMadda: UInt32 = 0x0622
    public static let alefHamzaAbove: UInt32 = 0x0623
    public static let wawHamzaAbove: UInt32 = 0x0624
    public static let alefHamzaBelow: UInt32 = 0x0625
    public static let yehHamzaAbove: UInt32 = 0x0626
    public static let alef: UInt32 = 0x0627
    public static let beh: UInt32 = 0x0628
    public static let tehMarbuta: UInt32 = 0x0629
    public static let teh: UInt32 = 0x062A
    public static let tatweel: UInt32 = 0x0640
    public static let feh: UInt32 = 0x0641
    public static let qaf: UInt32 = 0x0642
    public static let kaf: UInt32 = 0x0643
    public static let lam: UInt32 = 0x0644
    public static let meem: UInt32 = 0x0645
    public static let noon: UInt32 = 0x0646
    public static let heh: UInt32 = 0x0647
    public static let waw: UInt32 = 0x0648
    public static let alefMaksura: UInt32 = 0x0649
    public static let yeh: UInt32 = 0x064A
    public static let seen: UInt32 = 0x0633
    public static let alefWasla: UInt32 = 0x0671
    public static let keheh: UInt32 = 0x06A9  // Persian ک
    public static let farsiYeh: UInt32 = 0x06CC  // Persian ی

    // Marks.
    public static let harakat: ClosedRange<UInt32> = 0x064B...0x065F
    public static let daggerAlef: UInt32 = 0x0670
    public static let quranicMarks: ClosedRange<UInt32> = 0x06D6...0x06ED

    // Digits and number punctuation.
    public static let arabicIndicDigits: ClosedRange<UInt32> = 0x0660...0x0669
    public static let extendedArabicIndicDigits: ClosedRange<UInt32> = 0x06F0...0x06F9
    public static let percentSign: UInt32 = 0x066A  // ٪
    public static let decimalSeparator: UInt32 = 0x066B  // ٫
    public static let thousandsSeparator: UInt32 = 0x066C  // ٬

    // Punctuation.
    public static let comma: UInt32 = 0x060C  // ،
    public static let semicolon: UInt32 = 0x061B  // ؛
    public static let questionMark: UInt32 = 0x061F  // ؟
    public static let fullStop: UInt32 = 0x06D4  // ۔
    public static let leftGuillemet: UInt32 = 0x00AB  // «
    public static let rightGuillemet: UInt32 = 0x00BB  // »

    // Invisible controls.
    public static let arabicLetterMark: UInt32 = 0x061C  // ALM
    public static let zeroWidthSpace: UInt32 = 0x200B
    public static let zeroWidthNonJoiner: UInt32 = 0x200C
    public static let zeroWidthJoiner: UInt32 = 0x200D
    public static let leftToRightMark: UInt32 = 0x200E
    public static let rightToLeftMark: UInt32 = 0x200F
    public static let bidiEmbeddings: ClosedRange<UInt32> = 0x202A...0x202E  // LRE RLE PDF LRO RLO
    public static let wordJoiner: UInt32 = 0x2060
    public static let bidiIsolates: ClosedRange<UInt32> = 0x2066...0x2069  // LRI RLI FSI PDI
    public static let byteOrderMark: UInt32 = 0xFEFF
    public static let softHyphen: UInt32 = 0x00AD

    // Spaces other than U+0020.
    public static let noBreakSpace: UInt32 = 0x00A0
    public static let ogham: UInt32 = 0x1680
    public static let typographicSpaces: ClosedRange<UInt32> = 0x2000...0x200A
    public static let narrowNoBreakSpace: UInt32 = 0x202F
    public static let mediumMathematicalSpace: UInt32 = 0x205F
    public static let ideographicSpace: UInt32 = 0x3000

    // Blocks.
    public static let arabicBlock: ClosedRange<UInt32> = 0x0600...0x06FF
    public static let arabicSupplement: ClosedRange<UInt32> = 0x0750...0x077F
    public static let arabicExtendedA: ClosedRange<UInt32> = 0x08A0...0x08FF
    public static let presentationFormsA: ClosedRange<UInt32> = 0xFB50...0xFDFF
    public static let presentationFormsB: ClosedRange<UInt32> = 0xFE70...0xFEFF

    public static let replacementCharacter: UInt32 = 0xFFFD

    /// True for a letter of the Arabic script (any block), presentation forms included.
    @inline(__always)
    public static func isLetter(_ s: UInt32) -> Bool {
        switch s {
        case 0x0621...0x063F, 0x0641...0x064A, 0x066E...0x066F, 0x0671...0x06D3, 0x06D5,
             0x06EE...0x06EF, 0x06FA...0x06FC, 0x06FF,
             0x0750...0x077F, 0x08A0...0x08C9,
             0xFB50...0xFC5D, 0xFC64...0xFD3D, 0xFD50...0xFDFB, 0xFE80...0xFEFC:
            return true
        default:
            return false
        }
    }

    /// True for a mark that sits on an Arabic letter (harakat, dagger alef, Quranic marks, extended-A marks).
    ///
    /// U+06DD (end of ayah), U+06DE (rub el hizb), U+06E5 and U+06E6 (small waw and yeh) and U+06E9
    /// (place of sajdah) sit inside the Quranic range but are symbols or letters, not marks.
    @inline(__always)
    public static func isMark(_ s: UInt32) -> Bool {
        switch s {
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x08CA...0x08FF, 0xFC5E...0xFC63, 0xFE70...0xFE7F:
            return true
        case 0x06DD, 0x06DE, 0x06E5, 0x06E6, 0x06E9:
            return false
        case 0x06D6...0x06ED:
            return true
        default:
            return false
        }
    }

    /// The ASCII value of an Arabic-Indic or Extended Arabic-Indic digit, or nil.
    @inline(__always)
    public static func digitValue(_ s: UInt32) -> UInt8? {
        if arabicIndicDigits.contains(s) { return UInt8(s - 0x0660) }
        if extendedArabicIndicDigits.contains(s) { return UInt8(s - 0x06F0) }
        if s >= 0x30 && s <= 0x39 { return UInt8(s - 0x30) }
        return nil
    }
}
