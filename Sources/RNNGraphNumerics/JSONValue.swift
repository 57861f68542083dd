import RNNGraphCore
import RNNGraphPaths

/// A parsed JSON value that keeps object keys in file order and reports
/// syntax errors with a line and column.
///
/// Besides standard JSON, the number literals `NaN`, `Infinity` and
/// `-Infinity` are read, so that a values file containing them is rejected
/// for its values ("not finite") rather than for its syntax.
indirect enum JSONValue: Equatable, Sendable {
    case number(Double, isInteger: Bool)
    case string(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.number(a, x), .number(b, y)): return (a == b || (a.isNaN && b.isNaN)) && x == y
        case let (.string(a), .string(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && Swift.zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// A short description of the value's type, for error messages.
    var kindDescription: String {
        switch self {
        case .number: return "a number"
        case .string: return "a string"
        case .bool: return "true/false"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Parses `text`; `source` names the file in error messages.
    /// - Throws: ``RNNGraphError/input(_:)`` naming line and column of the first syntax error.
    static func parse(_ text: String, source: String) throws -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8), source: source)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < parser.bytes.count {
            throw parser.error("unexpected text after the JSON value")
        }
        return value
    }
}

/// A recursive-descent JSON reader over UTF-8 bytes.
private struct JSONParser {
    let bytes: [UInt8]
    let source: String
    var position = 0
    static let maximumDepth = 512

    init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    /// Line and column (1-based, columns counted in characters) of a byte offset.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for k in 0..<min(offset, bytes.count) where bytes[k] == UInt8(ascii: "\n") {
            line += 1
            lineStart = k + 1
        }
        let prefix = bytes[lineStart..<min(offset, bytes.count)]
        let column = prefix.filter { $0 & 0xC0 != 0x80 }.count + 1
        return (line, column)
    }

    func error(_ message: String, at offset: Int? = nil) -> RNNGraphError {
        let (line, column) = location(of: offset ?? position)
        return .input("\(source): malformed JSON at line \(line), column \(column): \(message)")
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "end of file" }
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    mutating func parseValue(depth: Int) throws -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        guard let byte = current else { throw error("expected a value, found end of file") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "N"): try expectWord("NaN"); return .number(.nan, isInteger: false)
        case UInt8(ascii: "I"): try expectWord("Infinity"); return .number(.infinity, isInteger: false)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a value, found \(describe(byte))")
        }
    }

    mutating func expectWord(_ word: String) throws {
        let start = position
        for expected in word.utf8 {
            guard current == expected else { throw error("expected '\(word)'", at: start) }
            position += 1
        }
    }

    mutating func parseObject(depth: Int) throws -> JSONValue {
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var keys: Set<String> = []
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a key in quotes, found \(describe(current))") }
            let keyStart = position
            let key = try parseString()
            guard keys.insert(key).inserted else { throw error("duplicate key \"\(key)\"", at: keyStart) }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\", found \(describe(current))") }
            position += 1
            skipWhitespace()
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            if current == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw error("expected ',' or '}' in object, found \(describe(current))")
        }
    }

    mutating func parseArray(depth: Int) throws -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw error("expected ',' or ']' in array, found \(describe(current))")
        }
    }

    mutating func parseString() throws -> String {
        let start = position
        position += 1
        var scalars: [UInt8] = []
        while true {
            guard let byte = current else { throw error("unterminated string", at: start) }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = current else { throw error("unterminated string", at: start) }
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                          let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
                    else { throw error("bad \\u escape", at: position - 2) }
                    position += 4
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw error("bad escape '\\\(Character(Unicode.Scalar(escaped)))'", at: position - 2)
                }
            case 0x00..<0x20:
                throw error("control character in string", at: position - 1)
            default:
                scalars.append(byte)
            }
        }
    }

    mutating func parseNumber() throws -> JSONValue {
        let start = position
        if current == UInt8(ascii: "-") {
            position += 1
            if current == UInt8(ascii: "I") { try expectWord("Infinity"); return .number(-.infinity, isInteger: false) }
        }
        func digits() -> Int {
            var n = 0
            while let byte = current, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { position += 1; n += 1 }
            return n
        }
        guard digits() > 0 else { throw error("expected digits in number, found \(describe(current))") }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            position += 1
            isInteger = false
            guard digits() > 0 else { throw error("expected digits after '.', found \(describe(current))") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            isInteger = false
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw error("expected digits in exponent, found \(describe(current))") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text) else { throw error("unreadable number \(text)", at: start) }
        return .number(value, isInteger: isInteger)
    }
}
