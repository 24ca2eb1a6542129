/// A GEDCOM structure: a line with its substructures, CONC/CONT already joined into `value`.
public struct GedcomNode: Sendable, Hashable {
    public var tag: String
    public var xref: String?
    /// Text value (with `@@` unescaped) or pointer (`@I1@`).
    public var value: String?
    public var isPointer: Bool
    public var children: [GedcomNode]
    public var line: Int

    public init(tag: String, xref: String? = nil, value: String? = nil, isPointer: Bool = false, children: [GedcomNode] = [], line: Int = 0) {
        self.tag = tag
        self.xref = xref
        self.value = value
        self.isPointer = isPointer
        self.children = children
        self.line = line
    }

    /// The first child with `tag`.
    public func first(_ tag: String) -> GedcomNode? { children.first { $0.tag == tag } }

    /// Every child with `tag`.
    public func all(_ tag: String) -> [GedcomNode] { children.filter { $0.tag == tag } }

    /// The text value of the first child with `tag`, when it is not empty.
    public func text(_ tag: String) -> String? {
        guard let value = first(tag)?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Adds `separator` and `piece` to the value in place (continuation lines), so a value of
    /// many pieces is built in time linear in its length.
    mutating func appendToValue(_ separator: String, _ piece: String) {
        if value == nil { value = "" }
        value!.append(separator)
        value!.append(piece)
    }
}
