/// Names of relationships in English and French, from the generations between each person and
/// their closest common ancestor (`up` from the first person, `down` from the second): what the
/// first person is to the second.
public enum RelationshipNames {
    static func pick(_ sex: Sex, _ male: String, _ female: String, _ neutral: String) -> String {
        switch sex {
        case .male: male
        case .female: female
        case .unknown: neutral
        }
    }

    static func ordinal(_ n: Int) -> String {
        let words = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
        if n < words.count { return words[n] }
        let suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
        return "\(n)\(suffix)"
    }

    static func times(_ n: Int) -> String {
        switch n {
        case 1: "once"
        case 2: "twice"
        case 3: "three times"
        default: "\(n) times"
        }
    }

    /// `great-` repeated, or `3× great-` past three.
    static func greats(_ n: Int) -> String {
        n <= 0 ? "" : n <= 3 ? String(repeating: "great-", count: n) : "\(n)× great-"
    }

    static func arriere(_ n: Int) -> String {
        n <= 0 ? "" : n <= 2 ? String(repeating: "arrière-", count: n) : "\(n)× arrière-"
    }

    public static func blood(up: Int, down: Int, sex: Sex, half: Bool) -> (english: String, french: String) {
        switch (up, down) {
        case (0, 1):
            return (pick(sex, "father", "mother", "parent"), pick(sex, "père", "mère", "parent"))
        case (0, let n):
            return (
                greats(n - 2) + pick(sex, "grandfather", "grandmother", "grandparent"),
                arriere(n - 2) + pick(sex, "grand-père", "grand-mère", "grand-parent")
            )
        case (1, 0):
            return (pick(sex, "son", "daughter", "child"), pick(sex, "fils", "fille", "enfant"))
        case (let n, 0):
            return (
                greats(n - 2) + pick(sex, "grandson", "granddaughter", "grandchild"),
                arriere(n - 2) + pick(sex, "petit-fils", "petite-fille", "petit-enfant")
            )
        case (1, 1):
            return half
                ? (pick(sex, "half-brother", "half-sister", "half-sibling"), pick(sex, "demi-frère", "demi-sœur", "demi-frère ou demi-sœur"))
                : (pick(sex, "brother", "sister", "sibling"), pick(sex, "frère", "sœur", "frère ou sœur"))
        case (1, let n):
            return (
                greats(n - 2) + pick(sex, "uncle", "aunt", "uncle or aunt"),
                (n == 2 ? "" : n == 3 ? "grand-" : arriere(n - 3) + "grand-") + pick(sex, "oncle", "tante", "oncle ou tante")
            )
        case (let n, 1):
            return (
                greats(n - 2) + pick(sex, "nephew", "niece", "nephew or niece"),
                (n == 2 ? "" : n == 3 ? pick(sex, "petit-", "petite-", "petit-") : arriere(n - 3) + pick(sex, "petit-", "petite-", "petit-"))
                    + pick(sex, "neveu", "nièce", "neveu ou nièce")
            )
        default:
            let degree = min(up, down) - 1
            let removed = abs(up - down)
            let english = "\(ordinal(degree)) cousin" + (removed > 0 ? " \(times(removed)) removed" : "")
            let cousin = pick(sex, "cousin", "cousine", "cousin")
            let french: String
            switch (up, down) {
            case (2, 2): french = "\(cousin) \(pick(sex, "germain", "germaine", "germain"))"
            case (3, 3): french = "\(cousin) issu\(sex == .female ? "e" : "") de germain"
            case (2, 3): french = pick(sex, "oncle", "tante", "oncle ou tante") + " à la mode de Bretagne"
            case (3, 2): french = pick(sex, "neveu", "nièce", "neveu ou nièce") + " à la mode de Bretagne"
            default: french = "\(cousin) au \(up + down)e degré"
            }
            return ((half ? "half-" : "") + english, french)
        }
    }

    public static func spouse(_ sex: Sex) -> (english: String, french: String) {
        (pick(sex, "husband", "wife", "spouse"), pick(sex, "époux", "épouse", "conjoint"))
    }

    /// Through one marriage. `viaOwnSpouse`: the first person's spouse is `link` to the second
    /// (the first is, e.g., the husband of the second's sister); otherwise the first is `link`
    /// to the second's spouse (e.g., the father of the second's wife).
    public static func inLaw(spouseIs link: GenealogyGraph.RelationshipLink, sex: Sex, viaOwnSpouse: Bool) -> (english: String, french: String) {
        switch (link.up, link.down, viaOwnSpouse) {
        case (1, 1, _):
            return (pick(sex, "brother-in-law", "sister-in-law", "sibling-in-law"), pick(sex, "beau-frère", "belle-sœur", "beau-frère ou belle-sœur"))
        case (0, 1, false):
            return (pick(sex, "father-in-law", "mother-in-law", "parent-in-law"), pick(sex, "beau-père", "belle-mère", "beau-parent"))
        case (1, 0, true):
            return (pick(sex, "son-in-law", "daughter-in-law", "child-in-law"), pick(sex, "gendre", "belle-fille", "gendre ou belle-fille"))
        case (0, 1, true):
            return (pick(sex, "stepfather", "stepmother", "step-parent"), pick(sex, "beau-père", "belle-mère", "beau-parent"))
        case (1, 0, false):
            return (pick(sex, "stepson", "stepdaughter", "stepchild"), pick(sex, "beau-fils", "belle-fille", "bel-enfant"))
        default:
            let (english, french) = blood(up: link.up, down: link.down, sex: .unknown, half: false)
            return viaOwnSpouse
                ? ("spouse of a \(english)", "conjoint d'un \(french)")
                : ("\(english) of the spouse", "\(french) du conjoint")
        }
    }
}
