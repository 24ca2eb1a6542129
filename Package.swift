// swift-tools-version:6.1
import PackageDescription

/// One package, one direction of dependencies:
/// geneweb (CLI) → GenewebServer → GenewebStore → GenewebCore; the web site's rendering
/// (GenewebSite: templates, message catalogs) and chart geometry (GenewebCharts, pure) sit
/// beside the store, used by the server.
/// See ../shared/design/ARCHITECTURE.md and docs/architecture.md.
let package = Package(
    name: "geneweb-server",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "geneweb", targets: ["geneweb"]),
        .library(name: "GenewebCore", targets: ["GenewebCore"]),
        .library(name: "GenewebFormats", targets: ["GenewebFormats"]),
        .library(name: "GenewebStore", targets: ["GenewebStore"]),
        .library(name: "GenewebServer", targets: ["GenewebServer"]),
        .library(name: "GenewebCharts", targets: ["GenewebCharts"]),
        .library(name: "GenewebSite", targets: ["GenewebSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", exact: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", exact: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", exact: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", exact: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", exact: "1.35.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", exact: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", exact: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
    ],
    targets: [
        .target(name: "GenewebCore"),
        // Starting child programs without Foundation's `Process` (see ChildProcess.swift for why).
        .target(name: "CGenewebSpawn"),
        .target(name: "GenewebProcesses", dependencies: ["CGenewebSpawn"]),
        .target(name: "GenewebFormats", dependencies: ["GenewebCore"]),
        // Chart geometry and SVG: no HTTP, no storage; tested on the geometry it computes.
        .target(name: "GenewebCharts"),
        // The site's pages: templates, message catalogs and page models, rendered to HTML.
        .target(
            name: "GenewebSite",
            dependencies: ["GenewebCore", "GenewebCharts", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "GenewebStore",
            dependencies: [
                "GenewebCore",
                "GenewebFormats",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "GenewebServer",
            dependencies: [
                "GenewebCore",
                "GenewebFormats",
                "GenewebStore",
                "GenewebCharts",
                "GenewebSite",
                "GenewebProcesses",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "geneweb",
            dependencies: [
                "GenewebCore",
                "GenewebFormats",
                "GenewebServer",
                "GenewebStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Helpers shared by the test targets: temporary folders, the test PostgreSQL, the built binary.
        .target(
            name: "GenewebTestSupport",
            dependencies: [
                "GenewebCore", "GenewebFormats", "GenewebStore", "GenewebProcesses",
                .product(name: "SQLKit", package: "sql-kit"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Support"
        ),
        .testTarget(name: "GenewebCoreTests", dependencies: ["GenewebCore"]),
        .testTarget(name: "GenewebChartsTests", dependencies: ["GenewebCharts"]),
        .testTarget(name: "GenewebSiteTests", dependencies: ["GenewebCore", "GenewebSite"]),
        .testTarget(name: "GenewebFormatsTests", dependencies: ["GenewebCore", "GenewebFormats", "GenewebTestSupport"]),
        .testTarget(
            name: "GenewebStoreTests",
            dependencies: [
                "GenewebCore", "GenewebFormats", "GenewebStore", "GenewebTestSupport",
                .product(name: "SQLKit", package: "sql-kit"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "GenewebServerTests",
            dependencies: [
                "GenewebCore",
                "GenewebProcesses",
                "GenewebServer",
                "GenewebSite",
                "GenewebStore",
                "GenewebTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Micro-benchmarks of the core (Benchmarks/CoreBenchmarks), on demand only: the harness and its
// build are added when GENEWEB_BENCHMARKS is set, so `swift build` and CI never build them.
//     GENEWEB_BENCHMARKS=1 swift package --allow-writing-to-package-directory benchmark
if Context.environment["GENEWEB_BENCHMARKS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/ordo-one/benchmark.git", exact: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), "GenewebCore", "GenewebFormats"],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ))
}
