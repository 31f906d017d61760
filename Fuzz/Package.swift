// swift-tools-version:6.2
// libFuzzer targets: the NIfTI header and gzip path, and the HTTP request bodies (multipart, URL-encoded forms,
// JSON). Build and run with Scripts/fuzz.sh (Linux):
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Sources/VolumeIO, Sources/RequestBodies and Sources/CZlib are relative symlinks to the main package's targets.
import PackageDescription

let package = Package(
    name: "ctriage-fuzz",
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "VolumeIO", dependencies: ["CZlib"], swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        .executableTarget(name: "FuzzNIfTI", dependencies: ["VolumeIO"]),
        .target(name: "RequestBodies"),
        .executableTarget(name: "FuzzRequests", dependencies: ["RequestBodies"]),
    ],
    swiftLanguageModes: [.v6]
)
