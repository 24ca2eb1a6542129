import Foundation
import GenewebCore
import Metrics

/// Reads stored person and family documents without `JSONDecoder`: the JSON text is read once,
/// byte by byte, straight into the model's values.
///
/// Why: `JSONDecoder` first builds a tree of every value, then walks it through keyed containers
/// that look each key up and box each value; reading a person that way was 12-18% of a person
/// page and most of a GEDCOM export. This reader mirrors the model's `Decodable` conformances
/// (synthesised ones, and the custom ones of dates, event kinds and identifiers) by hand, so it
/// gives what `JSONDecoder` gives: members in any order and with any whitespace (PostgreSQL's
/// JSONB text sorts and spaces them), unknown members ignored, optional members missing or null,
/// the same refusals of missing or mistyped members.
///
/// It refuses (throws `DocumentDecodingError`) rather than guesses on valid JSON we never write
/// and where `JSONDecoder`'s answer is its own to give (see `JSONByteReader`); `decode` then asks
/// `JSONDecoder`, so callers always get `JSONDecoder`'s result, most of the time much faster.
public struct DocumentDecoder: Sendable {
    public init() {}

    /// A stored person. Throws on anything but a person document this decoder fully understands.
    public func person(from json: String) throws -> Person {
        try read(json) { try $0.readPerson() }
    }

    /// A stored family. Throws on anything but a family document this decoder fully understands.
    public func family(from json: String) throws -> Family {
        try read(json) { try $0.readFamily() }
    }

    /// A stored document of any type, as `JSONDecoder` decodes it: persons and families by this
    /// decoder, falling back to `JSONDecoder` for a document it refuses; other types by `JSONDecoder`.
    public func decode<T: Decodable>(_ type: T.Type, from json: String) throws -> T {
        do {
            // Comparing metatypes costs nothing; the casts cannot fail once they are equal.
            if T.self == Person.self { return try person(from: json) as! T }
            if T.self == Family.self { return try family(from: json) as! T }
        } catch is DocumentDecodingError {
            // Broken, or valid in a way only JSONDecoder may interpret: it decides (and its
            // error is the one callers have always seen). Counted, so that a change that made
            // this decoder refuse common documents shows on /metrics, not only as slowness.
            Counter(label: "geneweb_document_decoder_fallbacks_total", dimensions: [("type", "\(T.self)")]).increment()
        }
        return try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    private func read<Value>(_ json: String, _ body: (inout JSONByteReader) throws -> Value) throws -> Value {
        var json = json
        // A native string's bytes in place: no copy, and valid UTF-8 by construction.
        return try json.withUTF8 { bytes in
            var reader = JSONByteReader(bytes)
            let value = try body(&reader)
            try reader.finish()
            return value
        }
    }
}
