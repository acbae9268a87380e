import ArabicText
import Testing

@Suite struct MatchKeyTests {
    /// A header that counts its items is the header: "تعليقات الزوار (2)".
    @Test func aTrailingCounterIsTrimmed() {
        #expect(MatchKey("تعليقات الزوار (2)").trimmingCounter() == MatchKey("تعليقات الزوار"))
        #expect(MatchKey("التعليقات(14)").trimmingCounter() == MatchKey("التعليقات"))
        #expect(MatchKey("كأس العالم (2030) ").trimmingCounter() == MatchKey("كأس العالم"))
        for unchanged in ["صورة (رويترز)", "العدد ()", "(3)", "بلا عداد"] {
            #expect(MatchKey(unchanged).trimmingCounter() == MatchKey(unchanged), "\(unchanged)")
        }
    }

    @Test func trailingColonsAreTrimmed() {
        #expect(MatchKey("الكلمات المفتاحية:").trimmingColon() == MatchKey("الكلمات المفتاحية"))
    }
}
