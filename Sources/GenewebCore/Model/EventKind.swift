/// The kinds of events GeneWeb knows (its `epers_name` and `efam_name`), plus custom ones.
public enum EventKind: Hashable, Sendable, Codable {
    // Personal events
    case birth, baptism, death, burial, cremation
    case accomplishment, acquisition, adhesion, baptismLDS, barMitzvah, batMitzvah, benediction
    case changeName, circumcision, confirmation, confirmationLDS, decoration, demobilisationMilitaire
    case diploma, distinction, dotation, dotationLDS, education, election, emigration, excommunication
    case familyLinkLDS, firstCommunion, funeral, graduate, hospitalisation, illness, immigration
    case listePassenger, militaryDistinction, militaryPromotion, militaryService, mobilisationMilitaire
    case naturalisation, occupation, ordination, property, census, residence, retired
    case scellentChildLDS, scellentParentLDS, scellentSpouseLDS, venteBien, will
    // Family events
    case marriage, noMarriage, noMention, engagement, divorce, separation, annulment
    case marriageBann, marriageContract, marriageLicense, pacs, familyResidence
    /// Any other event, by its name ("Christening of the bell", a GEDCOM `EVEN` with `TYPE`).
    case custom(String)

    /// Stable snake_case name for JSON and the database; custom kinds are `custom:NAME`.
    public var name: String {
        if case .custom(let text) = self { return "custom:" + text }
        return Self.names[self] ?? "custom"
    }

    /// The kind for a name made by `name`; unknown names become custom kinds.
    public init(name: String) {
        if name.hasPrefix("custom:") {
            self = .custom(String(name.dropFirst(7)))
        } else {
            self = Self.kinds[name] ?? .custom(name)
        }
    }

    /// Whether this is one of a family's events rather than a person's.
    public var isFamilyEvent: Bool {
        switch self {
        case .marriage, .noMarriage, .noMention, .engagement, .divorce, .separation, .annulment,
            .marriageBann, .marriageContract, .marriageLicense, .pacs, .familyResidence:
            true
        default: false
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(name: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    /// The names of every kind but custom ones, for catalogs that must name them all.
    public static var knownNames: [String] { kinds.keys.sorted() }

    private static let kinds: [String: EventKind] = [
        "birth": .birth, "baptism": .baptism, "death": .death, "burial": .burial, "cremation": .cremation,
        "accomplishment": .accomplishment, "acquisition": .acquisition, "adhesion": .adhesion,
        "baptism_lds": .baptismLDS, "bar_mitzvah": .barMitzvah, "bat_mitzvah": .batMitzvah,
        "benediction": .benediction, "change_name": .changeName, "circumcision": .circumcision,
        "confirmation": .confirmation, "confirmation_lds": .confirmationLDS, "decoration": .decoration,
        "demobilisation_militaire": .demobilisationMilitaire, "diploma": .diploma, "distinction": .distinction,
        "dotation": .dotation, "dotation_lds": .dotationLDS, "education": .education, "election": .election,
        "emigration": .emigration, "excommunication": .excommunication, "family_link_lds": .familyLinkLDS,
        "first_communion": .firstCommunion, "funeral": .funeral, "graduate": .graduate,
        "hospitalisation": .hospitalisation, "illness": .illness, "immigration": .immigration,
        "liste_passenger": .listePassenger, "military_distinction": .militaryDistinction,
        "military_promotion": .militaryPromotion, "military_service": .militaryService,
        "mobilisation_militaire": .mobilisationMilitaire, "naturalisation": .naturalisation,
        "occupation": .occupation, "ordination": .ordination, "property": .property, "census": .census,
        "residence": .residence, "retired": .retired, "scellent_child_lds": .scellentChildLDS,
        "scellent_parent_lds": .scellentParentLDS, "scellent_spouse_lds": .scellentSpouseLDS,
        "vente_bien": .venteBien, "will": .will,
        "marriage": .marriage, "no_marriage": .noMarriage, "no_mention": .noMention,
        "engagement": .engagement, "divorce": .divorce, "separation": .separation, "annulment": .annulment,
        "marriage_bann": .marriageBann, "marriage_contract": .marriageContract,
        "marriage_license": .marriageLicense, "pacs": .pacs, "family_residence": .familyResidence,
    ]

    private static let names: [EventKind: String] = Dictionary(uniqueKeysWithValues: kinds.map { ($1, $0) })
}
