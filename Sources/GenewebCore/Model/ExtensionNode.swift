/// Data from an imported file that our model has no field for, kept as the file had it so that
/// exports give it back: a GEDCOM structure (tag, optional xref and value, substructures), e.g.
/// `_MARNM`, `_FREL`, `_UID`, an FTM `_PHOTO` or a whole unknown record. Nothing is dropped.
///
/// Convention for structures our model does hold but whose every substructure it does not: a node
/// with the structure's tag (`NAME`, `PLAC`, `FAMC`, `CHIL`) and `detailsOf` set carries the
/// substructures we did not model (a name's `_MARNM`, a place's `MAP`, a child link's `_FREL`);
/// writers merge them back under the structure they write.
public struct ExtensionNode: Hashable, Sendable, Codable {
    public var tag: String
    public var value: String?
    /// A pointer value (`@I12@`) or, for records, the record's own xref.
    public var xref: String?
    public var children: [ExtensionNode]
    /// True when this node only carries extra substructures of a structure the model holds
    /// (see the type's documentation); its `value` then names which one (a pointer or a text).
    public var detailsOf: Bool

    public init(tag: String, value: String? = nil, xref: String? = nil, children: [ExtensionNode] = [], detailsOf: Bool = false) {
        self.tag = tag
        self.value = value
        self.xref = xref
        self.children = children
        self.detailsOf = detailsOf
    }
}
