import Foundation

/// Text form of `timestamptz` as exchanged with a session whose TimeZone is UTC and DateStyle ISO.
enum PostgresTimestamp {
    static func format(_ date: Date) -> String {
        let totalMicros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = Int((totalMicros / 1_000_000).rounded(.down))
        let micros = Int(totalMicros - Double(seconds) * 1_000_000)
        var time = tm()
        var t = time_t(seconds)
        gmtime_r(&t, &time)
        let y = Int(time.tm_year) + 1900
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d.%06d+00", y, Int(time.tm_mon) + 1, Int(time.tm_mday),
            Int(time.tm_hour), Int(time.tm_min), Int(time.tm_sec), micros)
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]`.
    static func parse(_ text: Substring) -> Date? {
        let chars = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= chars.count else { return nil }
            var value = 0
            for _ in 0..<digits {
                let c = chars[i]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
                i += 1
            }
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
            expect(32) || expect(84), let hour = number(2), expect(58), let minute = number(2), expect(58),
            let second = number(2)
        else { return nil }
        var fraction = 0.0
        if expect(46) {
            var scale = 0.1
            while i < chars.count, chars[i] >= 48, chars[i] <= 57 {
                fraction += Double(chars[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        var offset = 0
        if i < chars.count {
            let sign: Int
            if expect(43) { sign = 1 } else if expect(45) { sign = -1 } else { return nil }
            guard let oh = number(2) else { return nil }
            var om = 0, os = 0
            if expect(58) { guard let m = number(2) else { return nil }; om = m }
            if expect(58) { guard let s = number(2) else { return nil }; os = s }
            offset = sign * (oh * 3600 + om * 60 + os)
        }
        guard i == chars.count else { return nil }
        var time = tm()
        time.tm_year = Int32(year - 1900)
        time.tm_mon = Int32(month - 1)
        time.tm_mday = Int32(day)
        time.tm_hour = Int32(hour)
        time.tm_min = Int32(minute)
        time.tm_sec = Int32(second)
        let epoch = timegm(&time)
        return Date(timeIntervalSince1970: Double(epoch - offset) + fraction)
    }
}
