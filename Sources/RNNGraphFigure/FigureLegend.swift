/// The legend of a figure as a Graphviz HTML-like table.
enum FigureLegend {
    /// The most entries on one row of the legend.
    static let maximumPerRow = 6

    /// The entries of `count` split into rows of nearly equal length (never a
    /// last row much shorter than the others): as few rows as ``maximumPerRow``
    /// allows, the longer rows first. Each row is a range of entry indices.
    static func rows(count: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let rowCount = (count + maximumPerRow - 1) / maximumPerRow
        let short = count / rowCount, long = rowCount - count % rowCount
        var rows: [Range<Int>] = []
        var start = 0
        for k in 0..<rowCount {
            let length = k < rowCount - long ? short + 1 : short
            rows.append(start..<start + length)
            start += length
        }
        return rows
    }

    /// The width of a legend cell for `text` at 10 points: wide enough for the
    /// broadest common sans-serif face, whichever font the viewer draws it in.
    static func cellWidth(_ text: String) -> Int {
        Int((Double(text.count) * 10 * 0.62).rounded(.up)) + 6
    }

    /// A legend table of `entries`: a kind's swatch in its fill, a highlight's
    /// caption in its colour, in balanced rows (see ``rows(count:)``).
    static func html(_ entries: [Figure.LegendEntry]) -> String {
        let cells = entries.map { entry -> String in
            var cell = "<TD BORDER=\"1\" WIDTH=\"\(cellWidth(entry.caption))\""
            if let fill = entry.fill { cell += " BGCOLOR=\"\(fill)\"" }
            if let color = entry.color {
                return cell + " COLOR=\"\(color)\"><FONT COLOR=\"\(color)\">\(FigureLabel.escape(entry.caption))</FONT></TD>"
            }
            return cell + ">\(FigureLabel.escape(entry.caption))</TD>"
        }
        // One table per row, so that rows of different lengths are each centred.
        let rows = rows(count: cells.count).map { range in
            "<TR><TD BORDER=\"0\"><TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"3\"><TR>"
                + cells[range].joined() + "</TR></TABLE></TD></TR>"
        }
        return "<FONT POINT-SIZE=\"10\"><TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
            + rows.joined() + "</TABLE></FONT>"
    }
}
