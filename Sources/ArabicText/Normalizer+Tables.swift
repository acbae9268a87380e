extension Normalizer {
    /// Lookup tables compiled from the rules once, so that the hot loop never tests a rule.
    ///
    /// One function, ``Tables/map(_:rules:)``, states what each rule does to a scalar; the tables
    /// are only its cache.
    struct Tables: Sendable {
        /// Sentinel in `formLength`: the presentation form is kept as written.
        static let keep: UInt8 = 0xFF
        /// The most bytes one input scalar can turn into (ﷺ expands to 33).
        static let maxExpansion = 64

        enum OtherAction { case keep, drop, space }

        var ascii: [UInt8]
        /// U+0600–U+06FF: output length in the low byte, then up to two output bytes.
        var arabic: [UInt32]
        var formStart: [UInt32]
        var formLength: [UInt8]
        var formBytes: [UInt8]
        let dropControls: Bool
        let foldSpaces: Bool

        init(rules: Rules) {
            dropControls = rules.contains(.removeInvisibleControls)
            foldSpaces = rules.contains(.foldSpaces)
            ascii = (0..<128).map { b in
                let s = Self.map(UInt32(b), rules: rules)
                if b == 0x09 && rules.contains(.collapseSpaces) { return 0x20 }
                return UInt8(s.first ?? UInt32(b))
            }
            arabic = (0x0600...0x06FF).map { (cp: UInt32) -> UInt32 in
                let bytes = Self.map(cp, rules: rules).flatMap(Self.utf8)
                precondition(bytes.count <= 2, "a rule maps U+\(String(cp, radix: 16)) to more than two bytes")
                var packed = UInt32(bytes.count)
                for (k, b) in bytes.enumerated() { packed |= UInt32(b) << (8 * (k + 1)) }
                return packed
            }
            // Presentation forms: each target scalar goes through the other rules too (ﺃ → أ → ا).
            var targets = [UInt32: [UInt32]]()
            var k = 0
            let rows = PresentationForms.rows
            while k < rows.count {
                let cp = rows[k], count = Int(rows[k + 1])
                targets[cp] = Array(rows[(k + 2)..<(k + 2 + count)])
                k += 2 + count
            }
            formStart = []
            formLength = []
            formBytes = []
            for cp in ArabicScalar.presentationFormsA.lowerBound...ArabicScalar.presentationFormsB.upperBound {
                formStart.append(UInt32(formBytes.count))
                if cp == ArabicScalar.byteOrderMark {
                    formLength.append(dropControls ? 0 : Self.keep)
                } else if rules.contains(.foldPresentationForms), let target = targets[cp] {
                    let bytes = target.flatMap { Self.map($0, rules: rules) }.flatMap(Self.utf8)
                    formLength.append(UInt8(bytes.count))
                    formBytes += bytes
                } else {
                    formLength.append(Self.keep)
                }
            }
        }

        /// What the rules make of one scalar outside the presentation forms: nothing, itself or others.
        static func map(_ s: UInt32, rules: Rules) -> [UInt32] {
            typealias A = ArabicScalar
            switch s {
            case A.alefMadda, A.alefHamzaAbove, A.alefHamzaBelow, A.alefWasla:
                return rules.contains(.foldAlef) ? [A.alef] : [s]
            case A.alefMaksura where rules.contains(.foldAlefMaksura): return [A.yeh]
            case A.tehMarbuta where rules.contains(.foldTehMarbuta): return [A.heh]
            case A.wawHamzaAbove where rules.contains(.foldWawHamza): return [A.waw]
            case A.yehHamzaAbove where rules.contains(.foldYehHamza): return [A.yeh]
            case A.harakat where rules.contains(.removeHarakat): return []
            case A.daggerAlef where rules.contains(.removeDaggerAlef): return []
            case A.quranicMarks where rules.contains(.removeQuranicMarks): return []
            case A.tatweel where rules.contains(.removeTatweel): return []
            case A.arabicIndicDigits where rules.contains(.foldDigits): return [0x30 + s - 0x0660]
            case A.extendedArabicIndicDigits where rules.contains(.foldDigits): return [0x30 + s - 0x06F0]
            case A.decimalSeparator where rules.contains(.foldNumberPunctuation): return [0x2E]
            case A.thousandsSeparator where rules.contains(.foldNumberPunctuation): return [0x2C]
            case A.percentSign where rules.contains(.foldNumberPunctuation): return [0x25]
            case A.keheh where rules.contains(.foldPersianLetters): return [A.kaf]
            case A.farsiYeh where rules.contains(.foldPersianLetters): return [A.yeh]
            case 0x41...0x5A where rules.contains(.lowercaseLatin): return [s + 0x20]
            default:
                if isInvisibleControl(s) && rules.contains(.removeInvisibleControls) { return [] }
                if isOtherSpace(s) && rules.contains(.foldSpaces) { return [0x20] }
                return [s]
            }
        }

        static func isInvisibleControl(_ s: UInt32) -> Bool {
            typealias A = ArabicScalar
            switch s {
            case A.arabicLetterMark, A.zeroWidthSpace, A.zeroWidthNonJoiner, A.zeroWidthJoiner,
                 A.leftToRightMark, A.rightToLeftMark, A.bidiEmbeddings, A.wordJoiner, A.bidiIsolates,
                 A.byteOrderMark, A.softHyphen:
                return true
            default:
                return false
            }
        }

        static func isOtherSpace(_ s: UInt32) -> Bool {
            typealias A = ArabicScalar
            switch s {
            case A.noBreakSpace, A.ogham, A.typographicSpaces, A.narrowNoBreakSpace,
                 A.mediumMathematicalSpace, A.ideographicSpace:
                return true
            default:
                return false
            }
        }

        /// The action for a scalar outside ASCII, U+0600–U+06FF and the presentation forms.
        @inline(__always)
        static func other(_ s: UInt32, dropControls: Bool, foldSpaces: Bool) -> OtherAction {
            // Only Latin-1 and General Punctuation hold scalars that a rule touches here.
            guard s == 0x00A0 || s == 0x00AD || s == 0x1680 || s == 0x3000 || (s >= 0x2000 && s <= 0x206F) else {
                return .keep
            }
            if Self.isInvisibleControl(s) { return dropControls ? .drop : .keep }
            if Self.isOtherSpace(s) { return foldSpaces ? .space : .keep }
            return .keep
        }

        static func utf8(_ s: UInt32) -> [UInt8] {
            Array(String(Character(Unicode.Scalar(s) ?? "\u{FFFD}")).utf8)
        }
    }
}

