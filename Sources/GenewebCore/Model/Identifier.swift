import Foundation

/// A record's identity: a UUID tagged with the kind of record, so a family id cannot be passed
/// where a person id is expected.
public struct Identifier<Entity>: Hashable, Sendable, Codable, CustomStringConvertible {
    public let uuid: UUID

    public init(_ uuid: UUID = .timeOrdered()) {
        self.uuid = uuid
    }

    /// Reads the usual 8-4-4-4-12 form; nil for anything else.
    public init?(_ string: String) {
        guard let uuid = UUID(uuidString: string) else { return nil }
        self.uuid = uuid
    }

    public var description: String { uuid.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws {
        uuid = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(uuid)
    }
}

public typealias PersonID = Identifier<Person>
public typealias FamilyID = Identifier<Family>
public typealias SourceID = Identifier<Source>
public typealias RepositoryID = Identifier<Repository>
public typealias NoteID = Identifier<Note>
public typealias PlaceID = Identifier<Place>
public typealias MediaID = Identifier<Media>
