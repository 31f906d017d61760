// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "ctriage",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ctriage", targets: ["CTriageCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Pipeline, pure core: volume I/O → estimator → triage rules.
        .target(name: "VolumeIO", dependencies: ["CZlib"], swiftSettings: strict),
        .target(name: "Estimator", dependencies: ["VolumeIO"], swiftSettings: strict),
        .target(
            name: "DICOM", dependencies: ["VolumeIO", "CZlib", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        .target(name: "Triage", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: strict),

        // Database: libpq client, embedded cluster launcher, store (migrations, repositories).
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "EmbeddedPostgres",
            dependencies: [
                "Postgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Store",
            dependencies: [
                "Postgres", "Triage", "VolumeIO", "DICOM",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // Edge: request bodies (pure, fuzzed in Fuzz/), the HTTP server and the command line.
        .target(name: "RequestBodies", swiftSettings: strict),
        .target(
            name: "Server",
            dependencies: [
                "Store", "Postgres", "EmbeddedPostgres", "Estimator", "VolumeIO", "Triage", "RequestBodies", "DICOM",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "CTriageCLI",
            dependencies: [
                "Server", "Store", "Postgres", "EmbeddedPostgres", "VolumeIO", "Estimator", "Triage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // A keep-alive HTTP/1.1 client for `bench worklist`; the tests build it anyway.
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // Shared by the integration tests: a throwaway PostgreSQL per test run.
        .target(
            name: "TestSupport",
            dependencies: ["Postgres", "EmbeddedPostgres", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        .testTarget(name: "VolumeIOTests", dependencies: ["VolumeIO"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "DICOMTests", dependencies: ["DICOM", "VolumeIO"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "EstimatorTests", dependencies: ["Estimator", "VolumeIO"], swiftSettings: strict),
        .testTarget(name: "TriageTests", dependencies: ["Triage"], swiftSettings: strict),
        .testTarget(name: "RequestBodiesTests", dependencies: ["RequestBodies"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport", "EmbeddedPostgres", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Postgres", "TestSupport", "Triage", "VolumeIO", "EmbeddedPostgres", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Store", "TestSupport", "Estimator", "VolumeIO", "Triage", "RequestBodies", "DICOM",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
