import Foundation

/// An array kept in chunks of 1,024 elements, so that a copy changed in a few places shares
/// everything else with the original: copying it copies one reference per chunk, and changing an
/// element copies only its chunk. The graph of a base is copied for every write applied to it
/// while requests go on reading the previous one; with plain arrays that copy took tens of
/// milliseconds at 100,000 persons (every list of children retained one by one).
public struct ChunkedArray<Element>: RandomAccessCollection, MutableCollection {
    @usableFromInline static var shift: Int { 10 }
    @usableFromInline static var mask: Int { 1023 }

    @usableFromInline var chunks: [[Element]]
    public private(set) var count: Int

    public init(_ elements: [Element]) {
        count = elements.count
        chunks = stride(from: 0, to: elements.count, by: 1 << Self.shift).map { start in
            Array(elements[start..<Swift.min(start + (1 << Self.shift), elements.count)])
        }
    }

    public init(repeating element: Element, count: Int) {
        self.init([Element](repeating: element, count: count))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inlinable public subscript(position: Int) -> Element {
        get { chunks[position >> Self.shift][position & Self.mask] }
        // In place: appending to a list of children must not copy the list first.
        _modify { yield &chunks[position >> Self.shift][position & Self.mask] }
    }

    public mutating func append(_ element: Element) {
        if count & Self.mask == 0 {
            chunks.append([element])
        } else {
            chunks[chunks.count - 1].append(element)
        }
        count += 1
    }
}

extension ChunkedArray: Sendable where Element: Sendable {}

/// A dictionary from ids to numbers that a copy can change cheaply: changes go to a small
/// overlay above a shared base, folded into it only when the overlay has grown to an eighth of
/// it (so the cost of folding is spread over as many changes).
struct OverlaidIndex: Sendable {
    private var base: [UUID: Int32]
    /// A number, or -1 for an id removed from the base.
    private var overlay: [UUID: Int32] = [:]

    init(_ base: [UUID: Int32]) {
        self.base = base
    }

    subscript(id: UUID) -> Int32? {
        get {
            if let changed = overlay[id] { return changed < 0 ? nil : changed }
            return base[id]
        }
        set {
            overlay[id] = newValue ?? -1
            guard overlay.count > max(1024, base.count / 8) else { return }
            for (id, number) in overlay {
                base[id] = number < 0 ? nil : number
            }
            overlay = [:]
        }
    }
}
