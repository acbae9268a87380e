import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The site's pages: Mustache templates from `Resources/templates`, HTML-escaped by default. Every
/// page gets the site name, the header's search box and the shared partials (`header`, `footer`,
/// `card`).
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let siteName: String

    enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        var description: String {
            switch self {
            case .missing(let what): return "the server's templates are missing from this build: \(what)"
            }
        }
    }

    static let templateNames = ["header", "footer", "card", "home", "article", "search", "entity", "story", "stories", "saga", "sagas", "sources", "upload", "preview", "error"]

    /// The templates' escaping (`{{% CONTENT_TYPE: MARSAD_HTML}}`): the same characters as Mustache's
    /// own HTML escaping, checked over UTF-8 bytes first. Mustache's walks `Character`s with a
    /// dictionary lookup each, and was a seventh of an article page's time on Arabic text.
    struct EscapedHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }
    }

    static let registerContentType: Void = MustacheContentTypes.register(EscapedHTML(), named: "MARSAD_HTML")

    init(siteName: String) throws {
        _ = Self.registerContentType
        guard let directory = Bundle.module.url(forResource: "templates", withExtension: nil) else { throw LoadError.missing("templates/") }
        var library = MustacheLibrary()
        for name in Self.templateNames {
            let url = directory.appendingPathComponent("\(name).mustache")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw LoadError.missing("\(name).mustache") }
            try library.register(text, named: name)
        }
        self.library = library
        self.siteName = siteName
    }

    /// `values` are the page's own; `title` is the document title, and `q` fills the search box.
    func render(_ template: String, title: String, q: String = "", status: HTTPResponse.Status = .ok, _ values: [String: Any]) -> Response {
        response(html(template, title: title, q: q, values), status: status)
    }

    /// The page's bytes, for callers that keep them.
    func html(_ template: String, title: String, q: String = "", _ values: [String: Any]) -> ByteBuffer {
        var context = values
        context["site"] = siteName
        context["pageTitle"] = Views.clipped(title, to: Views.documentTitleCharacters)
        context["q"] = q
        return ByteBuffer(string: library.render(context, withTemplate: template) ?? "")
    }

    func response(_ body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: body))
    }

    func errorPage(_ problem: Problem) -> Response {
        let (heading, advice): (String, String)
        switch problem.status.code {
        case 404: (heading, advice) = ("الصفحة غير موجودة", "ربما حُذف المقال أو تغيّر رابطه. جرّب البحث في الأرشيف.")
        case 400: (heading, advice) = ("طلب غير صالح", "راجع الحقول المذكورة أدناه ثم أعد المحاولة.")
        case 401: (heading, advice) = ("غير مصرّح", "تحتاج الإضافة إلى رمز الإدخال الذي ضبطه مشغّل الخادم.")
        case 403: (heading, advice) = ("مرفوض", "هذا الخادم لا يقبل هذا الطلب.")
        case 413: (heading, advice) = ("الملف كبير جدًا", "هذا الخادم لا يقبل ملفات بهذا الحجم.")
        case 422: (heading, advice) = ("لم نجد مقالًا", "لم نستخرج أي مقال من هذا الملف. تأكد من أنه صفحة خبر أو موجز أو تصدير JSONL.")
        default: (heading, advice) = ("حدث خطأ", "تعذّر إكمال الطلب. أعد المحاولة لاحقًا.")
        }
        return render("error", title: heading, status: problem.status, [
            "heading": heading, "advice": advice, "detail": problem.detail, "status": problem.status.code,
        ])
    }
}
