import NewsExtraction
import NewsModel
import Testing

@Suite struct CaptionTests {
    let parser = CaptionParser()

    @Test func splitsAKnownAgencyCredit() {
        #expect(parser.split("جنود في ساحة التدريب شمال البلاد (رويترز)") == Image(caption: "جنود في ساحة التدريب شمال البلاد", credit: "رويترز"))
    }

    @Test(arguments: ["أ.ف.ب", "أ.ب", "د.ب.أ", "إ.ب.أ", "غيتي", "الشرق الأوسط", "أ ف ب"])
    func splitsEveryListedCredit(_ credit: String) {
        #expect(parser.split("مشهد عام للميناء (\(credit))")?.credit == credit)
    }

    @Test func acceptsCombinedCreditsAndPhotographers() {
        #expect(parser.split("الوفد لدى وصوله (أ.ف.ب - غيتي)")?.credit == "أ.ف.ب - غيتي")
        #expect(parser.split("سوق الخضار صباحاً (تصوير: سامي ناصر)")?.credit == "تصوير: سامي ناصر")
    }

    @Test func leavesOrdinaryParenthesesAlone() {
        #expect(parser.split("أعلن حلف شمال الأطلسي (ناتو)") == nil)
        #expect(parser.split("(رويترز)") == nil)
        #expect(parser.split("نص بلا قوسين") == nil)
    }

    @Test func keepsNestedParenthesesInTheCaption() {
        #expect(parser.split("مقر الحلف (الناتو) في بروكسل (أ.ب)") == Image(caption: "مقر الحلف (الناتو) في بروكسل", credit: "أ.ب"))
    }
}
