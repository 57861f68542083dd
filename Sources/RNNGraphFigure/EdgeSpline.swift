extension EdgeRouter {
    /// A routed edge as Graphviz draws it: Bézier control points (a start, then three per
    /// segment) and the arrow's tip, each rounded to the hundredths its `pos` is written with.
    struct Spline {
        /// The control points.
        let points: [Point]
        /// Where the arrowhead ends.
        let tip: Point

        /// The Graphviz `pos` attribute: `e,tip` then the control points, each coordinate with at
        /// most two decimals and no trailing zeros (written byte by byte: a figure has thousands).
        var pos: String {
            var bytes: [UInt8] = [UInt8(ascii: "e"), UInt8(ascii: ",")]
            bytes.reserveCapacity(2 + 18 * (points.count + 1))
            Self.append(tip, to: &bytes)
            for point in points {
                bytes.append(UInt8(ascii: " "))
                Self.append(point, to: &bytes)
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Rounded to hundredths, as written.
        static func rounded(_ p: Point) -> Point { ((p.x * 100).rounded() / 100, (p.y * 100).rounded() / 100) }

        private static func append(_ p: Point, to bytes: inout [UInt8]) {
            append(p.x, to: &bytes)
            bytes.append(UInt8(ascii: ","))
            append(p.y, to: &bytes)
        }

        /// `x` with at most two decimals, without trailing zeros (`-0.5`, `12`, `3.05`).
        private static func append(_ x: Double, to bytes: inout [UInt8]) {
            let hundredths = Int((x * 100).rounded())
            if hundredths < 0 { bytes.append(UInt8(ascii: "-")) }
            let whole = abs(hundredths / 100), part = abs(hundredths % 100)
            let start = bytes.count
            var rest = whole
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            bytes[start...].reverse()
            guard part != 0 else { return }
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(part / 10))
            if part % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(part % 10)) }
        }
    }
}
