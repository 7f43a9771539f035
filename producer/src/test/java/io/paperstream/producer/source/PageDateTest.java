package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PageDateTest {

    @Test
    void readsTheDateLinesOfTrendingPages() {
        assertThat(PageDate.parse("Mar 14", 2025)).contains(LocalDate.of(2025, 3, 14));
        assertThat(PageDate.parse("March 14", 2024)).contains(LocalDate.of(2024, 3, 14));
        assertThat(PageDate.parse(" Sept 3 ", 2025)).contains(LocalDate.of(2025, 9, 3));
        assertThat(PageDate.parse("Dec 31, 2023", 2025)).contains(LocalDate.of(2023, 12, 31));
        assertThat(PageDate.parse("2024-02-29", 2025)).contains(LocalDate.of(2024, 2, 29));
    }

    @Test
    void titlesAndImpossibleDatesAreNoDates() {
        assertThat(PageDate.parse("Mar 32", 2025)).isEmpty();
        assertThat(PageDate.parse("Feb 29", 2025)).isEmpty();
        assertThat(PageDate.parse("Subscribe", 2025)).isEmpty();
        assertThat(PageDate.parse("May 2024 Benchmarks", 2025)).isEmpty();
        assertThat(PageDate.parse("Marvelous 12", 2025)).isEmpty();
    }
}
