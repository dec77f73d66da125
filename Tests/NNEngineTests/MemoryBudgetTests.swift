import NNEngine
import Testing

/// The memory budget's sizes as people write and read them, and its default.
@Suite struct MemoryBudgetTests {
    @Test(arguments: [
        ("2G", 2 << 30), ("512M", 512 << 20), ("512m", 512 << 20), ("1.5GB", 3 << 29), ("100k", 100 << 10),
        ("1000000000", 1_000_000_000), (" 3T ", 3 << 40), ("64MB", 64 << 20),
    ])
    func sizesParse(_ text: String, _ bytes: Int) {
        #expect(MemoryBudget.parse(text) == bytes)
    }

    @Test(arguments: ["", "lots", "-1G", "0", "2X", "G", "1e30G", "nan"])
    func nonSizesAreRefused(_ text: String) {
        #expect(MemoryBudget.parse(text) == nil)
    }

    @Test func sizesDescribeThemselves() {
        #expect(MemoryBudget.describe(300 << 20) == "300 MB")
        #expect(MemoryBudget.describe(3 << 29) == "1.5 GB")
        #expect(MemoryBudget.describe(512) == "512 bytes")
    }

    @Test func theDefaultIsAShareOfTheMachineAndSmallRequestsPass() {
        #expect(MemoryBudget.defaultLimit > 0)
        #expect(MemoryBudget.allows(1024))
        #expect(!MemoryBudget.allows(Int.max / 2))
    }
}
