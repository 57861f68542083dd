/// Sizes of a document's content by field path (`paths`, `paths.term`), read
/// the way Mustache reads the content (by reflection), for the output estimate.
extension DocumentContent {
    /// The number of items of the list at `path` (the most, when it is inside another list).
    func listLength(at path: String) -> Int {
        Self.measure(self, path.split(separator: ".").map(String.init)[...]) { value in
            let mirror = Mirror(reflecting: value)
            return mirror.displayStyle == .collection ? mirror.children.count : 1
        }
    }

    /// The length in bytes of the longest value at `path` (of its longest item, for a list).
    func largestValueBytes(at path: String) -> Int {
        func bytes(_ value: Any) -> Int {
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .collection else { return "\(value)".utf8.count }
            return mirror.children.map { bytes($0.value) }.max() ?? 0
        }
        return Self.measure(self, path.split(separator: ".").map(String.init)[...], bytes)
    }

    /// `size` of the value at `path` below `value`, the largest over list items on the way.
    private static func measure(_ value: Any, _ path: ArraySlice<String>, _ size: (Any) -> Int) -> Int {
        let mirror = Mirror(reflecting: value)
        guard let name = path.first else { return size(value) }
        switch mirror.displayStyle {
        case .collection?:
            return mirror.children.map { measure($0.value, path, size) }.max() ?? 0
        case .optional?:
            return mirror.children.first.map { measure($0.value, path, size) } ?? 0
        default:
            guard let child = mirror.children.first(where: { $0.label == name }) else { return 0 }
            return measure(child.value, path.dropFirst(), size)
        }
    }
}
