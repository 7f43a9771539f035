package io.paperstream.producer.replay;

import java.time.Instant;
import java.util.List;

/**
 * The ground truth of one burst of a replay: what was asked, and how many papers it added on
 * each of its days.
 *
 * @param spec the burst as asked
 * @param poolPapers how many pool papers carry the key (the papers the burst draws from)
 * @param baseRatePerDay the key's expected papers per day without the burst
 * @param injectedPerDay papers the burst added on each of its days, on top of the base traffic
 * @param windowStart the start of its first day
 * @param windowEnd the end of its last day
 */
public record InjectedBurst(
        BurstSpec spec,
        int poolPapers,
        double baseRatePerDay,
        List<Integer> injectedPerDay,
        Instant windowStart,
        Instant windowEnd) {

    public InjectedBurst {
        injectedPerDay = List.copyOf(injectedPerDay);
    }

    /** The expected papers per day the burst adds: the base rate times (multiplier - 1). */
    public double injectedRatePerDay() {
        return baseRatePerDay * (spec.multiplier() - 1);
    }

    /** Papers the burst added in all. */
    public long injected() {
        return injectedPerDay.stream().mapToLong(Integer::longValue).sum();
    }
}
