import Hummingbird

/// `GET /`: what this service is and where to go next (the Python API's root route).
struct RootController {
    let environment: String

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/", access: .open, in: catalog) { _, _ in
            try JSONResponse.encode(
                ServiceInfoPayload(
                    name: "GeneWeb API", version: AppVersion.current, environment: environment,
                    health: "/health", api: "/api/v1"
                ))
        }
    }
}
