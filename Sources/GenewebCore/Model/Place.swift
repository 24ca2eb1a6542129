/// A place in a hierarchy (village → county → country), with coordinates when known.
public struct Place: Hashable, Sendable, Codable, Identifiable {
    public var id: PlaceID
    public var name: String
    public var parentID: PlaceID?
    public var latitude: Double?
    public var longitude: Double?
    public var extensions: [ExtensionNode]

    public init(
        id: PlaceID = PlaceID(), name: String, parentID: PlaceID? = nil, latitude: Double? = nil, longitude: Double? = nil, extensions: [ExtensionNode] = []
    ) {
        self.id = id
        self.name = name
        self.parentID = parentID
        self.latitude = latitude
        self.longitude = longitude
        self.extensions = extensions
    }
}
