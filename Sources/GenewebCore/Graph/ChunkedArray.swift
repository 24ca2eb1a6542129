import Foundation

/// An array kept in chunks of 1,024 elements, so that a copy changed in a few places shares
/// everything else with the original: copying it copies one reference per chunk, and changing an
/// element copies only its chunk. The graph of a base is copied for every write applied to it
/// while requests go on reading the previous one; with plain arrays that copy took tens of
/// milliseconds at 100,000 persons.
public struct ChunkedArray<Element>: RandomAccessCollection, MutableCollection {
    @usableFromInline static var shift: Int { 10 }
    @usableFromInline static var mask: Int { 1023 }

    @usableFromInline var chunks: [[Element]]
    public private(set) var count: Int

    public init() {
        chunks = []
        count = 0
    }

    public init(_ elements: [Element]) {
        count = elements.count
        chunks = stride(from: 0, to: elements.count, by: 1 << Self.shift).map { start in
            Array(elements[start..<Swift.min(start + (1 << Self.shift), elements.count)])
        }
    }

    public init(repeating element: Element, count: Int) {
        self.count = count
        chunks = stride(from: 0, to: count, by: 1 << Self.shift).map { start in
            [Element](repeating: element, count: Swift.min(1 << Self.shift, count - start))
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inlinable public subscript(position: Int) -> Element {
        get { chunks[position >> Self.shift][position & Self.mask] }
        // In place: changing one element must not copy its chunk when it is not shared.
        _modify { yield &chunks[position >> Self.shift][position & Self.mask] }
    }

    public mutating func append(_ element: Element) {
        if count & Self.mask == 0 {
            // Full-sized at once: a graph is built by appending a million elements.
            var chunk: [Element] = []
            chunk.reserveCapacity(1 << Self.shift)
            chunk.append(element)
            chunks.append(chunk)
        } else {
            chunks[chunks.count - 1].append(element)
        }
        count += 1
    }

    /// Bytes held by the elements (chunks are allocated whole).
    var allocatedBytes: Int { chunks.count * (1 << Self.shift) * MemoryLayout<Element>.stride }
}

extension ChunkedArray: Sendable where Element: Sendable {}
