import Foundation

/// The drawn outline of a node, in points: its shape, centre and size, fixed by
/// the figure (`width`, `height`, `fixedsize`) so that the edge router and
/// Graphviz agree on where every node's border is.
struct NodeOutline {
    /// The outline's form; Graphviz shapes map onto one of these.
    enum Form {
        /// An ellipse (or circle) inscribed in the size.
        case ellipse
        /// A rectangle (a box, rounded corners ignored, or a plain text label).
        case box
    }

    let form: Form
    let x: Double, y: Double
    let width: Double, height: Double

    /// Graphviz's default minimum node size (0.75 by 0.5 inches) and the space
    /// between the two rings of a `doublecircle`.
    static let minimumWidth = 54.0, minimumHeight = 36.0, ringGap = 4.0

    /// The outline of a node of Graphviz `shape` with an HTML-like `label`, sized
    /// as Graphviz sizes it (label box plus `margin` points a side, scaled by √2
    /// for round shapes, never below the default minimum): the label's width is
    /// estimated from its characters (Helvetica at 14 points, sub- and superscripts
    /// smaller) so the size depends on nothing installed on the machine.
    static func sized(shape: String, label: String, margin: Double) -> (width: Double, height: Double) {
        let text = labelExtent(label)
        let w = text.width + 2 * margin, h = text.height + 2 * margin
        switch shape {
        case "circle":
            let d = max(minimumHeight, (w * w + h * h).squareRoot())
            return (d, d)
        case "doublecircle":
            let d = max(minimumHeight, (w * w + h * h).squareRoot()) + 2 * ringGap
            return (d, d)
        case "box", "rect", "rectangle", "plaintext", "plain", "none":
            return (max(minimumWidth, w), max(minimumHeight, h))
        default:
            return (max(minimumWidth, w * 2.squareRoot()), max(minimumHeight, h * 2.squareRoot()))
        }
    }

    /// The estimated width and height, in points, of an HTML-like label of one line
    /// at `size` points: 0.6 em a character, `scripts` em inside `<SUB>`/`<SUP>` (0.45: smaller, as
    /// cairo draws them; ``fullSizeScripts`` for an edge label, which must fit where Graphviz's SVG
    /// writes its scripts at the label's own size), 0.65 em in bold.
    static func labelExtent(_ label: String, size: Double = 14, scripts: Double = 0.45) -> (width: Double, height: Double) {
        // In ASCII without carriage returns a byte is a character, and bytes are read much faster.
        var label = label
        if let extent = label.withUTF8({ asciiLabelExtent($0, size: size, scripts: scripts) }) { return extent }
        return labelExtent(label, size: size, scripts: scripts, marks: ("<", ">", "&", ";")) { String($0) }
    }

    /// The width of a sub- or superscript character, in em, where it is drawn at the label's size.
    static let fullSizeScripts = 0.6

    /// ``labelExtent(_:size:)`` over the bytes of a label in ASCII without carriage returns, where
    /// each byte is a character; nil for any other label. A tag longer than `/SUB` names none of
    /// the tags counted (`<FONT COLOR=…>`), so of a tag's name only its length and first four
    /// bytes are kept, without making a string of it.
    private static func asciiLabelExtent(_ bytes: UnsafeBufferPointer<UInt8>,
                                         size: Double, scripts: Double) -> (width: Double, height: Double)? {
        // A tag's key: its length, then its bytes upper-cased (at most four).
        let sub: UInt64 = 3 << 32 | 0x53_55_42, sup: UInt64 = 3 << 32 | 0x53_55_50
        let endSub: UInt64 = 4 << 32 | 0x2F_53_55_42, endSup: UInt64 = 4 << 32 | 0x2F_53_55_50
        let bold: UInt64 = 1 << 32 | 0x42, endBold: UInt64 = 2 << 32 | 0x2F_42
        var width = 0.0, script = 0, bolds = 0, scripted = false
        var inTag = false, tagLength: UInt64 = 0, tagName: UInt64 = 0
        var entity = false
        for byte in bytes {
            guard byte < 0x80, byte != UInt8(ascii: "\r") else { return nil }
            if inTag {
                if byte == UInt8(ascii: ">") {
                    if tagLength <= 4 {
                        switch tagLength << 32 | tagName {
                        case sub, sup: script += 1; scripted = true
                        case endSub, endSup: script -= 1
                        case bold: bolds += 1
                        case endBold: bolds -= 1
                        default: break
                        }
                    }
                    inTag = false
                } else {
                    let upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
                    if tagLength < 4 { tagName = tagName << 8 | UInt64(upper) }
                    tagLength += 1
                }
                continue
            }
            if byte == UInt8(ascii: "<") { inTag = true; tagLength = 0; tagName = 0; continue }
            if entity { if byte == UInt8(ascii: ";") { entity = false }; continue }
            if byte == UInt8(ascii: "&") { entity = true }
            width += size * (script > 0 ? scripts : bolds > 0 ? 0.65 : 0.6)
        }
        return (width, size * 1.2 + (scripted ? 4 : 0))
    }

