import ArabicText
import Testing

/// Machine-written timestamps: the source's own offset kept for display, UTC for sorting.
struct TimestampTests {
    @Test(arguments: [
        ("2026-02-11", "2026-02-11T00:00:00Z"), ("2026-02-11T09:30:00+03:00", "2026-02-11T06:30:00Z"),
        ("2026-02-11T23:30:00-02:00", "2026-02-12T01:30:00Z"), ("2026-01-01T01:00:00.250+0300", "2025-12-31T22:00:00Z"),
        ("Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18T17:35:43Z"), ("Wed, 11 Feb 2026 09:30:00 GMT", "2026-02-11T09:30:00Z"),
        // Basic-format times, as one ANT export writes them.
        ("2017-01-22T181500", "2017-01-22T18:15:00Z"), ("2017-01-22T1815", "2017-01-22T18:15:00Z"), ("2017-01-22T181500+0100", "2017-01-22T17:15:00Z"),
    ])
    func readsMachineTimestamps(_ text: String, _ iso: String) {
        #expect(Timestamp.utcISO(text) == iso)
    }

    /// The date the site printed survives: the source's offset is kept, `Z` means UTC or no zone.
    @Test(arguments: [
        ("2020-06-03T03:01+0400", "2020-06-03T03:01:00+04:00"), ("2026-02-11T09:30:00.5+03:00", "2026-02-11T09:30:00+03:00"),
        ("2026-02-11T23:30:00-02:30", "2026-02-11T23:30:00-02:30"), ("2026-02-11T09:30:00Z", "2026-02-11T09:30:00Z"),
        ("2026-02-11 09:30", "2026-02-11T09:30:00Z"), ("2026-02-11", "2026-02-11T00:00:00Z"),
        ("Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18T21:35:43+04:00"), ("Wed, 11 Feb 2026 09:30:00 GMT", "2026-02-11T09:30:00Z"),
        ("Wed, 11 Feb 2026 09:30:00 EST", "2026-02-11T09:30:00-05:00"), ("2017-01-22T181500+0100", "2017-01-22T18:15:00+01:00"),
    ])
    func keepsTheSourcesOffset(_ text: String, _ iso: String) {
        #expect(Timestamp.iso(text) == iso)
        // Both forms name one instant.
        #expect(Timestamp.utcISO(text) == Timestamp.utcISO(iso))
    }

    @Test func rejectsImpossibleDaysAndOffsets() {
        #expect(Timestamp.iso("2026-02-30T10:00:00Z") == nil)
        #expect(Timestamp.iso("2024-02-29T10:00:00Z") == "2024-02-29T10:00:00Z")
        #expect(Timestamp.iso("2026-02-11T10:00:00+25:00") == nil)
    }

    @Test func rejectsNonTimestamps() {
        #expect(Timestamp.utcISO("أمس") == nil)
        #expect(Timestamp.utcISO("2026-13-45") == nil)
        #expect(Timestamp.utcISO("2017-01-22T18150") == nil)
        #expect(Timestamp.utcISO("2017-01-22T18:1500") == nil)
        #expect(Timestamp.utcISO(unixTime: 1_770_800_000) == "2026-02-11T08:53:20Z")
        #expect(Timestamp.utcISO(unixTime: 1_770_800_000_000) == "2026-02-11T08:53:20Z")
    }
}
