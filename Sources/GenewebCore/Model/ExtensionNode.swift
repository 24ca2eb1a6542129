/// Data from an imported file that our model has no field for, kept as the file had it so that
/// exports give it back: a GEDCOM structure (tag, optional xref and value, substructures), e.g.
/// `_MARNM`, `_FREL`, `_UID`, an FTM `_PHOTO` or a whole unknown record. Nothing is dropped.
public struct ExtensionNode: Hashable, Sendable, Codable {
    public var tag: String
    public var value: String?
    /// A pointer value (`@I12@`) or, for records, the record's own xref.
    public var xref: String?
    public var children: [ExtensionNode]

    public init(tag: String, value: String? = nil, xref: String? = nil, children: [ExtensionNode] = []) {
        self.tag = tag
        self.value = value
        self.xref = xref
        self.children = children
    }
}
