// swift-tools-version:6.2
// libFuzzer target for the NIfTI header and gzip path. Build and run with Scripts/fuzz.sh (Linux):
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Sources/VolumeIO and Sources/CZlib are relative symlinks to the main package's targets.
import PackageDescription

let package = Package(
    name: "ctriage-fuzz",
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "VolumeIO", dependencies: ["CZlib"], swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        .executableTarget(name: "FuzzNIfTI", dependencies: ["VolumeIO"]),
    ],
    swiftLanguageModes: [.v6]
)
