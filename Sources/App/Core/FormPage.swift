/// A page holding one simple form: heading, optional introduction, fields, one submit button.
struct FormPage: Encodable {
    let layout: Layout
    let heading: String
    let intro: String?
    let fields: [FormField]
    let action: String
    let submitLabel: String
    let backURL: String
    let captchaURL: String?
    let formError: String?
}
