import Foundation

/// Makes cairo's PDF output reproducible: cairo stamps the current time as
/// `/CreationDate (D:YYYYMMDDHHMMSS…)`; the stamp is replaced in place by a
/// fixed date of the same length, so every byte offset in the file stays valid.
enum ReproduciblePDF {
    static func normalize(_ pdf: Data) -> Data {
        var pdf = pdf
        pdf.withUnsafeMutableBytes { (bytes: UnsafeMutableRawBufferPointer) in
            let key = Array("/CreationDate (D:".utf8)
            guard let start = find(key, in: UnsafeRawBufferPointer(bytes)) else { return }
            var position = start + key.count
            // Overwrite the digits of the date with those of 2000-01-01 00:00:00.
            let fixed = Array("20000101000000".utf8)
            var k = 0
            while position < bytes.count, k < fixed.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                bytes[position] = fixed[k]
                position += 1
                k += 1
            }
        }
        return pdf
    }

    /// The offset of the first `needle` in `haystack`: each candidate's first byte found by `memchr`,
    /// the rest compared by `memcmp`.
    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let base = haystack.baseAddress, let first = needle.first, haystack.count >= needle.count else { return nil }
        var offset = 0
        let last = haystack.count - needle.count
        while offset <= last {
            guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
            let start = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + start, needle, needle.count) == 0 { return start }
            offset = start + 1
        }
        return nil
    }
}
