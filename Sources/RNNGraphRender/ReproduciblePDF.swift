import Foundation

/// Makes cairo's PDF output reproducible: cairo stamps the current time as
/// `/CreationDate (D:YYYYMMDDHHMMSS…)`; the stamp is replaced in place by a
/// fixed date of the same length, so every byte offset in the file stays valid.
enum ReproduciblePDF {
    static func normalize(_ pdf: Data) -> Data {
        let key = Array("/CreationDate (D:".utf8)
        var bytes = [UInt8](pdf)
        guard let start = find(key, in: bytes) else { return pdf }
        var position = start + key.count
        // Overwrite the digits of the date with those of 2000-01-01 00:00:00.
        let fixed = Array("20000101000000".utf8)
        var k = 0
        while position < bytes.count, k < fixed.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            bytes[position] = fixed[k]
            position += 1
            k += 1
        }
        return Data(bytes)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        outer: for start in 0...(haystack.count - needle.count) {
            for k in 0..<needle.count where haystack[start + k] != needle[k] { continue outer }
            return start
        }
        return nil
    }
}
