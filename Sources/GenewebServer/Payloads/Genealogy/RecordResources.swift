import Foundation
import GenewebCore
import GenewebStore

/// How one kind of labelled record looks in the API: its path, its JSON, and how a request
/// changes it. Unknown fields are refused, as for persons.
protocol RecordResource: Sendable {
    associatedtype Record: LabelledRecord
    associatedtype Payload: Encodable
    static var path: String { get }
    static var entity: String { get }
    static func blank() -> Record
    static func apply(_ object: [String: Any], to record: inout Record, complete: Bool, errors: inout [FieldError])
    static func payload(_ stored: Stored<Record>) -> Payload
    /// Whether anonymous callers and viewers may see it (private notes are for editors).
    static func isPublic(_ record: Record) -> Bool
}

/// Reads an optional text field of a request, with a length limit.
func optionalText(_ object: [String: Any], _ field: String, limit: Int, errors: inout [FieldError]) -> String?? {
    guard let value = object[field] else { return .none }
    if value is NSNull { return .some(nil) }
    guard let text = value as? String, text.count <= limit else {
        errors.append(FieldError(field: field, message: "must be a text of at most \(limit) characters or null"))
        return .none
    }
    return .some(text.isEmpty ? nil : text)
}

func unknownFields(_ object: [String: Any], known: Set<String>, entity: String, errors: inout [FieldError]) {
    let readOnly: Set<String> = ["id", "created_at", "updated_at"]
    for field in object.keys.sorted() where !known.contains(field) && !readOnly.contains(field) {
        errors.append(FieldError(field: field, message: "is not a field of a \(entity)"))
    }
}

enum SourceResource: RecordResource {
    static let path = "/sources"
    static let entity = "source"
    static func blank() -> Source { Source(title: "") }

    static func apply(_ object: [String: Any], to source: inout Source, complete: Bool, errors: inout [FieldError]) {
        unknownFields(object, known: ["title", "author", "publication", "abbreviation", "text"], entity: entity, errors: &errors)
        if let title = object["title"] {
            if let text = title as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty, text.count <= 500 {
                source.title = text
            } else {
                errors.append(FieldError(field: "title", message: "must be a non-empty text of at most 500 characters"))
            }
        } else if complete {
            errors.append(FieldError(field: "title", message: "is required"))
        }
        if case .some(let value) = optionalText(object, "author", limit: 500, errors: &errors) { source.author = value }
        if case .some(let value) = optionalText(object, "publication", limit: 1000, errors: &errors) { source.publication = value }
        if case .some(let value) = optionalText(object, "abbreviation", limit: 100, errors: &errors) { source.abbreviation = value }
        if case .some(let value) = optionalText(object, "text", limit: 100_000, errors: &errors) { source.text = value }
    }

    struct Payload: Encodable {
        let id: String
        let sourceID: String
        let title: String
        let author: String?
        let publication: String?
        let abbreviation: String?
        let text: String?
        let createdAt: String
        let updatedAt: String
    }

    static func payload(_ stored: Stored<Source>) -> Payload {
        let source = stored.value
        return Payload(
            id: source.id.description, sourceID: source.id.description, title: source.title, author: source.author,
            publication: source.publication, abbreviation: source.abbreviation, text: source.text,
            createdAt: stored.createdAt, updatedAt: stored.updatedAt)
    }

    static func isPublic(_ record: Source) -> Bool { true }
}

enum NoteResource: RecordResource {
    static let path = "/notes"
    static let entity = "note"
    static func blank() -> Note { Note(text: "") }

    static func apply(_ object: [String: Any], to note: inout Note, complete: Bool, errors: inout [FieldError]) {
        unknownFields(object, known: ["title", "text", "is_private"], entity: entity, errors: &errors)
        if case .some(let value) = optionalText(object, "title", limit: 500, errors: &errors) { note.title = value }
        if let text = object["text"] {
            if let value = text as? String, value.count <= 1_000_000 {
                note.text = value
            } else {
                errors.append(FieldError(field: "text", message: "must be a text of at most 1,000,000 characters"))
            }
        } else if complete {
            errors.append(FieldError(field: "text", message: "is required"))
        }
        if let flag = object["is_private"] {
            if let value = flag as? Bool { note.isPrivate = value } else { errors.append(FieldError(field: "is_private", message: "must be true or false")) }
        }
    }

    struct Payload: Encodable {
        let id: String
        let noteID: String
        let title: String?
        let text: String
        let isPrivate: Bool
        let links: [String]
        let createdAt: String
        let updatedAt: String
    }

    static func payload(_ stored: Stored<Note>) -> Payload {
        let note = stored.value
        return Payload(
            id: note.id.description, noteID: note.id.description, title: note.title, text: note.text, isPrivate: note.isPrivate,
            links: note.links.map { "\($0)" }, createdAt: stored.createdAt, updatedAt: stored.updatedAt)
    }

    static func isPublic(_ record: Note) -> Bool { !record.isPrivate }
}

enum PlaceResource: RecordResource {
    static let path = "/places"
    static let entity = "place"
    static func blank() -> Place { Place(name: "") }

    static func apply(_ object: [String: Any], to place: inout Place, complete: Bool, errors: inout [FieldError]) {
        unknownFields(object, known: ["name", "parent_id", "latitude", "longitude"], entity: entity, errors: &errors)
        if let name = object["name"] {
            if let text = name as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty, text.count <= 500 {
                place.name = text
            } else {
                errors.append(FieldError(field: "name", message: "must be a non-empty text of at most 500 characters"))
            }
        } else if complete {
            errors.append(FieldError(field: "name", message: "is required"))
        }
        if let parent = object["parent_id"] {
            if parent is NSNull {
                place.parentID = nil
            } else if let raw = parent as? String, let id = PlaceID(raw), id != place.id {
                place.parentID = id
            } else {
                errors.append(FieldError(field: "parent_id", message: "must be another place's id or null"))
            }
        }
        for (field, range) in [("latitude", -90.0...90.0), ("longitude", -180.0...180.0)] {
            guard let value = object[field] else { continue }
            if value is NSNull {
                if field == "latitude" { place.latitude = nil } else { place.longitude = nil }
                continue
            }
            guard let number = (value as? NSNumber)?.doubleValue, !(value is Bool), range.contains(number) else {
                errors.append(FieldError(field: field, message: "must be a number in \(range.lowerBound)...\(range.upperBound)"))
                continue
            }
            if field == "latitude" { place.latitude = number } else { place.longitude = number }
        }
    }

    struct Payload: Encodable {
        let id: String
        let placeID: String
        let name: String
        let parentID: String?
        let latitude: Double?
        let longitude: Double?
        let createdAt: String
        let updatedAt: String
    }

    static func payload(_ stored: Stored<Place>) -> Payload {
        let place = stored.value
        return Payload(
            id: place.id.description, placeID: place.id.description, name: place.name, parentID: place.parentID?.description,
            latitude: place.latitude, longitude: place.longitude, createdAt: stored.createdAt, updatedAt: stored.updatedAt)
    }

    static func isPublic(_ record: Place) -> Bool { true }
}
