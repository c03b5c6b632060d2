/// Dates typed as text in spreadsheets and forms.
///
/// Accepted forms (RULES.md, "Excel dates"): 2014-09-01, 2014/9/1, 2014.9.1 and 2014年9月1日, with one- or
/// two-digit month and day, a four-digit year, and one separator used throughout. A trailing midnight time
/// (" 00:00:00", also " 0:00:00" or " 00:00") is dropped, because a date cell exported as date-time text
/// carries it. Any other time is refused rather than silently cut off: a field that holds a real time of
/// day is probably the wrong column. Full-width digits and punctuation are folded first.
/// Ambiguous orders such as 9/1/2014 (US) or 01-09-2014 are refused rather than guessed.
public enum TextDate {
    public static func parse(_ raw: String) -> CivilDate? {
        var text = Substring(TextNormalizer.normalize(raw))
        if let space = text.firstIndex(where: { $0 == " " }) {
            guard isMidnight(text[space...].drop(while: { $0 == " " })) else { return nil }
            text = text[..<space]
        }

        let fields: [Substring]
        if text.contains("年") {
            // 2014年9月1日: the 日 is required so that "2014年9月1" (a cut-off cell) is not taken for a date.
            guard text.hasSuffix("日") else { return nil }
            fields = text.dropLast().split(
                omittingEmptySubsequences: false, whereSeparator: { $0 == "年" || $0 == "月" })
            guard fields.count == 3, text.filter({ $0 == "年" }).count == 1,
                  text.filter({ $0 == "月" }).count == 1,
                  text.firstIndex(of: "年")! < text.firstIndex(of: "月")!
            else { return nil }
        } else {
            guard let separator = text.first(where: { $0 == "-" || $0 == "/" || $0 == "." }) else { return nil }
            fields = text.split(separator: separator, omittingEmptySubsequences: false)
        }

        guard fields.count == 3, fields[0].count == 4,
              (1...2).contains(fields[1].count), (1...2).contains(fields[2].count),
              let y = ASCIIText.number(fields[0]), let m = ASCIIText.number(fields[1]),
              let d = ASCIIText.number(fields[2])
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    private static func isMidnight(_ time: Substring) -> Bool {
        ["00:00:00", "0:00:00", "00:00", "0:00"].contains(time)
    }
}
