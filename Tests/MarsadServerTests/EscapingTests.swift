@testable import MarsadServer
import Mustache
import Testing

/// The templates' fast escaping gives what Mustache's own HTML escaping gives.
@Suite struct EscapingTests {
    @Test(arguments: [
        "نص عربي عادي بلا رموز", "<script>alert('x')</script>", "\"><img src=x onerror=alert(1)>", "أ & ب < ج > د \" ' هـ",
        "«اقتباس» — مع علامات", "", "&amp; already", "tab\tand\nnewline",
    ])
    func escapesLikeMustache(_ text: String) throws {
        _ = PageRenderer.registerContentType  // before parsing: the parser looks the content type up
        let library = MustacheLibrary(templates: [
            "plain": try MustacheTemplate(string: "{{x}}"),
            "fast": try MustacheTemplate(string: "{{% CONTENT_TYPE: MARSAD_HTML}}{{x}}"),
        ])
        #expect(library.render(["x": text], withTemplate: "fast") == library.render(["x": text], withTemplate: "plain"))
    }

    @Test func controlCharactersAreDropped() {
        #expect(HTMLText.escape("a\u{0}b\u{7}c\u{1B}[31m") == "abc[31m")
        #expect(HTMLText.escape("سطر\nسطر") == "سطر\nسطر")
    }
}
