import Hummingbird

/// `GET /`: what this service is and where to go next (the Python API's root route).
struct RootController {
    let environment: String

    struct ServiceInfo: Encodable {
        let name: String
        let version: String
        let environment: String
        let health: String
        let api: String
    }

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/", access: .open, in: catalog) { _, _ in
            try JSONResponse.encode(
                ServiceInfo(
                    name: "GeneWeb API", version: AppVersion.current, environment: environment,
                    health: "/health", api: "/api/v1"
                ))
        }
    }
}
