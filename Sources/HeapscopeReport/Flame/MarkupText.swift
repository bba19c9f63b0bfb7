/// Escaping for HTML and SVG (XML) text and attribute values.
public enum MarkupText {
    /// `text` safe inside an element or a quoted attribute: `& < > " '`
    /// become references; control characters XML does not allow become
    /// U+FFFD, and line breaks become `&#10;` (kept in tooltips).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f || (0x80...0x9f).contains(scalar.value)
                    || scalar.value == 0xfffe || scalar.value == 0xffff
                {
                    out += "\u{fffd}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `json` safe inside a `<script>` element: `<`, `>` and `&` are
    /// written as JSON `\u` escapes, so no `</script>` or `<!--` can appear.
    /// Only valid where they occur inside JSON strings, as in JSON output.
    public static func scriptSafeJSON(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    /// A whole self-contained page: `title` (escaped here), a
    /// Content-Security-Policy, inline `style`, and the body `body` writes
    /// (markup, already escaped). The one page skeleton of flame and trend.
    public static func writePage(
        title: String, contentSecurityPolicy: String, style: String, to out: inout TextSink, body: (inout TextSink) -> Void
    ) {
        out.write(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>

            """)
        body(&out)
        out.write(
            """

            </body>
            </html>

            """)
    }
}
