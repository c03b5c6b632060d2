/// The two parts Excel needs for cell comments ("notes") on header cells: the comments part with the
/// text, and a legacy VML drawing with one hidden note shape per comment, which Excel, WPS and
/// LibreOffice use to show the note on hover. Without the VML Excel drops the comments.
enum HeaderComments {
    /// `notes` pairs a 0-based column with its text; all notes sit in row 1.
    static func commentsPart(_ notes: [(column: Int, text: String)]) -> String {
        var xml = PackageTemplates.declaration
            + "<comments xmlns=\"\(PackageTemplates.mainNamespace)\"><authors><author>LiftWatch</author></authors><commentList>"
        for note in notes {
            xml += "<comment ref=\"\(CellReference.letters(forColumn: note.column))1\" authorId=\"0\">"
                + "<text>\(XMLText.textElement(note.text))</text></comment>"
        }
        return xml + "</commentList></comments>"
    }

    static func vmlDrawing(_ notes: [(column: Int, text: String)]) -> String {
        var xml = "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\""
            + " xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"
            + "<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"1\"/></o:shapelayout>"
            + "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">"
            + "<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>"
        for (index, note) in notes.enumerated() {
            // Taller boxes for longer notes: about 12 characters of Chinese text per line, 4 lines a row.
            let lines = max(4, note.text.split(separator: "\n", omittingEmptySubsequences: false)
                .reduce(0) { $0 + max(1, ($1.count + 11) / 12) })
            let bottomRow = 1 + (lines + 3) / 4 * 2
            xml += "<v:shape id=\"_x0000_s\(1025 + index)\" type=\"#_x0000_t202\""
                + " style=\"position:absolute;margin-left:80pt;margin-top:2pt;width:144pt;height:\(lines * 15)pt;"
                + "z-index:\(index + 1);visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\">"
                + "<v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/>"
                + "<v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>"
                + "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/>"
                + "<x:Anchor>\(note.column + 1), 15, 0, 2, \(note.column + 3), 15, \(bottomRow), 4</x:Anchor>"
                + "<x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>\(note.column)</x:Column></x:ClientData>"
                + "</v:shape>"
        }
        return xml + "</xml>"
    }
}
