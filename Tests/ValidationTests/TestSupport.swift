import Validation

/// Shorthands for reading validator results in expectations.
extension Result where Failure == FieldError {
    var value: Success? {
        if case .success(let v) = self { return v }
        return nil
    }

    var message: String? {
        if case .failure(let e) = self { return e.message }
        return nil
    }
}

/// Builds a date the test author knows to be valid; a typo in a test fixture fails loudly.
func day(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
    guard let d = CivilDate(year: year, month: month, day: day) else {
        fatalError("test fixture \(year)-\(month)-\(day) is not a real date")
    }
    return d
}
