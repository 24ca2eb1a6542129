import Foundation
import GenewebCore
import GenewebFormats
import GenewebTestSupport
import Testing

@testable import GenewebStore

/// The store's own JSON writer must give what `JSONEncoder` gives, as JSON values: every document
/// it writes is read back by `JSONDecoder`.
@Suite("Document encoder")
struct DocumentEncoderTests {
    let encoder = DocumentEncoder()

    /// Same JSON value as JSONEncoder's text (key order aside) and decodes to the same value.
    func expectSameAsFoundation<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try encoder.encode(value)
        let foundation = try JSONEncoder().encode(value)
        let oursObject = try JSONSerialization.jsonObject(with: Data(ours), options: [.fragmentsAllowed]) as? NSObject
        let theirObject = try JSONSerialization.jsonObject(with: foundation, options: [.fragmentsAllowed]) as? NSObject
        #expect(oursObject == theirObject, "\(String(decoding: ours, as: UTF8.self))", sourceLocation: sourceLocation)
        #expect(try JSONDecoder().decode(T.self, from: Data(ours)) == value, sourceLocation: sourceLocation)
    }

    @Test("every record of a synthetic tree encodes as JSONEncoder does")
    func syntheticTree() throws {
        let document = SyntheticTree(persons: 400, seed: 7).generate()
        #expect(document.persons.count == 400)
        for person in document.persons { try expectSameAsFoundation(person) }
        for family in document.families { try expectSameAsFoundation(family) }
        for source in document.sources { try expectSameAsFoundation(source) }
    }

    @Test(
        "every record of the GEDCOM 7 maximal file encodes as JSONEncoder does",
        .enabled(if: Corpus.runsTests, "corpus not found: set GENEWEB_CORPUS_DIR"))
    func maximal70() throws {
        let document = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes("maximal70.ged")))
        #expect(!document.persons.isEmpty)
        for person in document.persons { try expectSameAsFoundation(person) }
        for family in document.families { try expectSameAsFoundation(family) }
        for source in document.sources { try expectSameAsFoundation(source) }
        for repository in document.repositories { try expectSameAsFoundation(repository) }
        for note in document.notes { try expectSameAsFoundation(note) }
        for media in document.media { try expectSameAsFoundation(media) }
        for record in document.otherRecords { try expectSameAsFoundation(record) }
        if let header = document.header { try expectSameAsFoundation(header) }
    }

    struct Scalars: Codable, Equatable {
        var text = "quote \" backslash \\ slash / tab \t newline \n bell \u{7} nul \u{0} é 𝄞 👨‍👩‍👧"
        var empty = ""
        var integer = -9_223_372_036_854_775_807
        var unsigned: UInt64 = 18_446_744_073_709_551_615
        var small: Int8 = -128
        var double = 0.1
        var whole = 79.0
        var huge = 1e300
        var tiny = -2.5e-10
        var flag = true
        var missing: String?
        var present: Int? = 0
        var date = Date(timeIntervalSinceReferenceDate: 123.5)
        var data = Data([0, 1, 2, 255])
        var url = URL(string: "https://example.org/a?b=c")!
        var id = UUID(uuidString: "A0519E61-92C1-44D6-B78B-59E3E7C68AEA")!
        var list: [[Int?]] = [[1, nil], [], [3]]
        var map = ["b": 2, "a": 1]
        var byNumber = [3: "three"]
        var nested = Nested()
        var none = Empty()
        var choice = Choice.dead(reason: "killed", at: 3)
        var plain = Choice.alive
    }

    struct Nested: Codable, Equatable {
        var inner: [Empty] = [Empty(), Empty()]
        var optional: Nested2? = Nested2()
    }

    struct Nested2: Codable, Equatable {
        var x = 1
    }

    struct Empty: Codable, Equatable {}

    enum Choice: Codable, Equatable {
        case alive
        case dead(reason: String, at: Int)
    }

    @Test("scalars, escapes, optionals, nesting, enums with values, dictionaries")
    func scalars() throws {
        try expectSameAsFoundation(Scalars())
        try expectSameAsFoundation([Scalars(), Scalars()])
        try expectSameAsFoundation("just a string")
        try expectSameAsFoundation(42)
        #expect(try encoder.string("a/b\u{1F}") == "\"a/b\\u001f\"")
        #expect(try encoder.string(Nested2()) == "{\"x\":1}")
        #expect(try encoder.string(Empty()) == "{}")
        #expect(try encoder.string([Int]()) == "[]")
    }

    @Test("non-finite numbers are refused as JSONEncoder refuses them")
    func nonFinite() {
        #expect(throws: EncodingError.self) { try encoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try encoder.encode(Double.infinity) }
    }

    class Animal: Codable, Equatable {
        var name = "Rex"
        static func == (lhs: Animal, rhs: Animal) -> Bool { lhs.name == rhs.name && type(of: lhs) == type(of: rhs) }
    }

    final class Dog: Animal {
        var bark = "woof"
        enum CodingKeys: CodingKey { case bark }
        override init() { super.init() }
        required init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            bark = try container.decode(String.self, forKey: .bark)
            try super.init(from: container.superDecoder())
        }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(bark, forKey: .bark)
            try super.encode(to: container.superEncoder())
        }
    }

    struct TwoContainers: Encodable {
        enum Keys: CodingKey { case a, b, c }
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            var first = outer.nestedUnkeyedContainer(forKey: .a)
            var second = outer.nestedUnkeyedContainer(forKey: .b)
            try second.encode(2)
            // Back to a container that the second one closed: not streamable.
            try first.encode(1)
            try outer.encode(3, forKey: .c)
        }
    }

    @Test("what cannot be streamed goes to JSONEncoder and still comes out right")
    func fallback() throws {
        let dog = Dog()
        let json = try JSONSerialization.jsonObject(with: Data(try encoder.encode(dog))) as? [String: Any]
        #expect(json?["bark"] as? String == "woof")
        #expect((json?["super"] as? [String: Any])?["name"] as? String == "Rex")
        let two = try JSONSerialization.jsonObject(with: Data(try encoder.encode(TwoContainers()))) as? [String: Any]
        #expect(two?["a"] as? [Int] == [1])
        #expect(two?["b"] as? [Int] == [2])
        #expect(two?["c"] as? Int == 3)
    }
}
