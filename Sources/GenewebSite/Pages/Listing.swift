/// A list for a template: `{{#list.any}}<ul>{{#list.items}}…{{/list.items}}</ul>{{/list.any}}`
/// writes the wrapper only when there are items. (Templates see stored properties only, so the
/// flag is stored, not computed.)
public struct Listing<Item> {
    public let items: [Item]
    public let any: Bool

    public init(_ items: [Item]) {
        self.items = items
        any = !items.isEmpty
    }
}

extension Listing: Sendable where Item: Sendable {}
