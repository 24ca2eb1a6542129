/// A person as a link on a page: the name, a short detail (years), and the address, which a
/// restricted person does not have (their name reads "Private person" unless the base shows
/// living persons' names).
public struct PersonLinkModel: Sendable {
    public let name: String
    public let detail: String?
    public let href: String?

    public init(name: String, detail: String?, href: String?) {
        self.name = name
        self.detail = detail
        self.href = href
    }
}

/// A label and a value (facts of a person, figures of a relationship).
public struct LabelledValue: Sendable {
    public let label: String
    public let value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// A link with its label.
public struct LinkModel: Sendable {
    public let label: String
    public let href: String
    public let current: Bool

    public init(_ label: String, _ href: String, current: Bool = false) {
        self.label = label
        self.href = href
        self.current = current
    }
}

/// Previous and next pages of a list.
public struct PagerModel: Sendable {
    public let previous: String?
    public let next: String?
    public let position: String

    public init(previous: String?, next: String?, position: String) {
        self.previous = previous
        self.next = next
        self.position = position
    }
}

/// A choice in a select box.
public struct ChoiceModel: Sendable {
    public let value: Int
    public let selected: Bool

    public init(value: Int, selected: Bool) {
        self.value = value
        self.selected = selected
    }
}
