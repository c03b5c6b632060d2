/// One input of a server-rendered form, with the user's value and the message shown beside it.
/// The shared `field` template lays out any list of these, so every form looks and behaves alike.
struct FormField: Encodable {
    enum Kind: String, Encodable { case text, password, tel, date, email, region, textarea, select, captcha }
    struct Option: Encodable { let value: String; let label: String; let selected: Bool }

    let name: String
    let label: String
    let kind: Kind
    var value: String = ""
    var error: String? = nil
    var required: Bool = false
    var hint: String? = nil
    var placeholder: String? = nil
    var autocomplete: String? = nil
    var maxLength: Int? = nil
    /// For a region field: the chosen region's full name ("河南省郑州市巩义市"); for a captcha: its image's URL.
    var display: String? = nil
    var options: [Option] = []
    /// For a text field: values offered as the user types (a dictionary), free text still allowed.
    var suggestions: [String] = []
    /// Shown emphasised: in the company's edit form, the fields filled in at registration.
    var highlight = false
}

/// The field messages of a form that did not validate, keyed by field name.
struct FieldErrors: Error, Sendable {
    private(set) var messages: [String: String] = [:]
    var isEmpty: Bool { messages.isEmpty }
    subscript(field: String) -> String? { messages[field] }

    /// Keeps the first message of a field: it is the most basic problem with it.
    mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }
}

extension Array where Element == FormField {
    /// The fields with `errors` beside them, for a form sent back to the user.
    func with(errors: FieldErrors) -> [FormField] {
        map { var f = $0; f.error = errors[f.name]; return f }
    }
}

import Validation

extension FieldErrors {
    /// A required text, trimmed; a message when empty or too long. Free text (names, addresses) keeps its
    /// Chinese punctuation; an identifier (`code: true`, a certificate number) is folded to ASCII entirely.
    mutating func required(_ field: String, _ raw: String, _ label: String, max: Int = 100, code: Bool = false) -> String {
        let value = code ? TextNormalizer.normalize(raw) : TextNormalizer.normalizeFreeText(raw)
        if value.isEmpty { add(field, "请填写\(label)") } else if value.count > max { add(field, "\(label)不能超过\(max)个字") }
        return value
    }

    /// A required value checked by one of the field rules; "" when missing or wrong.
    mutating func required(_ field: String, _ raw: String, _ label: String, rule: (String) -> Result<String, FieldError>) -> String {
        if TextNormalizer.normalize(raw).isEmpty { add(field, "请填写\(label)"); return "" }
        switch rule(raw) {
        case .success(let value): return value
        case .failure(let error): add(field, error.message); return ""
        }
    }

    /// A required date in any of the forms people type (2014-09-01, 2014/9/1, 2014年9月1日).
    mutating func requiredDate(_ field: String, _ raw: String, _ label: String, example: String = "2014-09-01") -> CivilDate? {
        if TextNormalizer.normalize(raw).isEmpty { add(field, "请选择\(label)"); return nil }
        guard let date = TextDate.parse(raw) else { add(field, "\(label)格式应为 \(example)"); return nil }
        return date
    }
}
