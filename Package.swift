// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "liftwatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "liftwatch", targets: ["liftwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // HMAC and SHA-256 for the second factor. Vapor already depends on it (1.0.0 ..< 6.0.0);
        // the versions at hand are 3.12.3 and 4.5.2.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3" ..< "5.0.0"),
        // GET /metrics: Vapor reports its request counts and latencies through swift-metrics; Prometheus's
        // text format from this registry.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Pure rules of the field (ID numbers, phones, codes, text normalisation): no web framework.
        .target(name: "Validation"),
        // The login captcha image, drawn and PNG-encoded by our own code: no web framework.
        .target(name: "Captcha"),
        // Maintenance levels, equipment kinds, supervision rules and the text a record's hash covers: no web framework.
        .target(name: "Supervision", dependencies: ["Validation"]),
        // Our own .xlsx reader and writer (no Swift xlsx package exists here): no web framework.
        .target(name: "XLSX", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Our own QR Code encoder (ISO/IEC 18004) and its SVG drawing, for enrolling an authenticator app: no web framework.
        .target(name: "QRCode"),
        // TOTP (RFC 6238), Base32, the otpauth:// URI and recovery codes: the second factor's rules, no web framework.
        .target(name: "SecondFactor", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // libjpeg-turbo from Debian (libjpeg62-turbo-dev): decodes the workers' site photos, encodes their thumbnails.
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        // The calls into libjpeg behind setjmp: its errors jump out of the failing call, which Swift code cannot survive.
        .target(name: "JPEGShim", dependencies: ["CJPEG"]),
        // Site photos (现场照片): bounded JPEG decoding, EXIF orientation, the perceptual hash, thumbnails: no web framework.
        .target(name: "SitePhoto", dependencies: ["JPEGShim"]),
        .target(
            name: "App",
            dependencies: [
                "Validation",
                "Supervision",
                "Captcha",
                "XLSX",
                "QRCode",
                "SecondFactor",
                "SitePhoto",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(name: "liftwatch", dependencies: ["App"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation"]),
        .testTarget(name: "CaptchaTests", dependencies: ["Captcha"]),
        .testTarget(name: "SupervisionTests", dependencies: ["Supervision", "Validation"]),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX"], resources: [.copy("Fixtures")]),
        // decode_qr.py is run by the tests (an independent decoder), not compiled.
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "Captcha"], exclude: ["decode_qr.py"]),
        .testTarget(name: "SecondFactorTests", dependencies: ["SecondFactor"]),
        // The fixtures are JPEGs written by Pillow (an independent encoder): see Fixtures/make_fixtures.py.
        .testTarget(name: "SitePhotoTests", dependencies: ["SitePhoto"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                "XLSX",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