extension Normalizer {
    /// The tables copied once into raw memory: the hot loop reads them through `let` pointers, with
    /// no closure, retain or exclusivity check per call (the analysis chain calls it per token).
    final class CompiledTables: @unchecked Sendable {
        let ascii: UnsafeMutablePointer<UInt8>
        let arabic: UnsafeMutablePointer<UInt32>
        let formStart: UnsafeMutablePointer<UInt32>
        let formLength: UnsafeMutablePointer<UInt8>
        let formBytes: UnsafeMutablePointer<UInt8>
        let dropControls: Bool
        let foldSpaces: Bool

        init(_ tables: Tables) {
            dropControls = tables.dropControls
            foldSpaces = tables.foldSpaces
            func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
                let p = UnsafeMutablePointer<T>.allocate(capacity: max(array.count, 1))
                _ = UnsafeMutableBufferPointer(start: p, count: array.count).initialize(from: array)
                return p
            }
            ascii = copy(tables.ascii)
            arabic = copy(tables.arabic)
            formStart = copy(tables.formStart)
            formLength = copy(tables.formLength)
            formBytes = copy(tables.formBytes)
        }

        deinit {
            ascii.deallocate()
            arabic.deallocate()
            formStart.deallocate()
            formLength.deallocate()
            formBytes.deallocate()
        }
    }
}