    /// ``labelExtent(_:size:)`` over the characters of a label: `marks` are `<`, `>`, `&` and `;`, and `text` makes a tag's name.
    private static func labelExtent<Characters: Sequence>(
        _ characters: Characters, size: Double, scripts: Double,
        marks: (open: Characters.Element, close: Characters.Element, entity: Characters.Element,
                entityEnd: Characters.Element),
        text: ([Characters.Element]) -> String
    ) -> (width: Double, height: Double) where Characters.Element: Equatable {
        var width = 0.0, script = 0, bold = 0, scripted = false
        var tag: [Characters.Element]?
        var entity = false
        for character in characters {
            if tag != nil {
                if character == marks.close {
                    switch tag.map(text)?.uppercased() {
                    case "SUB", "SUP": script += 1; scripted = true
                    case "/SUB", "/SUP": script -= 1
                    case "B": bold += 1
                    case "/B": bold -= 1
                    default: break
                    }
                    tag = nil
                } else {
                    tag?.append(character)
                }
                continue
            }
            if character == marks.open { tag = []; continue }
            if entity { if character == marks.entityEnd { entity = false }; continue }
            if character == marks.entity { entity = true }
            width += size * (script > 0 ? scripts : bold > 0 ? 0.65 : 0.6)
        }
        return (width, size * 1.2 + (scripted ? 4 : 0))
    }

    /// Whether the segment from `p` to `q` comes within `pad` points of the outline.
    func blocks(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double), pad: Double) -> Bool {
        let a = width / 2 + pad, b = height / 2 + pad
        // In coordinates where the padded outline is the unit circle or square.
        let px = (p.x - x) / a, py = (p.y - y) / b, qx = (q.x - x) / a, qy = (q.y - y) / b
        let dx = qx - px, dy = qy - py
        switch form {
        case .ellipse:
            let length = dx * dx + dy * dy
            let t = length == 0 ? 0 : max(0, min(1, -(px * dx + py * dy) / length))
            let cx = px + t * dx, cy = py + t * dy
            return cx * cx + cy * cy < 1
        case .box:
            // Liang–Barsky clipping against [-1, 1]².
            var t0 = 0.0, t1 = 1.0
            for (pk, qk) in [(-dx, px + 1), (dx, 1 - px), (-dy, py + 1), (dy, 1 - py)] {
                if pk == 0 {
                    if qk < 0 { return false }
                } else {
                    let r = qk / pk
                    if pk < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                    if t0 > t1 { return false }
                }
            }
            return true
        }
    }

    /// Whether a point lies inside the outline grown by `pad` points.
    func contains(_ p: (x: Double, y: Double), pad: Double) -> Bool {
        let u = (p.x - x) / (width / 2 + pad), v = (p.y - y) / (height / 2 + pad)
        switch form {
        case .ellipse: return u * u + v * v < 1
        case .box: return abs(u) < 1 && abs(v) < 1
        }
    }

    /// Where the ray from the centre towards `p` leaves the outline.
    func border(towards p: (x: Double, y: Double)) -> (x: Double, y: Double) {
        let dx = p.x - x, dy = p.y - y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return (x, y) }
        let ux = dx / length, uy = dy / length
        let a = width / 2, b = height / 2
        let t: Double
        switch form {
        case .ellipse: t = 1 / ((ux / a) * (ux / a) + (uy / b) * (uy / b)).squareRoot()
        case .box: t = min(ux == 0 ? .infinity : a / abs(ux), uy == 0 ? .infinity : b / abs(uy))
        }
        return (x + t * ux, y + t * uy)
    }
}
