import GenewebSite

/// `/admin` (template `adminOverview`).
struct AdminOverviewModel {
    struct BaseRow {
        let name: String
        let href: String
        let persons: String
        let families: String
        let graph: String
    }

    let facts: [LabelledValue]
    let bases: Listing<BaseRow>
    let links: [LinkModel]
}

/// `/admin/users` (template `adminUsers`).
struct AdminUsersModel {
    struct Row {
        let username: String
        /// Full name, e-mail and last sign-in, those there are.
        let details: String
        let action: String
        let passwordAction: String
        let role: FormSelectModel
        let active: FormCheckModel
        let rowID: String
    }

    let notice: String?
    let isError: Bool
    let users: Listing<Row>
    let links: [LinkModel]
    let newRole: FormSelectModel
}

/// `/admin/audit` (template `adminAudit`).
struct AdminAuditModel {
    struct Row {
        let when: String
        let who: String
        let action: String
        let entity: String
        let base: String
        let details: String
    }

    let links: [LinkModel]
    let action: String
    let entity: String
    let rows: Listing<Row>
    let summary: String
    let previous: String?
    let next: String?
}

/// `/admin/bases` (template `adminBases`).
struct AdminBasesModel {
    struct Row {
        let name: String
        let title: String
        let href: String
        let persons: String
        let families: String
        let isDefault: Bool
        let action: String
        let deleteHref: String
        let policy: FormSelectModel
        let exports: [LinkModel]
        let rowID: String
    }

    let notice: String?
    let isError: Bool
    let links: [LinkModel]
    let bases: Listing<Row>
}

/// Deleting a base (template `adminDeleteBase`): its name typed again.
struct AdminDeleteBaseModel {
    let heading: String
    let consequence: String
    let notice: String?
    let name: String
    let action: String
}

/// `/admin/import` (template `adminImport`).
struct AdminImportModel {
    let notice: String?
    let links: [LinkModel]
    let base: String
    let limit: String
    let formats: [FormSelectModel.Choice]
    let replace: Bool
    let jobs: Listing<LinkModel>
}

/// `/admin/imports/{id}` (template `adminImportJob`).
struct AdminImportJobModel {
    let heading: String
    let links: [LinkModel]
    let started: String
    let running: Bool
    let phase: String
    let total: String
    let written: String?
    let percent: String
    let counts: String
    let failure: String?
    let finished: String
    let report: Listing<LabelledValue>
    let baseHref: String?
    let warningsHeading: String
    let warnings: Listing<String>
    let more: String?
}
