/// An archive, library or person holding sources.
public struct Repository: Hashable, Sendable, Codable, Identifiable {
    public var id: RepositoryID
    public var name: String
    public var address: String?
    public var gedcomXref: String?
    public var extensions: [ExtensionNode]

    public init(id: RepositoryID = RepositoryID(), name: String, address: String? = nil, gedcomXref: String? = nil, extensions: [ExtensionNode] = []) {
        self.id = id
        self.name = name
        self.address = address
        self.gedcomXref = gedcomXref
        self.extensions = extensions
    }
}
