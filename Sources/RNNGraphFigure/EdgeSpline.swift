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
            // Written into scratch space as long as the longest text, then copied at its length
            // (a string made at the longest length would keep that capacity).
            withUnsafeTemporaryAllocation(of: UInt8.self,
                                          capacity: 2 + (points.count + 1) * (2 * Self.longestNumber + 2)) { bytes in
                bytes[0] = UInt8(ascii: "e")
                bytes[1] = UInt8(ascii: ",")
                var end = 2
                Self.write(tip, to: bytes, at: &end)
                for point in points {
                    bytes[end] = UInt8(ascii: " ")
                    end += 1
                    Self.write(point, to: bytes, at: &end)
                }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
            }
        }

        /// Rounded to hundredths, as written.
        static func rounded(_ p: Point) -> Point { ((p.x * 100).rounded() / 100, (p.y * 100).rounded() / 100) }

        /// The most bytes one coordinate takes: a sign, 19 digits, a point and two decimals.
        private static let longestNumber = 23

        private static func write(_ p: Point, to bytes: UnsafeMutableBufferPointer<UInt8>, at end: inout Int) {
            write(p.x, to: bytes, at: &end)
            bytes[end] = UInt8(ascii: ",")
            end += 1
            write(p.y, to: bytes, at: &end)
        }

        /// `x` with at most two decimals, without trailing zeros (`-0.5`, `12`, `3.05`).
        private static func write(_ x: Double, to bytes: UnsafeMutableBufferPointer<UInt8>, at end: inout Int) {
            let hundredths = Int((x * 100).rounded())
            if hundredths < 0 {
                bytes[end] = UInt8(ascii: "-")
                end += 1
            }
            let whole = abs(hundredths / 100), part = abs(hundredths % 100)
            // Digits from the most significant down, so nothing is reversed afterwards.
            var unit = 1
            while unit <= whole / 10 { unit *= 10 }
            repeat {
                bytes[end] = UInt8(ascii: "0") + UInt8(whole / unit % 10)
                end += 1
                unit /= 10
            } while unit > 0
            guard part != 0 else { return }
            bytes[end] = UInt8(ascii: ".")
            bytes[end + 1] = UInt8(ascii: "0") + UInt8(part / 10)
            end += 2
            if part % 10 != 0 {
                bytes[end] = UInt8(ascii: "0") + UInt8(part % 10)
                end += 1
            }
        }
    }
}
