/// The JSON shapes of requests and responses, for the OpenAPI document, and which route uses which.
enum OpenAPISchemas {
    private static func string(_ format: String? = nil, nullable: Bool = false) -> [String: Any] {
        var schema: [String: Any] = ["type": nullable ? ["string", "null"] : "string"]
        if let format { schema["format"] = format }
        return schema
    }
    private static var integer: [String: Any] { ["type": "integer"] }
    private static var boolean: [String: Any] { ["type": "boolean"] }
    private static var number: [String: Any] { ["type": ["number", "null"]] }
    private static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    private static func nullable(_ name: String) -> [String: Any] { ["anyOf": [ref(name), ["type": "null"]]] }
    private static func object(_ properties: [String: Any], required: [String] = [], closed: Bool = false) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        if closed { schema["additionalProperties"] = false }
        return schema
    }
    private static func page(_ item: String) -> [String: Any] {
        object(
            [
                "items": array(ref(item)), "total": integer, "offset": integer, "limit": integer,
                "page": integer, "page_size": integer, "total_pages": integer, "has_next": boolean, "has_previous": boolean,
            ], required: ["items", "total", "offset", "limit"])
    }

    static var all: [String: Any] {
        [
            "Date": object(
                [
                    "text": string(), "calendar": string(nullable: true), "precision": string(nullable: true),
                    "year": integer, "month": integer, "day": integer, "sort_key": integer,
                ], required: ["text"]),
            "Event": object(
                [
                    "kind": string(), "date": nullable("Date"), "place": string(nullable: true), "note": string(nullable: true),
                    "source": string(nullable: true), "value": string(nullable: true), "reason": string(nullable: true),
                    "age": string(nullable: true), "witnesses": array(object(["person_id": string("uuid"), "kind": string()])),
                ], required: ["kind", "witnesses"]),
            "Title": object(
                [
                    "title": string(), "place": string(), "name": string(nullable: true), "is_main": boolean,
                    "start": nullable("Date"), "end": nullable("Date"), "nth": integer,
                ], required: ["title", "place"]),
            "Person": object(
                [
                    "id": string("uuid"), "person_id": string("uuid"), "key": string(), "first_name": string(), "surname": string(),
                    "last_name": string(), "occurrence": integer, "sex": ["type": "string", "enum": ["male", "female", "unknown"]],
                    "public_name": string(nullable: true), "qualifiers": array(string()), "aliases": array(string()),
                    "first_names_aliases": array(string()), "surname_aliases": array(string()), "titles": array(ref("Title")),
                    "occupation": string(nullable: true), "birth": nullable("Event"), "baptism": nullable("Event"),
                    "death": nullable("Event"), "burial": nullable("Event"), "death_type": string(), "events": array(ref("Event")),
                    "notes": string(nullable: true), "psources": string(nullable: true),
                    "access": ["type": "string", "enum": ["public", "private", "iftitles"]],
                    "birth_date": string(nullable: true), "birth_place": string(nullable: true), "death_date": string(nullable: true),
                    "death_place": string(nullable: true), "is_living": boolean, "anonymized": boolean,
                    "privacy": ["type": "string", "enum": ["public"]], "version": integer,
                    "created_at": string("date-time"), "updated_at": string("date-time"),
                ], required: ["id", "person_id", "key", "first_name", "surname", "last_name", "occurrence", "sex", "privacy", "version"]),
            "RestrictedPerson": object(
                ["id": string("uuid"), "person_id": string("uuid"), "privacy": ["type": "string", "enum": ["restricted"]]],
                required: ["id", "person_id", "privacy"]),
            "VisiblePerson": ["oneOf": [ref("Person"), ref("RestrictedPerson")]],
            "EventInput": EventInput.schema(kind: true),
            "VitalEventInput": EventInput.schema(kind: false),
            "PersonInput": PersonInput.schema,
            "FamilyMember": object(
                [
                    "person_id": string("uuid"), "name": string(nullable: true), "sex": string(nullable: true),
                    "privacy": string(),
                ], required: ["person_id", "privacy"]),
            "Family": object(
                [
                    "id": string("uuid"), "family_id": string("uuid"), "relation": string(), "parents": array(ref("FamilyMember")),
                    "children": array(ref("FamilyMember")), "father_ids": array(string("uuid")), "mother_ids": array(string("uuid")),
                    "children_ids": array(string("uuid")), "marriage": nullable("Event"), "events": array(ref("Event")),
                    "comment": string(nullable: true), "notes": string(nullable: true), "fsources": string(nullable: true),
                    "divorce_info": object(["divorce_status": string(), "divorce_date": nullable("Date")]),
                    "privacy": ["type": "string", "enum": ["public", "restricted"]], "version": integer,
                ], required: ["id", "family_id", "relation", "parents", "children", "children_ids", "privacy", "version"]),
            "FamilyInput": FamilyInput.schema,
            "Source": object(
                [
                    "id": string("uuid"), "source_id": string("uuid"), "title": string(), "author": string(nullable: true),
                    "publication": string(nullable: true), "abbreviation": string(nullable: true), "text": string(nullable: true),
                    "created_at": string(), "updated_at": string(),
                ], required: ["id", "title"]),
            "Note": object(
                [
                    "id": string("uuid"), "note_id": string("uuid"), "title": string(nullable: true), "text": string(),
                    "is_private": boolean, "links": array(string()), "created_at": string(), "updated_at": string(),
                ], required: ["id", "text"]),
            "Place": object(
                [
                    "id": string("uuid"), "place_id": string("uuid"), "name": string(), "parent_id": string("uuid", nullable: true),
                    "latitude": number, "longitude": number, "created_at": string(), "updated_at": string(),
                ], required: ["id", "name"]),
            "User": object(
                [
                    "id": string("uuid"), "username": string(), "email": string(), "full_name": string(),
                    "role": ["type": "string", "enum": ["admin", "editor", "viewer"]], "is_active": boolean,
                    "created_at": string("date-time"), "last_login": string("date-time", nullable: true),
                ],
                required: ["id", "username", "email", "full_name", "role", "is_active", "created_at"]),
            "UserUpdate": object(["role": string(), "is_active": boolean], closed: true),
            "UserCreate": object(
                [
                    "username": string(), "password": string("password"), "email": string(), "full_name": string(),
                    "role": string(),
                ], required: ["username", "password"]),
            "LoginRequest": object(["username": string(), "password": string("password")], required: ["username", "password"]),
            "OAuth2PasswordForm": object(["grant_type": string(), "username": string(), "password": string("password")], required: ["username", "password"]),
            "RefreshRequest": object(["refresh_token": string()], required: ["refresh_token"]),
            "ChangePasswordRequest": object(
                [
                    "current_password": string("password"), "new_password": string("password"),
                    "confirm_password": string("password"),
                ], required: ["current_password", "new_password", "confirm_password"]),
            "Token": object(
                ["access_token": string(), "refresh_token": string(), "token_type": string(), "expires_in": integer],
                required: ["access_token", "refresh_token", "token_type", "expires_in"]),
            "LoginResponse": object(
                [
                    "access_token": string(), "refresh_token": string(), "token_type": string(), "expires_in": integer,
                    "user": ref("User"),
                ], required: ["access_token", "refresh_token", "token_type", "expires_in", "user"]),
            "Message": object(["message": string()], required: ["message"]),
            "Computing": object(
                ["status": ["type": "string", "enum": ["computing"]], "detail": string(), "retry_after": integer],
                required: ["status", "detail", "retry_after"]),
            "AuditEntry": object(
                [
                    "id": integer, "occurred_at": string("date-time"), "actor_id": string(nullable: true),
                    "actor_name": string(), "action": string(), "entity_type": string(), "entity_id": string(nullable: true),
                    "base": string(nullable: true), "request_id": string(nullable: true), "client_ip": string(nullable: true),
                    "details": ["type": "object", "additionalProperties": ["type": "string"]],
                ], required: ["action", "occurred_at"]),
            "BaseInfo": object(
                [
                    "name": string(), "title": string(), "path": string(), "active": boolean, "person_count": integer,
                    "family_count": integer, "read_only": boolean, "pending_patches": integer,
                    "living_names": ["type": "string", "enum": ["hidden", "public"]],
                ], required: ["name", "active", "person_count", "family_count", "living_names"]),
            "BasePolicy": object(["living_names": ["type": "string", "enum": ["hidden", "public"]]], required: ["living_names"], closed: true),
            "Consent": object([
                "consent_status": string(), "processing_purposes": array(string()), "notes": string(nullable: true),
                "consent_date": string(nullable: true), "recorded_by": string(), "recorded_at": string("date-time"),
            ]),
            "Media": object(
                [
                    "id": string("uuid"), "media_id": string("uuid"), "title": string(nullable: true), "file": string(),
                    "format": string(nullable: true), "has_file": boolean, "mime_type": string(nullable: true),
                    "byte_size": ["type": ["integer", "null"]], "sha256": string(nullable: true),
                    "person_ids": array(string("uuid")), "family_ids": array(string("uuid")), "source_ids": array(string("uuid")),
                    "created_by": string(nullable: true), "version": integer, "created_at": string(), "updated_at": string(),
                ], required: ["id", "media_id", "file", "has_file", "person_ids", "family_ids", "source_ids", "version"]),
            "MediaUpload": object(
                [
                    "file": ["type": "string", "format": "binary", "description": "JPEG, PNG, WebP, GIF or PDF, recognised by its content"],
                    "title": string(), "person_id": string("uuid"), "family_id": string("uuid"), "source_id": string("uuid"),
                ], required: ["file"]),
            "MediaChange": object(
                [
                    "title": string(nullable: true), "person_ids": array(string("uuid")), "family_ids": array(string("uuid")),
                    "source_ids": array(string("uuid")),
                ], closed: true),
            "MediaPage": page("Media"),
            "PersonPage": page("VisiblePerson"), "FamilyPage": page("Family"), "SourcePage": page("Source"),
            "NotePage": page("Note"), "PlacePage": page("Place"), "UserPage": page("User"), "AuditPage": page("AuditEntry"),
            "EventPage": page("Event"),
        ]
    }

    /// The request and success-response schemas of a route, by method and path pattern.
    static func bodies(method: String, path: String) -> (request: String?, response: String?) {
        let p = path.replacingOccurrences(of: "/api/v1/bases/:base", with: "/api/v1")
        let isAuth = p.hasPrefix("/auth/") || p.hasPrefix("/api/v1/auth/")
        let tail = isAuth ? String(p.split(separator: "/").last ?? "") : ""
        switch (method, p) {
        case ("POST", _) where isAuth && tail == "register": return ("UserCreate", "User")
        case ("POST", _) where isAuth && tail == "login": return ("LoginRequest", "LoginResponse")
        case ("POST", _) where isAuth && tail == "oauth2": return ("OAuth2PasswordForm", "Token")
        case ("POST", _) where isAuth && tail == "refresh": return ("RefreshRequest", "Token")
        case ("POST", _) where isAuth && tail == "logout": return (nil, "Message")
        case ("GET", _) where isAuth && tail == "me": return (nil, "User")
        case ("POST", _) where isAuth && tail == "change-password": return ("ChangePasswordRequest", "Message")
        case ("GET", "/api/v1/persons"): return (nil, "PersonPage")
        case ("POST", "/api/v1/persons"): return ("PersonInput", "Person")
        case ("GET", "/api/v1/persons/by-key/:key"), ("GET", "/api/v1/persons/:person_id"): return (nil, "VisiblePerson")
        case ("PUT", "/api/v1/persons/:person_id"), ("PATCH", "/api/v1/persons/:person_id"): return ("PersonInput", "Person")
        case ("GET", "/api/v1/persons/:person_id/families"): return (nil, "FamilyPage")
        case ("GET", "/api/v1/persons/:person_id/events"): return (nil, "EventPage")
        case ("GET", "/api/v1/families"): return (nil, "FamilyPage")
        case ("POST", "/api/v1/families"), ("PUT", "/api/v1/families/:family_id"), ("PATCH", "/api/v1/families/:family_id"): return ("FamilyInput", "Family")
        case ("GET", "/api/v1/families/:family_id"): return (nil, "Family")
        case ("GET", "/api/v1/sources"): return (nil, "SourcePage")
        case ("POST", "/api/v1/sources"), ("PUT", "/api/v1/sources/:source_id"), ("PATCH", "/api/v1/sources/:source_id"): return ("Source", "Source")
        case ("GET", "/api/v1/sources/:source_id"): return (nil, "Source")
        case ("GET", "/api/v1/notes"): return (nil, "NotePage")
        case ("POST", "/api/v1/notes"), ("PUT", "/api/v1/notes/:note_id"), ("PATCH", "/api/v1/notes/:note_id"): return ("Note", "Note")
        case ("GET", "/api/v1/notes/:note_id"): return (nil, "Note")
        case ("GET", "/api/v1/places"): return (nil, "PlacePage")
        case ("POST", "/api/v1/places"), ("PUT", "/api/v1/places/:place_id"), ("PATCH", "/api/v1/places/:place_id"): return ("Place", "Place")
        case ("GET", "/api/v1/places/:place_id"): return (nil, "Place")
        case ("GET", "/api/v1/media"): return (nil, "MediaPage")
        case ("POST", "/api/v1/media"): return ("MediaUpload", "Media")
        case ("GET", "/api/v1/media/:media_id"): return (nil, "Media")
        case ("PATCH", "/api/v1/media/:media_id"): return ("MediaChange", "Media")
        case ("GET", "/api/v1/users"): return (nil, "UserPage")
        case ("POST", "/api/v1/users"): return ("UserCreate", "User")
        case ("GET", "/api/v1/users/:user_id"): return (nil, "User")
        case ("PATCH", "/api/v1/users/:user_id"): return ("UserUpdate", "User")
        case ("GET", "/api/v1/audit"): return (nil, "AuditPage")
        case ("GET", "/api/v1/database/databases/active"): return (nil, "BaseInfo")
        case ("PATCH", "/api/v1/database/databases/:name"): return ("BasePolicy", "BaseInfo")
        default: return (nil, nil)
        }
    }
}
